#include "event_store.hpp"

#include "mapper.hpp"
#include "es/not_implemented.hpp"

namespace dogschool {

EventStore::EventStore(const std::string& path) : records_(path)
{
}

void EventStore::append(const std::vector<DogEvent>& events)
{
    // >>> step 4: EventStore::append
    throw es::NotImplemented("EventStore::append", 4);
    // <<<
}

std::vector<DogEvent> EventStore::get_events(const es::Uuid& originator_id, const es::ItemQuery& query)
{
    // >>> step 4: EventStore::get_events
    throw es::NotImplemented("EventStore::get_events", 4);
    // <<<
}

}  // namespace dogschool
