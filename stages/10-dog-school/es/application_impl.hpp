#pragma once
// The bodies of es::Repository::load and es::Application::save_all. Include this file where an
// application type is instantiated, as dog_school.cpp does with
//     template class es::Application<DogMapper, Dog>;
// and everywhere else application.hpp alone (with an `extern template` for that type, as
// dog_school.hpp has): the templates are then compiled once, where their bodies are.
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "es/application.hpp"
#include "es/not_implemented.hpp"

namespace es {

template <typename Mapper, EventSourced... Aggregates>
template <typename A>
A Repository<Mapper, Aggregates...>::load(const Uuid& id, std::optional<std::int64_t> version) const
{
    // >>> step 4: Repository::load
    throw es::NotImplemented("Repository::load", 4);
    // <<<
}

template <typename Mapper, EventSourced... Aggregates>
void Repository<Mapper, Aggregates...>::load_into(const Uuid& id, std::optional<std::int64_t> version,
                                                  Loading& loading) const
{
    // `loading` holds an empty std::optional of the type asked for: load one of that type into it.
    std::visit([&]<typename A>(std::optional<A>& aggregate) { aggregate = load<A>(id, version); }, loading);
}

template <typename Mapper, EventSourced... Aggregates>
void Application<Mapper, Aggregates...>::save_all(std::span<const Saving> aggregates)
{
    // >>> step 3: Application::save
    throw es::NotImplemented("Application::save", 3);
    // <<<
}

}  // namespace es
