#pragma once
// The bodies of es::JsonVariantMapper (declared in mapper.hpp), and es::get_field for a domain's
// from_json functions. This header includes nlohmann/json.hpp, which is slow to compile: include it
// only in the .cpp that instantiates a domain's mapper (dog_mapper.cpp).
//
// The stored state of an event is one JSON object: the event's own fields, as its to_json writes
// them, and "timestamp" (whole microseconds since 1970). Keys are in alphabetical order, with no
// spaces, e.g. {"name":"Fido","timestamp":1700000000000000}.
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

namespace json_mapping {

// Defined in json_mapper.cpp: what every mapping shares, compiled once.

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
StoredEvent write(const E& event)
{
    const DomainEvent& header = event;
    try {
        nlohmann::json state;
        to_json(state, event);  // found by ADL
        if (state.is_null()) state = nlohmann::json::object();
        if (!state.is_object()) throw MappingError("its to_json must make a JSON object of its fields");
        if (state.contains("timestamp")) {
            throw MappingError("its to_json wrote \"timestamp\", which the library writes");
        }
        state["timestamp"] = header.timestamp.time_since_epoch().count();
        return {header.originator_id, header.originator_version, std::string(E::topic), state.dump()};
    } catch (const nlohmann::json::exception& error) {
        throw cannot_store(E::topic, header, error.what());
    } catch (const MappingError& error) {
        throw cannot_store(E::topic, header, error.what());
    }
}

template <JsonEvent E>
E read(const StoredEvent& stored)
{
    try {
        // Kept from one call to the next: reading the next event of the same kind reuses its storage.
        // (So a from_json must not read another stored event of its own kind: none needs to.)
        thread_local nlohmann::json state;
        parse_state(stored.state, state);
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

// The alternative of EventVariant whose topic is the stored event's.
template <typename EventVariant, std::size_t... I>
EventVariant read_any(const StoredEvent& stored, std::index_sequence<I...>)
{
    std::optional<EventVariant> event;
    (void)((stored.topic == std::variant_alternative_t<I, EventVariant>::topic &&
            (event.emplace(std::in_place_index<I>, read<std::variant_alternative_t<I, EventVariant>>(stored)),
             true)) ||
           ...);
    if (!event) throw unknown_topic(stored, {std::variant_alternative_t<I, EventVariant>::topic...});
    return std::move(*event);
}

}  // namespace json_mapping

template <typename EventVariant>
StoredEvent JsonVariantMapper<EventVariant>::to_stored(const EventVariant& event)
{
    return std::visit([](const auto& e) { return json_mapping::write(e); }, event);
}

template <typename EventVariant>
EventVariant JsonVariantMapper<EventVariant>::from_stored(const StoredEvent& stored)
{
    return json_mapping::read_any<EventVariant>(
        stored, std::make_index_sequence<std::variant_size_v<EventVariant>>{});
}

}  // namespace es
