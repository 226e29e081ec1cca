#pragma once
// The bodies of es::JsonVariantMapper (declared in mapper.hpp), and es::get_field for a domain's
// from_json functions. This header includes nlohmann/json.hpp, which is slow to compile: include it
// only in the .cpp that instantiates a domain's mapper (dog_mapper.cpp).
//
// The stored state of an event is one JSON object: the event's own fields, as its to_json writes
// them, "timestamp" (whole microseconds since 1970) and, for an event whose version is above 1,
// "class_version". Keys are in alphabetical order, with no spaces, e.g.
// {"breeds":["beagle"],"class_version":3,"name":"Fido","timestamp":1700000000000000}.
//
// Stored events are never rewritten: a state written by an older version of an event is brought up
// to date as it is read (upcast), one version at a time, by the steps its domain gives (Upcasting).
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "es/aggregate.hpp"
#include "es/mapper.hpp"
#include "es/recorder.hpp"
#include "es/uuid.hpp"

namespace es {

// What an event needs to be stored by es::JsonMapper: a topic, the DomainEvent part, and its own
// fields as JSON both ways, by to_json and from_json beside it.
template <typename E>
concept JsonEvent = std::derived_from<E, DomainEvent> && std::default_initializable<E> &&
    std::convertible_to<decltype(E::topic), std::string_view> &&
    requires(nlohmann::json& out, const nlohmann::json& in, const E& e, E& into)
{
    to_json(out, e);
    from_json(in, into);
};

// How a domain's old stored states are read: the steps that bring a state of one version of an
// event to the next, and the topics it renamed. A domain gives its own beside its events, found by
// argument-dependent lookup like to_json (see dog_mapper.cpp):
//     const es::Upcasting& upcasting(es::UpcastingOf<DogEvent>);
// with plain functions that change the fields in place, never the library:
//     void upcast_registered_v1_v2(nlohmann::json& fields) { fields["breed"] = "unknown"; }
struct Upcaster {
    std::string_view topic;                            // the event's current topic
    int from_version = 1;                              // it reads a state of this version...
    void (*upcast)(nlohmann::json& fields) = nullptr;  // ...and makes it one of from_version + 1
};

// Events stored under old_topic are read as the event whose topic is now `topic`. An old topic is
// only ever read, never written again, and never given to another event.
struct RenamedTopic {
    std::string_view old_topic;
    std::string_view topic;
};

struct Upcasting {
    std::vector<RenamedTopic> renamed_topics = {};
    std::vector<Upcaster> upcasters = {};
};

// The tag a domain's upcasting() is found by: UpcastingOf<DogEvent>{}.
template <typename EventVariant>
struct UpcastingOf {
};

// The upcasting of a domain that gives none: its events have never changed.
template <typename EventVariant>
const Upcasting& upcasting(UpcastingOf<EventVariant>)
{
    static const Upcasting none;
    return none;
}

namespace json_mapping {

// Defined in json_mapper.cpp: what every mapping shares, compiled once.

// Readies `state`, the fields of an event of `topic` at `version` with its timestamp, to be stored:
// adds "class_version" when the version is above 1. Returns the topic to store it under. Throws
// es::MappingError if `topic` is one the domain renamed (old topics are read, never written).
std::string_view label_state(std::string_view topic, int version, const Upcasting& upcasting,
                             nlohmann::json& state);
// The version of the event a stored state was written by: its "class_version", or 1 without one (as
// every state written before its event had a version). Throws es::MappingError if it is no version.
int stored_version(const nlohmann::json& state);
// Brings `state`, written by version `from` of the event whose topic is `topic`, up to version `to`,
// one upcaster at a time. Throws es::MappingError, naming both versions, if `from` is newer than
// `to` (a newer program wrote it) or a step is missing.
void upcast(nlohmann::json& state, std::string_view topic, int from, int to, const Upcasting& upcasting);
// The topic an event stored under `topic` is read as: the new one if the domain renamed it.
std::string_view current_topic(std::string_view topic, const Upcasting& upcasting);

// The state as JSON, into `into` (whose storage it may reuse). Throws nlohmann::json::parse_error
// if it is not JSON, es::MappingError if it is not an object.
void parse_state(std::string_view state, nlohmann::json& into);
// The message of a field that is missing or not what its event needs (`wanted`, e.g. "a string").
[[noreturn]] void throw_missing(std::string_view key);
[[noreturn]] void throw_wrong(std::string_view key, std::string_view wanted, const nlohmann::json& found);
[[noreturn]] void throw_out_of_range(std::string_view key, std::intmax_t min, std::uintmax_t max,
                                     const nlohmann::json& found);
// The errors to_stored and from_stored throw: `why` after the topic, the stream and the position.
MappingError cannot_store(std::string_view topic, const DomainEvent& header, std::string_view why);
MappingError cannot_read(const StoredEvent& stored, std::string_view why);
MappingError unknown_topic(const StoredEvent& stored, std::initializer_list<std::string_view> known);

}  // namespace json_mapping

// Reads field `key` of an event's state into `value`, checked: a missing field, a value of another
// JSON type, a number that is not whole for an integer or does not fit it, are es::MappingError.
// (nlohmann's own get() would read 1.5 as 1 and 2^64 - 1 as -1.)
template <typename T>
void get_field(const nlohmann::json& state, const std::string& key, T& value)
{
    const auto found = state.find(key);
    if (found == state.end()) json_mapping::throw_missing(key);
    const nlohmann::json& field = *found;
    if constexpr (std::is_same_v<T, bool>) {
        if (!field.is_boolean()) json_mapping::throw_wrong(key, "true or false", field);
        value = field.get<bool>();
    } else if constexpr (std::is_integral_v<T>) {
        constexpr auto min = static_cast<std::intmax_t>(std::numeric_limits<T>::min());
        constexpr auto max = static_cast<std::uintmax_t>(std::numeric_limits<T>::max());
        if (!field.is_number_integer()) json_mapping::throw_out_of_range(key, min, max, field);
        if (field.is_number_unsigned()) {
            const auto number = field.get<std::uint64_t>();
            if (number > max) json_mapping::throw_out_of_range(key, min, max, field);
            value = static_cast<T>(number);
        } else {
            const auto number = field.get<std::int64_t>();
            if (number < min || (number > 0 && static_cast<std::uintmax_t>(number) > max)) {
                json_mapping::throw_out_of_range(key, min, max, field);
            }
            value = static_cast<T>(number);
        }
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!field.is_number()) json_mapping::throw_wrong(key, "a number", field);
        value = field.get<T>();
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!field.is_string()) json_mapping::throw_wrong(key, "a string", field);
        value = field.get_ref<const std::string&>();
    } else if constexpr (std::is_same_v<T, Uuid>) {  // the id of another aggregate, as to_string() wrote it
        if (!field.is_string()) json_mapping::throw_wrong(key, "a UUID string", field);
        try {
            value = Uuid::parse(field.get_ref<const std::string&>());
        } catch (const Error&) {
            json_mapping::throw_wrong(key, "a UUID string", field);
        }
    } else {
        field.get_to(value);  // nlohmann's checks (arrays, objects, types with their own from_json)
    }
}

