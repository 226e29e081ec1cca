#pragma once
// How events become stored events and back: what es::Application asks of a mapper (MapperOf), and
// the library's mapper, es::JsonMapper, written once for every domain.
//
// A domain gives each event an explicit topic (`static constexpr std::string_view topic`, never a
// C++ type name, which a compiler or a rename would change) and says how the event's own fields
// become JSON, nlohmann's way, with a pair of functions beside the event (found by ADL):
//     void to_json(nlohmann::json& fields, const TrickAdded& e) { fields["trick"] = e.trick; }
//     void from_json(const nlohmann::json& fields, TrickAdded& e) { es::get_field(fields, "trick", e.trick);
//     }
// The library does the rest: the topic, the DomainEvent part (the stream and the position beside the
// state, the timestamp in it as whole microseconds), the checks and the error messages. See
// dog_mapper.hpp and dog_mapper.cpp.
//
// Events change, and stored ones cannot: an event type whose fields change says so with a version,
// `static constexpr int version = 2;` (a type without one is version 1), and the domain gives the
// steps that bring an old state up to date, with the topics it renamed (json_mapper.hpp, Upcasting).
//
// This header does not include the JSON library: it declares JsonMapper, and json_mapper.hpp has
// the bodies. Include json_mapper.hpp in the one .cpp that instantiates a domain's mapper.
#include <concepts>
#include <string_view>
#include <type_traits>
#include <variant>

#include "es/recorder.hpp"

namespace es {

// E says which version of its stored state it writes: `static constexpr int version = N`, from 1.
template <typename E>
concept VersionedEvent = requires
{
    {
        E::version
        } -> std::convertible_to<int>;
};

// The version of E's stored state: E::version, or 1 for an event that has never changed (and had no
// version when it was first stored). The version is stored beside the fields, once it is above 1.
template <typename E>
inline constexpr int version_of = [] {
    if constexpr (VersionedEvent<E>) {
        static_assert(E::version >= 1, "an event's version counts from 1");
        return static_cast<int>(E::version);
    } else {
        return 1;
    }
}();

// M turns Event (an event variant) into a stored event and back. es::Application requires it.
template <typename M, typename Event>
concept MapperOf = requires(const Event& e, const StoredEvent& s)
{
    {
        M::to_stored(e)
        } -> std::same_as<StoredEvent>;
    {
        M::template from_stored<Event>(s)
        } -> std::same_as<Event>;
};

// The JSON mapping of one event variant. Instantiate it once, where json_mapper.hpp is included:
//     template class es::JsonVariantMapper<DogEvent>;
template <typename EventVariant>
class JsonVariantMapper {
public:
    // Throws es::MappingError if the event cannot be written (a string that is not UTF-8).
    static StoredEvent to_stored(const EventVariant& event);
    // Throws es::MappingError, naming the topic, the stream and the position, for an unknown topic,
    // a state that is not a JSON object, or a field that is missing, of the wrong type or out of range;
    // and for a state of an older version that no upcaster brings up to date, or of a newer one.
    // Reads an event stored under an old topic (one its domain renamed) as the event it became.
    static EventVariant from_stored(const StoredEvent& stored);
    // The topic an event stored under `topic` is read as: the new topic for one the domain renamed,
    // else `topic` itself. For readers that pick events by topic (a projection).
    static std::string_view current_topic(std::string_view topic);
};

// A mapper for the aggregates whose events are EventVariants..., each instantiated as above:
//     struct DogMapper : es::JsonMapper<DogEvent> {};
//     DogMapper::to_stored(event), DogMapper::from_stored(stored)  (the first variant by default)
//     struct BankMapper : es::JsonMapper<AccountEvent, CustomerEvent> {};
//     BankMapper::from_stored<CustomerEvent>(stored)
template <typename FirstVariant, typename... OtherVariants>
struct JsonMapper : JsonVariantMapper<FirstVariant>, JsonVariantMapper<OtherVariants>... {
    using JsonVariantMapper<FirstVariant>::to_stored;
    using JsonVariantMapper<OtherVariants>::to_stored...;

    template <typename EventVariant = FirstVariant>
    static EventVariant from_stored(const StoredEvent& stored)
    {
        static_assert(std::is_same_v<EventVariant, FirstVariant> ||
                          (std::is_same_v<EventVariant, OtherVariants> || ...),
                      "from_stored<V>: V must be one of the event variants this JsonMapper was made for");
        return JsonVariantMapper<EventVariant>::from_stored(stored);
    }

    template <typename EventVariant = FirstVariant>
    static std::string_view current_topic(std::string_view topic)
    {
        return JsonVariantMapper<EventVariant>::current_topic(topic);
    }
};

}  // namespace es
