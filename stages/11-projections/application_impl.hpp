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

namespace es {

template <typename A, typename Mapper>
A Repository<A, Mapper>::load(const Uuid& id, std::optional<std::int64_t> version) const
{
    if (version && *version < 1) {
        throw AggregateNotFound("aggregate " + id.to_string() + " has no version " +
                                std::to_string(*version) + ": versions start at 1");
    }
    // Version v is made by the events at versions 0 .. v-1.
    const auto events =
        recorder_.select_events(id, {.lte = version ? std::optional{*version - 1} : std::nullopt});
    std::optional<A> aggregate;
    for (const StoredEvent& stored : events) {
        aggregate = mutate(std::move(aggregate), Mapper::from_stored(stored));
    }
    if (!aggregate) throw AggregateNotFound("aggregate " + id.to_string() + " not found");
    if (version && aggregate->version() != *version) {
        throw AggregateNotFound("aggregate " + id.to_string() + " has no version " +
                                std::to_string(*version) + ": its latest is " +
                                std::to_string(aggregate->version()));
    }
    return std::move(*aggregate);
}

template <typename A, typename Mapper>
void Application<A, Mapper>::save(A& aggregate)
{
    std::vector<StoredEvent> stored;
    stored.reserve(aggregate.pending_events().size());
    for (const auto& event : aggregate.pending_events()) stored.push_back(Mapper::to_stored(event));
    recorder_->insert_events(stored);
    aggregate.collect_events();  // stored: no longer pending
}

}  // namespace es
