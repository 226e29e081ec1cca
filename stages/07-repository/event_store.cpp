#include "event_store.hpp"

#include "mapper.hpp"

namespace dogschool {

EventStore::EventStore(const std::string& path) : records_(path)
{
}

void EventStore::append(const std::vector<DogEvent>& events)
{
    std::vector<es::SequencedItem> items;
    items.reserve(events.size());
    for (const DogEvent& event : events) items.push_back(to_sequenced_item(event));
    records_.append(items);
}

std::vector<DogEvent> EventStore::get_events(const es::Uuid& originator_id, const es::ItemQuery& query)
{
    std::vector<DogEvent> events;
    for (const es::SequencedItem& item : records_.get_items(originator_id.to_string(), query)) {
        events.push_back(from_sequenced_item(item));
    }
    return events;
}

}  // namespace dogschool
