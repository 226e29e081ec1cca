#pragma once
// An event as storage sees it: four plain fields that any database can hold, whatever the event.
#include <cstdint>
#include <string>
#include <string_view>

#include "es/error.hpp"

namespace es {

// slide: SequencedItem
struct SequencedItem {
    std::string sequence_id;    // which sequence (stream): the id of the dog the event is about
    std::int64_t position = 0;  // where in that sequence: the event's originator_version
    std::string topic;          // what kind of event, e.g. "dogschool.Dog.Registered"
    std::string state;          // the event's other fields, as JSON text

    bool operator==(const SequencedItem&) const = default;
};
// end slide

// An item that cannot be turned into an event, or an event that cannot be turned into an item.
// The message names the item's sequence, position and topic, so the bad data can be found.
class MappingError : public Error {
public:
    MappingError(const SequencedItem& item, std::string_view reason)
        : Error("cannot map the item at position " + std::to_string(item.position) + " of sequence " +
                item.sequence_id + " (topic '" + item.topic + "'): " + std::string(reason))
    {
    }
};

}  // namespace es
