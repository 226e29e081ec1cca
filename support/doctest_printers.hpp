#pragma once
// Included before every test file (see tools/cmake/KitStages.cmake), so that a failed CHECK shows
// the values of vectors, optionals and UUIDs instead of doctest's "{?}".
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "es/uuid.hpp"

namespace doctest {

template <typename T>
struct StringMaker<std::vector<T>> {
    static String convert(const std::vector<T>& values)
    {
        String text = "{";
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0) text += ", ";
            text += toString(values[i]);
        }
        return text + "}";
    }
};

template <typename T>
struct StringMaker<std::optional<T>> {
    static String convert(const std::optional<T>& value)
    {
        return value ? toString(*value) : String("nullopt");
    }
};

template <>
struct StringMaker<es::Uuid> {
    static String convert(const es::Uuid& id) { return id.to_string().c_str(); }
};

template <>
struct StringMaker<std::string> {
    static String convert(const std::string& text) { return ("\"" + text + "\"").c_str(); }
};

}  // namespace doctest
