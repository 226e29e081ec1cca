#pragma once
// The bodies of es::Repository::load and es::Application::save_all. Include this file where an
// application type is instantiated, as dog_school.cpp does with
//     template class es::Application<DogMapper, Dog>;
// and everywhere else application.hpp alone (with an `extern template` for that type, as
// dog_school.hpp has): the templates are then compiled once, where their bodies are.
#include <exception>
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
    std::optional<A> aggregate;
    // Version v is made by the events at versions 0 .. v-1: a snapshot at version s holds what the
    // first s of them made, so the events still to apply are those from version s on.
    std::optional<std::int64_t> applied_up_to;  // the version of the last event the snapshot holds
    if constexpr (Snapshotting<A>) {
        if (snapshots_ != nullptr) {
            // The latest snapshot at or before the version: newest first, one of them.
            const auto found = snapshots_->select_events(id, {.lte = version, .desc = true, .limit = 1});
            if (!found.empty()) {
                aggregate = A::from_snapshot(
                    std::get<0>(Mapper::template from_stored<SnapshotVariant<A>>(found.front())));
                applied_up_to = aggregate->version() - 1;
            }
        }
    }
    const auto events = recorder_.select_events(
        id, {.gt = applied_up_to, .lte = version ? std::optional{*version - 1} : std::nullopt});
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
    // The snapshots the save calls for, taken before the pending events are forgotten: they tell
    // the version each aggregate had before this save.
    std::vector<StoredEvent> snapshots;
    if (snapshots_ != nullptr) {
        try {
            const std::int64_t interval = snapshotting_interval_;
            for (const Saving& saving : aggregates) {
                std::visit(
                    [&]<typename A>(const A* aggregate) {
                        if constexpr (Snapshotting<A>) {
                            // A save of several events may jump past a multiple: 8 -> 11 passes 10.
                            const std::int64_t after = aggregate->version();
                            const auto before =
                                after - static_cast<std::int64_t>(aggregate->pending_events().size());
                            if (after / interval > before / interval) {
                                snapshots.push_back(
                                    Mapper::to_stored(SnapshotVariant<A>{aggregate->snapshot()}));
                            }
                        }
                    },
                    saving);
            }
        } catch (const Error&) {
            snapshots.clear();  // a snapshot that cannot be mapped is left out: the save is stored
        }
    }
    // Stored: no longer pending. Only now, so a refused save leaves every aggregate as it was.
    for (const Saving& saving : aggregates)
        std::visit([](auto* aggregate) { aggregate->collect_events(); }, saving);
    store_snapshots(snapshots);
    if (!stored.empty()) run_after_save();
}

template <typename Mapper, EventSourced... Aggregates>
void Application<Mapper, Aggregates...>::store_snapshots(const std::vector<StoredEvent>& snapshots) noexcept
{
    for (const StoredEvent& snapshot : snapshots) {
        try {
            snapshots_->insert_events({snapshot});
        } catch (const std::exception&) {
            // Taken (another process stored this very snapshot first) or not stored at all: either
            // way the events are the truth, and the next get() replays a little more.
        }
    }
}

}  // namespace es
