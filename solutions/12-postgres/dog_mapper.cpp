// The one file of this stage that includes nlohmann/json.hpp: it is slow to compile.
#include "dog_mapper.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

// The states to_stored() writes have one exact form: no spaces, the keys in order, e.g.
//     {"name":"Fido","timestamp":1700000000000000}   {"timestamp":1700000000000000,"trick":"sit"}
// Reading that form directly is many times faster than parsing JSON, and rebuilding an aggregate
// reads one state per event. Anything else (an escape sequence, a space, a field missing, repeated
// or unknown) is left to the JSON library, which reads it or says what is wrong with it.
struct PlainState {
    std::int64_t timestamp = 0;
    std::string_view text;  // the one text field: "name" or "trick"
};

std::optional<PlainState> read_plain(std::string_view state, std::string_view text_key)
{
    if (state.size() < 2 || state.front() != '{' || state.back() != '}') return std::nullopt;
    std::string_view rest = state.substr(1, state.size() - 2);
    PlainState read;
    bool has_timestamp = false;
    bool has_text = false;
    while (!rest.empty()) {
        const auto key_end = rest.find("\":", 1);
        if (rest.front() != '"' || key_end == std::string_view::npos) return std::nullopt;
        const std::string_view key = rest.substr(1, key_end - 1);
        rest.remove_prefix(key_end + 2);
        if (key == text_key && !has_text && rest.starts_with('"')) {
            const auto end = rest.find('"', 1);
            if (end == std::string_view::npos) return std::nullopt;
            read.text = rest.substr(1, end - 1);
            for (const char c : read.text) {
                if (c == '\\' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
            }
            rest.remove_prefix(end + 1);
            has_text = true;
        } else if (key == "timestamp" && !has_timestamp) {
            const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), read.timestamp);
            if (error != std::errc{}) return std::nullopt;
            rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
            has_timestamp = true;
        } else {
            return std::nullopt;
        }
        if (rest.starts_with(',') && rest.size() > 1) {
            rest.remove_prefix(1);
        } else if (!rest.empty()) {
            return std::nullopt;
        }
    }
    if (!has_timestamp || !has_text) return std::nullopt;
    return read;
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

template <>
DogEvent DogMapper::from_stored<DogEvent>(const es::StoredEvent& stored)
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
    if (const auto plain = read_plain(stored.state, registered ? "name" : "trick")) {
        const es::DomainEvent header{stored.originator_id, stored.originator_version,
                                     es::Timestamp{std::chrono::microseconds{plain->timestamp}}};
        if (registered) return Registered{header, std::string(plain->text)};
        return TrickAdded{header, std::string(plain->text)};
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
