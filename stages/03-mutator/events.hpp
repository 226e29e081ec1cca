#pragma once
// What happens to a dog, as plain values. An event records a fact that is already true, so nobody
// changes an event once it is made: it is passed around by value or by const reference.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "es/uuid.hpp"

namespace dogschool {

// When something happened: a system_clock time point counted in whole microseconds since
// 1970-01-01 UTC. Microseconds, not the clock's own nanoseconds, so that a timestamp written to
// storage as one integer (timestamp.time_since_epoch().count()) comes back exactly equal.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// Every event says which dog it is about (originator_id), where it sits in that dog's history
// (originator_version: 0 for the first event, then 1, 2, ...) and when it happened (timestamp).

// The dog was registered at the school. It is always a dog's first event: version 0.
struct Registered {
    es::Uuid originator_id;
    std::int64_t originator_version = 0;
    Timestamp timestamp;
    std::string name;

    bool operator==(const Registered&) const = default;
};

// slide: TrickAdded
// The dog learned a trick.
struct TrickAdded {
    es::Uuid originator_id;
    std::int64_t originator_version = 0;
    Timestamp timestamp;
    std::string trick;

    bool operator==(const TrickAdded&) const = default;
};
// end slide

// The dog was given a new name.
struct Renamed {
    es::Uuid originator_id;
    std::int64_t originator_version = 0;
    Timestamp timestamp;
    std::string new_name;

    bool operator==(const Renamed&) const = default;
};

// The dog left the school. Nothing can happen to it afterwards.
struct Discarded {
    es::Uuid originator_id;
    std::int64_t originator_version = 0;
    Timestamp timestamp;

    bool operator==(const Discarded&) const = default;
};

// slide: DogEvent
// Everything that can happen to a dog. The list is closed: code that visits a DogEvent must handle
// every kind, and adding a kind here makes the compiler point at each place that must learn it.
using DogEvent = std::variant<Registered, TrickAdded, Renamed, Discarded>;
// end slide

// The current time, to the microsecond: the timestamp of a new event.
Timestamp now();

// The fields every event has, read without knowing which kind of event it is.
const es::Uuid& originator_id_of(const DogEvent& event);
std::int64_t originator_version_of(const DogEvent& event);
Timestamp timestamp_of(const DogEvent& event);

// The kind of event as text: "Registered", "TrickAdded", "Renamed" or "Discarded".
std::string_view event_name_of(const DogEvent& event);

// Builds one visitor out of several lambdas, one per kind of event:
//     std::visit(overloaded{[](const Registered&) {...}, [](const TrickAdded&) {...}, ...}, event);
template <class... Handlers>
struct overloaded : Handlers... {
    using Handlers::operator()...;
};
template <class... Handlers>
overloaded(Handlers...) -> overloaded<Handlers...>;

}  // namespace dogschool
