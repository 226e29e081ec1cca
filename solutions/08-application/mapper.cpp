#include "mapper.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <variant>

namespace dogschool {

using nlohmann::json;

// This file's helpers. (Not in an unnamed namespace: in the starter, where nothing calls them yet,
// that would be a warning.)
namespace detail {

std::int64_t to_microseconds(Timestamp timestamp)
{
    return timestamp.time_since_epoch().count();
}

Timestamp from_microseconds(std::int64_t count)
{
    return Timestamp{std::chrono::microseconds{count}};
}

// The fields of an event that its item does not hold already: the id and the version are the
// item's sequence_id and position, so the state has the timestamp and the event's own field.
json state_of(const DogEvent& event)
{
    return std::visit(
        overloaded{
            [](const Registered& e) {
                return json{{"timestamp", to_microseconds(e.timestamp)}, {"name", e.name}};
            },
            [](const TrickAdded& e) {
                return json{{"timestamp", to_microseconds(e.timestamp)}, {"trick", e.trick}};
            },
            [](const Renamed& e) {
                return json{{"timestamp", to_microseconds(e.timestamp)}, {"new_name", e.new_name}};
            },
            [](const Discarded& e) {
                return json{{"timestamp", to_microseconds(e.timestamp)}};
            },
        },
        event);
}

// One field of an item's state; an error says which field is missing or of the wrong type.
const json& field(const es::SequencedItem& item, const json& state, const std::string& name)
{
    if (!state.is_object()) throw es::MappingError(item, "the state is not a JSON object");
    const auto found = state.find(name);
    if (found == state.end()) throw es::MappingError(item, "the field '" + name + "' is missing");
    return *found;
}

std::string text_field(const es::SequencedItem& item, const json& state, const std::string& name)
{
    const json& value = field(item, state, name);
    if (!value.is_string()) throw es::MappingError(item, "the field '" + name + "' is not a string");
    return value.get<std::string>();
}

Timestamp timestamp_field(const es::SequencedItem& item, const json& state)
{
    const json& value = field(item, state, "timestamp");
    if (!value.is_number_integer()) {
        throw es::MappingError(item, "the field 'timestamp' is not a whole number of microseconds");
    }
    return from_microseconds(value.get<std::int64_t>());
}

// The event an item holds, once its id is known and its state is parsed.
DogEvent event_from(const es::SequencedItem& item, const es::Uuid& id, const json& state)
{
    if (item.topic == topics::registered) {
        return Registered{id, item.position, timestamp_field(item, state), text_field(item, state, "name")};
    }
    if (item.topic == topics::trick_added) {
        return TrickAdded{id, item.position, timestamp_field(item, state), text_field(item, state, "trick")};
    }
    if (item.topic == topics::renamed) {
        return Renamed{id, item.position, timestamp_field(item, state), text_field(item, state, "new_name")};
    }
    if (item.topic == topics::discarded) return Discarded{id, item.position, timestamp_field(item, state)};
    throw es::MappingError(item, "unknown topic");
}

}  // namespace detail

std::string_view topic_of(const DogEvent& event)
{
    return std::visit(overloaded{
                          [](const Registered&) { return topics::registered; },
                          [](const TrickAdded&) { return topics::trick_added; },
                          [](const Renamed&) { return topics::renamed; },
                          [](const Discarded&) { return topics::discarded; },
                      },
                      event);
}

es::SequencedItem to_sequenced_item(const DogEvent& event)
{
    es::SequencedItem item{originator_id_of(event).to_string(), originator_version_of(event),
                           std::string(topic_of(event)), ""};
    try {
        item.state = detail::state_of(event).dump();
    } catch (const json::exception& e) {  // text that is not valid UTF-8 cannot be written as JSON
        throw es::MappingError(item, e.what());
    }
    return item;
}

DogEvent from_sequenced_item(const es::SequencedItem& item)
{
    json state;
    try {
        state = json::parse(item.state);
    } catch (const json::parse_error& e) {
        throw es::MappingError(item, std::string("the state is not valid JSON: ") + e.what());
    }
    es::Uuid id;
    try {
        id = es::Uuid::parse(item.sequence_id);
    } catch (const es::Error&) {
        throw es::MappingError(item, "the sequence id is not a UUID");
    }
    return detail::event_from(item, id, state);
}

}  // namespace dogschool
