#pragma once
// The in-memory recorder ("plain old C++ objects"): the default persistence, fast and forgotten
// when the application ends. Made for tests and for trying things out.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "es/recorder.hpp"

namespace es {

class PopoRecorder : public Recorder {
public:
    void insert_events(const std::vector<StoredEvent>& events) override;
    void insert_events(const std::vector<StoredEvent>& events, const Tracking& tracking) override;
    std::int64_t max_tracking_id(const std::string& application_name) const override;
    std::vector<StoredEvent> select_events(const Uuid& originator_id,
                                           const EventSelection& selection) const override;
    std::vector<Notification> select_notifications(std::int64_t start, std::int64_t limit) const override;
    std::int64_t max_notification_id() const override;

private:
    // Every event in storage order: notification id n is notifications_[n - 1].
    std::vector<Notification> notifications_;
    // For each stream, version -> index in notifications_.
    std::unordered_map<Uuid, std::map<std::int64_t, std::size_t>> streams_;
    // For each upstream application, the ids of its notifications processed.
    std::map<std::string, std::set<std::int64_t>, std::less<>> tracking_;
};

}  // namespace es
