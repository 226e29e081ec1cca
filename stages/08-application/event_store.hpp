#pragma once
// Dog events in, dog events out. The event store puts the two halves of persistence together: the
// mapper turns events into items and back, the record manager stores the items.
#include <string>
#include <vector>

#include "es/uuid.hpp"
#include "events.hpp"
#include "record_manager.hpp"

namespace dogschool {

class EventStore {
public:
    // A file name, or ":memory:".
    explicit EventStore(const std::string& path);

    // Stores the events, all or nothing. Throws es::ConcurrencyError if one of them has a version
    // that is already stored for its dog, and es::MappingError if one cannot be mapped.
    void append(const std::vector<DogEvent>& events);

    // The stored events of one dog, in version order; the query's bounds are versions:
    // get_events(id, {.lte = 2}) gives the events of versions 0, 1 and 2.
    // Throws es::MappingError for a stored item that cannot be read.
    std::vector<DogEvent> get_events(const es::Uuid& originator_id, const es::ItemQuery& query = {});

private:
    es::SqliteRecordManager records_;
};

}  // namespace dogschool
