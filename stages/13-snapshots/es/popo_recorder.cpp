#include "es/popo_recorder.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <set>
#include <string>
#include <utility>
#include "es/not_implemented.hpp"

namespace es {

void PopoRecorder::insert_events(const std::vector<StoredEvent>& events)
{
    // Check everything first, change nothing until all is known to fit: all or nothing.
    std::set<std::pair<Uuid, std::int64_t>> in_this_save;
    for (const StoredEvent& event : events) {
        const auto stream = streams_.find(event.originator_id);
        const bool stored = stream != streams_.end() && stream->second.contains(event.originator_version);
        if (stored || !in_this_save.emplace(event.originator_id, event.originator_version).second) {
            throw ConcurrencyError::position_taken(event);
        }
    }
    for (const StoredEvent& event : events) {
        const auto id = static_cast<std::int64_t>(notifications_.size()) + 1;
        streams_[event.originator_id][event.originator_version] = notifications_.size();
        notifications_.push_back({id, event});
    }
}

std::vector<StoredEvent> PopoRecorder::select_events(const Uuid& originator_id,
                                                     const EventSelection& selection) const
{
    // >>> step 1: PopoRecorder::select_events
    throw es::NotImplemented("PopoRecorder::select_events", 1);
    // <<<
}

std::vector<Notification> PopoRecorder::select_notifications(std::int64_t start, std::int64_t limit) const
{
    const auto size = static_cast<std::int64_t>(notifications_.size());
    const std::int64_t first = std::max<std::int64_t>(start, 1);
    if (first > size || limit <= 0) return {};
    const std::int64_t count = std::min(limit, size - first + 1);
    const auto begin = notifications_.begin() + (first - 1);
    return {begin, begin + count};
}

std::int64_t PopoRecorder::max_notification_id() const
{
    return static_cast<std::int64_t>(notifications_.size());
}

}  // namespace es
