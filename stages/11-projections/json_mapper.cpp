// What every es::JsonMapper shares, compiled once: reading a state, and the error messages.
#include "json_mapper.hpp"

#include <charconv>
#include <string>
#include <system_error>

namespace es::json_mapping {

namespace {

// Text that JSON writes as it is: no escape, no control character, nothing outside ASCII.
bool plain(std::string_view text)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x80 || c == '\\') return false;
    }
    return true;
}

// The states to_stored() writes are nearly always flat objects of plain strings and integers with no
// spaces, e.g. {"timestamp":1700000000000000,"trick":"sit"}. Reading that form directly is several
// times faster than the JSON library's parser, and rebuilding an aggregate reads one state per
// event. It makes the same JSON value the parser would; anything else (a space, an escape, a
// non-ASCII byte, a float, a nested value, a repeated key) returns nothing, and the parser reads it
// or says what is wrong with it.
std::optional<nlohmann::json> read_flat(std::string_view state)
{
    if (state.size() < 2 || state.front() != '{' || state.back() != '}') return std::nullopt;
    std::string_view rest = state.substr(1, state.size() - 2);
    nlohmann::json object = nlohmann::json::object();
    while (!rest.empty()) {
        if (rest.front() != '"') return std::nullopt;
        const auto key_end = rest.find('"', 1);
        if (key_end == std::string_view::npos || key_end + 1 >= rest.size() || rest[key_end + 1] != ':') {
            return std::nullopt;
        }
        const std::string_view key = rest.substr(1, key_end - 1);
        if (!plain(key)) return std::nullopt;
        rest.remove_prefix(key_end + 2);

        nlohmann::json value;
        if (rest.starts_with('"')) {
            const auto end = rest.find('"', 1);
            if (end == std::string_view::npos) return std::nullopt;
            const std::string_view text = rest.substr(1, end - 1);
            if (!plain(text)) return std::nullopt;
            value = std::string(text);
            rest.remove_prefix(end + 1);
        } else {
            // An integer as JSON writes it, -?(0|[1-9][0-9]*), that fits 64 bits; the parser, too,
            // makes a non-negative one unsigned.
            const bool negative = rest.starts_with('-');
            const std::string_view digits = rest.substr(negative ? 1 : 0);
            if (digits.empty() || digits[0] < '0' || digits[0] > '9') return std::nullopt;
            if (digits[0] == '0' && digits.size() > 1 && digits[1] >= '0' && digits[1] <= '9')
                return std::nullopt;
            const char* end = nullptr;
            if (negative) {
                std::int64_t number = 0;
                const auto result = std::from_chars(rest.data(), rest.data() + rest.size(), number);
                if (result.ec != std::errc{}) return std::nullopt;
                value = number;
                end = result.ptr;
            } else {
                std::uint64_t number = 0;
                const auto result = std::from_chars(rest.data(), rest.data() + rest.size(), number);
                if (result.ec != std::errc{}) return std::nullopt;
                value = number;
                end = result.ptr;
            }
            rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
        }
        if (!object.emplace(std::string(key), std::move(value)).second) return std::nullopt;

        if (rest.empty()) break;
        if (rest.front() != ',' || rest.size() == 1) return std::nullopt;
        rest.remove_prefix(1);
    }
    return object;
}

// A JSON value for a message: its type and, shortened, its text.
std::string describe(const nlohmann::json& value)
{
    if (value.is_null()) return "null";
    constexpr std::size_t longest = 40;
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > longest) text = text.substr(0, longest) + "...";
    return std::string("the ") + value.type_name() + " " + text;
}

std::string where(std::string_view topic, const Uuid& stream, std::int64_t position)
{
    return std::string(topic) + " at position " + std::to_string(position) + " of stream " +
           stream.to_string();
}

}  // namespace

nlohmann::json parse_state(std::string_view state)
{
    if (auto flat = read_flat(state)) return std::move(*flat);
    nlohmann::json parsed = nlohmann::json::parse(state);
    if (!parsed.is_object()) {
        throw MappingError("the state must be a JSON object, not " + describe(parsed));
    }
    return parsed;
}

void throw_missing(std::string_view key)
{
    throw MappingError("the field \"" + std::string(key) + "\" is missing");
}

void throw_wrong(std::string_view key, std::string_view wanted, const nlohmann::json& found)
{
    throw MappingError("the field \"" + std::string(key) + "\" must be " + std::string(wanted) + ", not " +
                       describe(found));
}

void throw_out_of_range(std::string_view key, std::intmax_t min, std::uintmax_t max,
                        const nlohmann::json& found)
{
    throw_wrong(key, "an integer from " + std::to_string(min) + " to " + std::to_string(max), found);
}

MappingError cannot_store(std::string_view topic, const DomainEvent& header, std::string_view why)
{
    return MappingError("cannot store " + where(topic, header.originator_id, header.originator_version) +
                        ": " + std::string(why));
}

MappingError cannot_read(const StoredEvent& stored, std::string_view why)
{
    return MappingError("cannot read " +
                        where(stored.topic, stored.originator_id, stored.originator_version) + ": " +
                        std::string(why));
}

MappingError unknown_topic(const StoredEvent& stored, std::initializer_list<std::string_view> known)
{
    std::string topics;
    std::size_t i = 0;
    for (const std::string_view topic : known) {
        if (i > 0) topics += i + 1 == known.size() ? " and " : ", ";
        topics += topic;
        ++i;
    }
    return cannot_read(stored, "unknown topic (this program knows " + topics + ")");
}

}  // namespace es::json_mapping
