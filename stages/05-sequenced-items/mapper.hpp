#pragma once
// Translates dog events into sequenced items and back. This is the one place that knows what a
// stored event looks like; the JSON library is used only in mapper.cpp.
#include <string_view>

#include "events.hpp"
#include "sequenced_item.hpp"

namespace dogschool {

// The stored name of each kind of event. Topics are written into the database, so they must never
// change: renaming one would make the items already stored unreadable. (typeid().name() is no
// substitute: it differs between compilers and changes when a type is moved or renamed.)
// slide: topics
namespace topics {
inline constexpr std::string_view registered = "dogschool.Dog.Registered";
inline constexpr std::string_view trick_added = "dogschool.Dog.TrickAdded";
inline constexpr std::string_view renamed = "dogschool.Dog.Renamed";
inline constexpr std::string_view discarded = "dogschool.Dog.Discarded";
}  // namespace topics
// end slide

// The topic of this kind of event.
std::string_view topic_of(const DogEvent& event);

// sequence_id = the dog's id as text, position = the event's version, topic = topic_of(event),
// state = the event's other fields (its timestamp and its own field) as a JSON object.
// Throws es::MappingError if a field cannot be written as JSON (text that is not valid UTF-8).
es::SequencedItem to_sequenced_item(const DogEvent& event);

// The event an item was made from. Throws es::MappingError, naming the item's sequence, position
// and topic, for an unknown topic, state that is not JSON, a missing field or a field of the wrong
// type, or a sequence id that is not a UUID.
DogEvent from_sequenced_item(const es::SequencedItem& item);

}  // namespace dogschool
