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

void PopoRecorder::insert_events(const std::vector<StoredEvent>& events, const Tracking& tracking)
{
    // >>> step 2: PopoRecorder::insert_events, with tracking
    throw es::NotImplemented("PopoRecorder::insert_events, with tracking", 2);
    // <<<
}

std::int64_t PopoRecorder::max_tracking_id(const std::string& application_name) const
{
    // >>> step 2: PopoRecorder::max_tracking_id
    throw es::NotImplemented("PopoRecorder::max_tracking_id", 2);
    // <<<
}

std::vector<StoredEvent> PopoRecorder::select_events(const Uuid& originator_id,
                                                     const EventSelection& selection) const
{
    std::vector<StoredEvent> selected;
    const auto stream = streams_.find(originator_id);
    if (stream == streams_.end()) return selected;
    const auto& versions = stream->second;
    // The versions within the bounds, [first, last): a map finds both ends without a scan.
    const auto first = selection.gt ? versions.upper_bound(*selection.gt) : versions.begin();
    auto last = selection.lte ? versions.upper_bound(*selection.lte) : versions.end();
    if (selection.gt && selection.lte && *selection.lte <= *selection.gt) last = first;
    const std::int64_t limit = selection.limit.value_or(std::numeric_limits<std::int64_t>::max());
    const auto take = [&](auto begin, auto end) {
        for (auto it = begin; it != end && static_cast<std::int64_t>(selected.size()) < limit; ++it) {
            selected.push_back(notifications_[it->second].event);
        }
    };
    if (selection.desc) {
        take(std::make_reverse_iterator(last), std::make_reverse_iterator(first));
    } else {
        take(first, last);
    }
    return selected;
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
