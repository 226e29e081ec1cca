#pragma once
// How a Dog's events are stored: an explicit topic for each kind of event (never a C++ type name,
// which a compiler or a rename would change) and the event's own fields as JSON. Only
// dog_mapper.cpp sees the JSON library, so this header stays cheap to include.
#include <string_view>

#include "dog.hpp"
#include "recorder.hpp"

namespace dogschool {

inline constexpr std::string_view registered_topic = "dogschool.Dog.Registered";
inline constexpr std::string_view trick_added_topic = "dogschool.Dog.TrickAdded";

struct DogMapper {
    // Throws es::MappingError if the event cannot be written as JSON (a string that is not UTF-8).
    static es::StoredEvent to_stored(const DogEvent& event);
    // Throws es::MappingError, naming the topic, the stream and the position, for an unknown topic,
    // a state that is not JSON, or a missing field or one of the wrong type.
    // A template, as es::Application asks of every mapper (from_stored<Event>); DogEvent is its one.
    template <typename Event = DogEvent>
    static Event from_stored(const es::StoredEvent& stored);
};

template <>
DogEvent DogMapper::from_stored<DogEvent>(const es::StoredEvent& stored);

}  // namespace dogschool