namespace json_mapping {

template <JsonEvent E>
StoredEvent write(const E& event, const Upcasting& upcasting)
{
    const DomainEvent& header = event;
    try {
        nlohmann::json state;
        to_json(state, event);  // found by ADL
        if (state.is_null()) state = nlohmann::json::object();
        if (!state.is_object()) throw MappingError("its to_json must make a JSON object of its fields");
        for (const char* key : {"timestamp", "class_version"}) {
            if (state.contains(key)) {
                throw MappingError("its to_json wrote \"" + std::string(key) +
                                   "\", which the library writes");
            }
        }
        state["timestamp"] = header.timestamp.time_since_epoch().count();
        const std::string_view topic = label_state(E::topic, version_of<E>, upcasting, state);
        return {header.originator_id, header.originator_version, std::string(topic), state.dump()};
    } catch (const nlohmann::json::exception& error) {
        throw cannot_store(E::topic, header, error.what());
    } catch (const MappingError& error) {
        throw cannot_store(E::topic, header, error.what());
    }
}

template <JsonEvent E>
E read(const StoredEvent& stored, const Upcasting& upcasting)
{
    try {
        // Kept from one call to the next: reading the next event of the same kind reuses its storage.
        // (So a from_json must not read another stored event of its own kind: none needs to.)
        thread_local nlohmann::json state;
        parse_state(stored.state, state);
        // A state of the current version, nearly all of them, costs one lookup here; an old one is
        // brought up to date before from_json sees it, which knows the current fields only.
        const int version = stored_version(state);
        if (version != version_of<E>) upcast(state, E::topic, version, version_of<E>, upcasting);
        E event{};
        std::int64_t microseconds = 0;
        get_field(state, "timestamp", microseconds);
        static_cast<DomainEvent&>(event) = {stored.originator_id, stored.originator_version,
                                            Timestamp{std::chrono::microseconds{microseconds}}};
        from_json(state, event);  // found by ADL
        return event;
    } catch (const nlohmann::json::exception& error) {
        throw cannot_read(stored, error.what());
    } catch (const MappingError& error) {
        throw cannot_read(stored, error.what());
    }
}

// The alternative of EventVariant whose topic is `topic`, read from `stored`; nothing if none is.
template <typename EventVariant, std::size_t... I>
std::optional<EventVariant> read_as(std::string_view topic, const StoredEvent& stored,
                                    const Upcasting& upcasting, std::index_sequence<I...>)
{
    std::optional<EventVariant> event;
    (void)((topic == std::variant_alternative_t<I, EventVariant>::topic &&
            (event.emplace(std::in_place_index<I>,
                           read<std::variant_alternative_t<I, EventVariant>>(stored, upcasting)),
             true)) ||
           ...);
    return event;
}

// The alternative of EventVariant whose topic is the stored event's, or was before it was renamed.
template <typename EventVariant, std::size_t... I>
EventVariant read_any(const StoredEvent& stored, std::index_sequence<I...> alternatives)
{
    const Upcasting& table = upcasting(UpcastingOf<EventVariant>{});  // the domain's, found by ADL
    std::optional<EventVariant> event = read_as<EventVariant>(stored.topic, stored, table, alternatives);
    if (!event) {  // the rare case, looked up only now: an event stored under a topic since renamed
        const std::string_view topic = current_topic(stored.topic, table);
        if (topic != stored.topic) event = read_as<EventVariant>(topic, stored, table, alternatives);
    }
    if (!event) throw unknown_topic(stored, {std::variant_alternative_t<I, EventVariant>::topic...});
    return std::move(*event);
}

}  // namespace json_mapping

template <typename EventVariant>
StoredEvent JsonVariantMapper<EventVariant>::to_stored(const EventVariant& event)
{
    const Upcasting& table = upcasting(UpcastingOf<EventVariant>{});  // the domain's, found by ADL
    return std::visit([&](const auto& e) { return json_mapping::write(e, table); }, event);
}

template <typename EventVariant>
EventVariant JsonVariantMapper<EventVariant>::from_stored(const StoredEvent& stored)
{
    return json_mapping::read_any<EventVariant>(
        stored, std::make_index_sequence<std::variant_size_v<EventVariant>>{});
}

template <typename EventVariant>
std::string_view JsonVariantMapper<EventVariant>::current_topic(std::string_view topic)
{
    return json_mapping::current_topic(topic, upcasting(UpcastingOf<EventVariant>{}));
}

}  // namespace es
