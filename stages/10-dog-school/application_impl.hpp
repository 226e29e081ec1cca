#pragma once
// The bodies of es::Repository::load and es::Application::save. Include this file where an
// application type is instantiated, as dog_school.cpp does with
//     template class es::Application<Dog, DogMapper>;
// and everywhere else application.hpp alone (with an `extern template` for that type, as
// dog_school.hpp has): the templates are then compiled once, where their bodies are.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "application.hpp"
#include "es/not_implemented.hpp"

namespace es {

template <typename A, typename Mapper>
A Repository<A, Mapper>::load(const Uuid& id, std::optional<std::int64_t> version) const
{
    // >>> step 4: Repository::load
    throw es::NotImplemented("Repository::load", 4);
    // <<<
}

template <typename A, typename Mapper>
void Application<A, Mapper>::save(A& aggregate)
{
    // >>> step 3: Application::save
    throw es::NotImplemented("Application::save", 3);
    // <<<
}

}  // namespace es
