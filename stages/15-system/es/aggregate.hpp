#pragma once
// The library way: what every event-sourced aggregate needs, written once for all of them.
//
// An aggregate derives from es::Aggregate<Itself, ItsEvents> (see dog.hpp). Its commands decide,
// then record() an event; its mutator, a free function `mutate` declared beside it, applies
// events. The base keeps the id, the version and the events recorded but not yet saved.
#include <chrono>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "es/error.hpp"
#include "es/uuid.hpp"

namespace es {

// When something happened, in whole microseconds since 1970-01-01 UTC: exact once stored as one
// integer.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

inline Timestamp now()
{
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

// The fields every event of every aggregate starts with. An event is a plain struct that derives
// from it and adds what is particular to it:
//     struct TrickAdded : es::DomainEvent { std::string trick; };
//     TrickAdded{{dog_id, 1, es::now()}, "roll over"}
struct DomainEvent {
    Uuid originator_id;                   // the aggregate it happened to
    std::int64_t originator_version = 0;  // its place in that history: 0 for the first event, then 1, 2...
    Timestamp timestamp;                  // when it happened

    bool operator==(const DomainEvent&) const = default;
};

// What the library asks of the types a domain gives it, as concepts. Where a type falls short, the
// library stops the build with one line that names what is missing (see Aggregate::record).

// An event: a struct that derives publicly from DomainEvent.
template <typename E>
concept DomainEventType = std::derived_from<E, DomainEvent>;

template <typename V>
inline constexpr bool is_event_variant = false;
template <typename... Events>
inline constexpr bool is_event_variant<std::variant<Events...>> = (DomainEventType<Events> && ...);

// An aggregate's events: a std::variant whose every alternative is a DomainEventType.
template <typename V>
concept DomainEventVariant = is_event_variant<V>;

template <typename Derived, typename EventVariant>
class Aggregate;

// A has a mutator: `std::optional<A> mutate(std::optional<A>, const A::Event&)`, declared beside A,
// where argument-dependent lookup finds it.
template <typename A>
concept HasMutator = requires(std::optional<A> aggregate, const typename A::Event& event)
{
    requires std::same_as<decltype(mutate(std::move(aggregate), event)), std::optional<A>>;
};

// An event-sourced aggregate: built on Aggregate with its own events, and a mutator that applies them.
template <typename A>
concept EventSourced = std::derived_from<A, Aggregate<A, typename A::Event>> && HasMutator<A>;

// slide: Snapshotting
// An aggregate whose state can be kept as a snapshot: A::Snapshot, a plain struct deriving from
// DomainEvent (its id and version are the aggregate's, with a topic of its own) that holds the
// aggregate's state, taken by a.snapshot() and made back into an aggregate by A::from_snapshot(s).
// A snapshot is a cache of a replay: from_snapshot(a.snapshot()) == a, always.
template <typename A>
concept Snapshotting = DomainEventType<typename A::Snapshot> &&
    requires(const A& aggregate, const typename A::Snapshot& snapshot)
{
    {
        aggregate.snapshot()
        } -> std::same_as<typename A::Snapshot>;
    {
        A::from_snapshot(snapshot)
        } -> std::same_as<A>;
};

// A snapshot as a mapper maps it: a variant of one event type, like an aggregate's events.
template <typename A>
using SnapshotVariant = std::variant<typename A::Snapshot>;
// end slide

// The same answers as plain values, for static_assert: on a value it prints its message alone, on a
// concept it adds the compiler's notes on why (a dozen lines on gcc).
template <typename A>
inline constexpr bool has_mutator = HasMutator<A>;
template <typename A>
inline constexpr bool is_event_sourced = EventSourced<A>;
template <typename E, typename V>
inline constexpr bool is_one_of = false;
template <typename E, typename... Events>
inline constexpr bool is_one_of<E, std::variant<Events...>> = (std::same_as<E, Events> || ...);

// The DomainEvent part of whichever event a variant holds.
template <typename... Events>
const DomainEvent& header_of(const std::variant<Events...>& event)
{
    return std::visit([](const DomainEvent& e) -> const DomainEvent& { return e; }, event);
}

// One visitor made of several lambdas: std::visit(es::overloaded{[](const A&) {...}, ...}, event).
template <class... Handlers>
struct overloaded : Handlers... {
    using Handlers::operator()...;
};
template <class... Handlers>
overloaded(Handlers...) -> overloaded<Handlers...>;  // older compilers (clang < 17) need this

// An event was applied to no aggregate: its first event did not come first.
class AggregateNotFound : public Error {
public:
    using Error::Error;
};

// An event was applied to an aggregate it is not about.
class WrongAggregate : public Error {
public:
    WrongAggregate(const Uuid& aggregate_id, const DomainEvent& event)
        : Error("the event at version " + std::to_string(event.originator_version) + " of aggregate " +
                event.originator_id.to_string() + " cannot be applied to aggregate " +
                aggregate_id.to_string() + ": it is about another one")
    {
    }
};

// An event's version is not the one that comes next: an event was skipped, repeated or reordered.
class EventOutOfOrder : public Error {
public:
    EventOutOfOrder(const DomainEvent& event, std::int64_t expected_version)
        : Error("the event at version " + std::to_string(event.originator_version) + " of aggregate " +
                event.originator_id.to_string() + " is out of order: the next version is " +
                std::to_string(expected_version))
    {
    }
};

// The base of an aggregate `Derived` whose events are the alternatives of `EventVariant`.
// Derived must provide, in its own namespace (found by argument-dependent lookup):
//     std::optional<Derived> mutate(std::optional<Derived> aggregate, const EventVariant& event);
// and a private default constructor with `friend Aggregate;`, for start() below.
template <typename Derived, typename EventVariant>
class Aggregate {
    static_assert(is_event_variant<EventVariant>,
                  "es::Aggregate<A, Events>: Events must be a std::variant of event structs, each deriving "
                  "from es::DomainEvent");

public:
    using Event = EventVariant;

    const Uuid& id() const { return id_; }
    // How many events made this aggregate; its next event gets this number as originator_version.
    std::int64_t version() const { return version_; }

    // The events recorded since the aggregate was made or last collected, oldest first.
    const std::vector<Event>& pending_events() const { return pending_; }
    // Hands the pending events over (to be saved) and forgets them.
    std::vector<Event> collect_events();

    // Aggregates are equal when their state is: pending events are news, not state.
    bool operator==(const Aggregate& other) const { return id_ == other.id_ && version_ == other.version_; }

protected:
    Aggregate() = default;
    // For an aggregate whose id is chosen, not drawn at random: its first event gets `id`. (A
    // follower keeps one aggregate per aggregate of its upstream, found by the same id.)
    explicit Aggregate(const Uuid& id) : id_(id) {}

    // For commands, once they have decided: makes the event E from the given fields (after the
    // DomainEvent part, which it fills in: this aggregate's id, a fresh one for a first event, its
    // next version and the time), applies it with mutate() and keeps it pending. A mutator must
    // not fail on an event its own command recorded: check in the command, before recording. If
    // anything throws all the same, the aggregate and its pending events stay as they were.
    // (Self is Derived; a parameter of record() itself, so that the constraint is checked when a
    // command calls it, once Derived is complete: clang 14 checks one on Derived alone too early.)
    template <typename E, typename... Fields, typename Self = Derived>
    requires EventSourced<Self> && is_one_of<E, EventVariant>
    void record(Fields&&... fields);
    // Chosen instead when the record() above does not apply: stops the build with one line that
    // says why, instead of pages of errors from inside record().
    template <typename E, typename... Fields, typename Self = Derived>
    void record(Fields&&...)
    {
        static_assert(
            has_mutator<Derived>,
            "es::EventSourced: no mutate() for this aggregate A; declare beside it (where "
            "argument-dependent lookup finds it) std::optional<A> mutate(std::optional<A>, const A::Event&)");
        static_assert(
            !has_mutator<Derived> || is_event_sourced<Derived>,
            "es::EventSourced: an aggregate A must derive publicly from es::Aggregate<A, A::Event>");
        static_assert(
            is_one_of<E, EventVariant>,
            "es::Aggregate::record<E>: E is not one of this aggregate's events (its Event variant)");
    }

    // For snapshot(): the DomainEvent part of a snapshot of the aggregate as it is now (its id, its
    // version, the time).
    DomainEvent snapshot_header() const { return {id_, version_, now()}; }

    // For from_snapshot(): a blank aggregate with the snapshot's id and version, for it to fill in
    // with the snapshot's state. Throws es::Error for a version below 1 (no aggregate has one).
    static Derived restore(const DomainEvent& snapshot);

    // For mutators, on the event that makes an aggregate: there must be none yet, and the event
    // must be version 0. Returns the new aggregate, with the event's id and version 1, for the
    // mutator to fill in.
    static Derived& start(std::optional<Derived>& aggregate, const DomainEvent& first);

    // For mutators, on every later event: the aggregate must exist, the event must be about it and
    // come next. Returns the aggregate, its version moved on by one, for the mutator to change.
    static Derived& advance(std::optional<Derived>& aggregate, const DomainEvent& next);

private:
    Uuid id_;
    std::int64_t version_ = 0;
    std::vector<Event> pending_;
};

template <typename Derived, typename EventVariant>
std::vector<EventVariant> Aggregate<Derived, EventVariant>::collect_events()
{
    return std::exchange(pending_, {});
}

template <typename Derived, typename EventVariant>
template <typename E, typename... Fields, typename Self>
requires EventSourced<Self> && is_one_of<E, EventVariant>
void Aggregate<Derived, EventVariant>::record(Fields&&... fields)
{
    static_assert(
        std::is_nothrow_move_assignable_v<Derived>,
        "es::Aggregate: an aggregate must be nothrow move assignable: record() commits a command by a move");
    const bool first = version_ == 0;
    const bool chosen = id_ != Uuid{};
    Event event =
        E{{first && !chosen ? Uuid::random() : id_, version_, now()}, std::forward<Fields>(fields)...};
    // The work is done on a copy, so that if anything throws this aggregate is as it was. A replay
    // (Repository::load) does not come through here: it moves its aggregate through mutate instead.
    std::optional<Derived> next =
        mutate(first ? std::nullopt : std::optional<Derived>{static_cast<const Derived&>(*this)}, event);
    if (!next) throw Error("mutate() ended the aggregate it was recording on; it must return one");
    Aggregate& after = *next;
    after.pending_.push_back(std::move(event));
    static_cast<Derived&>(*this) = std::move(*next);  // the commit: a move that cannot throw
}

template <typename Derived, typename EventVariant>
Derived& Aggregate<Derived, EventVariant>::start(std::optional<Derived>& aggregate, const DomainEvent& first)
{
    if (aggregate) throw EventOutOfOrder(first, aggregate->version());
    if (first.originator_version != 0) throw EventOutOfOrder(first, 0);
    aggregate = Derived{};
    Aggregate& base = *aggregate;
    base.id_ = first.originator_id;
    base.version_ = 1;
    return *aggregate;
}

template <typename Derived, typename EventVariant>
Derived Aggregate<Derived, EventVariant>::restore(const DomainEvent& snapshot)
{
    if (snapshot.originator_version < 1) {
        throw Error("a snapshot of aggregate " + snapshot.originator_id.to_string() + " at version " +
                    std::to_string(snapshot.originator_version) + ": versions start at 1");
    }
    Derived aggregate{};
    Aggregate& base = aggregate;
    base.id_ = snapshot.originator_id;
    base.version_ = snapshot.originator_version;
    return aggregate;
}

template <typename Derived, typename EventVariant>
Derived& Aggregate<Derived, EventVariant>::advance(std::optional<Derived>& aggregate, const DomainEvent& next)
{
    if (!aggregate) {
        throw AggregateNotFound("the event at version " + std::to_string(next.originator_version) +
                                " of aggregate " + next.originator_id.to_string() +
                                " has no aggregate to apply to: its first event must come first");
    }
    Aggregate& base = *aggregate;
    if (next.originator_id != base.id_) throw WrongAggregate(base.id_, next);
    if (next.originator_version != base.version_) throw EventOutOfOrder(next, base.version_);
    base.version_ += 1;
    return *aggregate;
}

}  // namespace es
