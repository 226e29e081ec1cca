// What every es::JsonMapper shares, compiled once: reading a state, versions and upcasting, and the
// error messages.
#include "es/json_mapper.hpp"

#include <algorithm>
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

// One field of a flat state, as read_field() found it.
struct FlatField {
    std::string_view key;
    bool is_string = false;
    std::string_view text;  // a string's text
    bool negative = false;  // an integer: negative ones are int64, others uint64, as the parser makes them
    std::int64_t signed_number = 0;
    std::uint64_t unsigned_number = 0;
};

// Reads `"key":value` from the front of `rest`, and the comma after it if more follows: a plain key,
// and a plain string or an integer as JSON writes it, -?(0|[1-9][0-9]*), that fits 64 bits. Anything
// else returns nothing.
std::optional<FlatField> read_field(std::string_view& rest)
{
    FlatField field;
    if (!rest.starts_with('"')) return std::nullopt;
    const auto key_end = rest.find('"', 1);
    if (key_end == std::string_view::npos || key_end + 1 >= rest.size() || rest[key_end + 1] != ':') {
        return std::nullopt;
    }
    field.key = rest.substr(1, key_end - 1);
    if (!plain(field.key)) return std::nullopt;
    rest.remove_prefix(key_end + 2);

    if (rest.starts_with('"')) {
        const auto end = rest.find('"', 1);
        if (end == std::string_view::npos) return std::nullopt;
        field.is_string = true;
        field.text = rest.substr(1, end - 1);
        if (!plain(field.text)) return std::nullopt;
        rest.remove_prefix(end + 1);
    } else {
        field.negative = rest.starts_with('-');
        const std::string_view digits = rest.substr(field.negative ? 1 : 0);
        if (digits.empty() || digits[0] < '0' || digits[0] > '9') return std::nullopt;
        if (digits[0] == '0' && digits.size() > 1 && digits[1] >= '0' && digits[1] <= '9')
            return std::nullopt;
        const auto result =
            field.negative ? std::from_chars(rest.data(), rest.data() + rest.size(), field.signed_number)
                           : std::from_chars(rest.data(), rest.data() + rest.size(), field.unsigned_number);
        if (result.ec != std::errc{}) return std::nullopt;
        rest.remove_prefix(static_cast<std::size_t>(result.ptr - rest.data()));
    }
    if (rest.starts_with(',')) {
        rest.remove_prefix(1);
        if (rest.empty()) return std::nullopt;  // a comma with nothing after it
    } else if (!rest.empty()) {
        return std::nullopt;
    }
    return field;
}

nlohmann::json value_of(const FlatField& field)
{
    if (field.is_string) return std::string(field.text);
    if (field.negative) return field.signed_number;
    return field.unsigned_number;
}

// The fields of `inner` (a state without its braces) put into `object`, which holds the same keys
// in the same order already (the last state read, of the same kind of event): its nodes and strings
// are reused, nothing is allocated. False if the keys differ, or on anything read_field refuses.
bool assign_in_place(std::string_view inner, nlohmann::json& object)
{
    auto slot = object.begin();
    while (!inner.empty()) {
        const auto field = read_field(inner);
        if (!field || slot == object.end() || slot.key() != field->key) return false;
        nlohmann::json& value = slot.value();
        if (field->is_string && value.is_string()) {
            value.get_ref<std::string&>().assign(field->text);
        } else {
            value = value_of(*field);
        }
        ++slot;
    }
    return slot == object.end();
}

// The states to_stored() writes are nearly always flat objects of plain strings and integers with no
// spaces, e.g. {"timestamp":1700000000000000,"trick":"sit"}. Reading that form directly is several
// times faster than the JSON library's parser, and rebuilding an aggregate reads one state per
// event. It makes the same JSON value the parser would; anything else (a space, an escape, a
// non-ASCII byte, a float, a nested value, a repeated key) returns false, and the parser reads it
// or says what is wrong with it.
bool read_flat(std::string_view state, nlohmann::json& into)
{
    if (state.size() < 2 || state.front() != '{' || state.back() != '}') return false;
    const std::string_view inner = state.substr(1, state.size() - 2);
    if (into.is_object() && !into.empty() && assign_in_place(inner, into)) return true;
    nlohmann::json object = nlohmann::json::object();
    std::string_view rest = inner;
    while (!rest.empty()) {
        const auto field = read_field(rest);
        if (!field || !object.emplace(std::string(field->key), value_of(*field)).second) return false;
    }
    into = std::move(object);
    return true;
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

void parse_state(std::string_view state, nlohmann::json& into)
{
    if (read_flat(state, into)) return;
    into = nlohmann::json::parse(state);
    if (!into.is_object()) throw MappingError("the state must be a JSON object, not " + describe(into));
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

std::string_view label_state(std::string_view topic, int version, const Upcasting& upcasting,
                             nlohmann::json& state)
{
    for (const RenamedTopic& renamed : upcasting.renamed_topics) {
        if (renamed.old_topic == topic) {
            throw MappingError("the topic was renamed " + std::string(renamed.topic) +
                               ": an old topic is only read, never written again");
        }
    }
    // Version 1 writes nothing: so do the states stored before versions existed, and they read alike.
    if (version > 1) state["class_version"] = version;
    return topic;
}

int stored_version(const nlohmann::json& state)
{
    const auto found = state.find("class_version");
    if (found == state.end()) return 1;
    int version = 0;
    get_field(state, "class_version", version);
    if (version < 1) throw_wrong("class_version", "a version from 1", *found);
    return version;
}

void upcast(nlohmann::json& state, std::string_view topic, int from, int to, const Upcasting& upcasting)
{
    const std::string versions = "it was written by version " + std::to_string(from) + " of " +
                                 std::string(topic) + ", and this program reads version " +
                                 std::to_string(to);
    if (from > to) throw MappingError(versions + ": a newer program wrote it, which this one cannot read");
    state.erase("class_version");  // the steps see the fields of their version only
    for (int version = from; version < to; ++version) {
        const auto step = std::ranges::find_if(upcasting.upcasters, [&](const Upcaster& upcaster) {
            return upcaster.topic == topic && upcaster.from_version == version;
        });
        if (step == upcasting.upcasters.end()) {
            throw MappingError(versions + ", but no upcaster brings version " + std::to_string(version) +
                               " to version " + std::to_string(version + 1));
        }
        step->upcast(state);  // each step changes what the one before it made: in order, each once
    }
}

std::string_view current_topic(std::string_view topic, const Upcasting& upcasting)
{
    for (const RenamedTopic& renamed : upcasting.renamed_topics) {
        if (renamed.old_topic == topic) return renamed.topic;
    }
    return topic;
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
