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

namespace es {

template <typename Mapper, EventSourced... Aggregates>
template <typename A>
A Repository<Mapper, Aggregates...>::load(const Uuid& id, std::optional<std::int64_t> version) const
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
        aggregate = mutate(std::move(aggregate), Mapper::template from_stored<typename A::Event>(stored));
    }
    if (!aggregate) throw AggregateNotFound("aggregate " + id.to_string() + " not found");
    if (version && aggregate->version() != *version) {
        throw AggregateNotFound("aggregate " + id.to_string() + " has no version " +
                                std::to_string(*version) + ": its latest is " +
                                std::to_string(aggregate->version()));
    }
    return std::move(*aggregate);
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
    // Every aggregate's pending events, in one batch: one insert stores all of them or none.
    std::vector<StoredEvent> stored;
    for (const Saving& saving : aggregates) {
        std::visit(
            [&](const auto* aggregate) {
                for (const auto& event : aggregate->pending_events())
                    stored.push_back(Mapper::to_stored(event));
            },
            saving);
    }
    recorder_->insert_events(stored);
    // Stored: no longer pending. Only now, so a refused save leaves every aggregate as it was.
    for (const Saving& saving : aggregates)
        std::visit([](auto* aggregate) { aggregate->collect_events(); }, saving);
    if (!stored.empty()) run_after_save();
}

}  // namespace es
