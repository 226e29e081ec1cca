// The one file of this stage that includes nlohmann/json.hpp: it is slow to compile.
#include "dog_mapper.hpp"

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace dogschool {

namespace {

using nlohmann::json;

std::string where(std::string_view topic, const es::Uuid& stream, std::int64_t position)
{
    return std::string(topic) + " at position " + std::to_string(position) + " of stream " +
           stream.to_string();
}

// The event's fields after its DomainEvent part, plus its timestamp (stream and position are stored
// beside the state, not in it).
json state_of(const Registered& e)
{
    return {{"timestamp", e.timestamp.time_since_epoch().count()}, {"name", e.name}};
}

json state_of(const TrickAdded& e)
{
    return {{"timestamp", e.timestamp.time_since_epoch().count()}, {"trick", e.trick}};
}

std::string_view topic_of(const Registered&)
{
    return registered_topic;
}

std::string_view topic_of(const TrickAdded&)
{
    return trick_added_topic;
}

es::DomainEvent header_from(const es::StoredEvent& stored, const json& state)
{
    return {stored.originator_id, stored.originator_version,
            es::Timestamp{std::chrono::microseconds{state.at("timestamp").get<std::int64_t>()}}};
}

}  // namespace

es::StoredEvent DogMapper::to_stored(const DogEvent& event)
{
    return std::visit(
        [](const auto& e) {
            try {
                return es::StoredEvent{e.originator_id, e.originator_version, std::string(topic_of(e)),
                                       state_of(e).dump()};
            } catch (const json::exception& error) {
                throw es::MappingError("cannot store " +
                                       where(topic_of(e), e.originator_id, e.originator_version) + ": " +
                                       error.what());
            }
        },
        event);
}

DogEvent DogMapper::from_stored(const es::StoredEvent& stored)
{
    const auto fail = [&](const std::string& why) {
        return es::MappingError("cannot read " +
                                where(stored.topic, stored.originator_id, stored.originator_version) + ": " +
                                why);
    };
    const bool registered = stored.topic == registered_topic;
    if (!registered && stored.topic != trick_added_topic) {
        throw fail("unknown topic (this program knows " + std::string(registered_topic) + " and " +
                   std::string(trick_added_topic) + ")");
    }
    try {
        const json state = json::parse(stored.state);
        if (registered) return Registered{header_from(stored, state), state.at("name").get<std::string>()};
        return TrickAdded{header_from(stored, state), state.at("trick").get<std::string>()};
    } catch (const json::exception& error) {
        throw fail(error.what());
    }
}

}  // namespace dogschool
