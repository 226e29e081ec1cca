#pragma once
// Where events are kept: the stored form of an event, and the interface every kind of storage
// implements (in memory: popo_recorder.hpp; SQLite: sqlite_recorder.hpp). es::Application talks
// to a Recorder only, so a new kind of storage is a new class here, and nothing else changes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "es/error.hpp"
#include "es/uuid.hpp"

namespace es {

// An event as storage sees it: the aggregate it belongs to (its stream), its place in that stream
// (its position), and what happened as an explicit topic and a JSON state.
struct StoredEvent {
    Uuid originator_id;
    std::int64_t originator_version = 0;
    std::string topic;  // e.g. "dogschool.Dog.Registered"
    std::string state;  // the event's own fields, as JSON

    bool operator==(const StoredEvent&) const = default;
};

// A stored event as the notification log shows it: numbered in the order it was stored, over all
// aggregates, from 1 and without gaps.
struct Notification {
    std::int64_t id = 0;
    StoredEvent event;

    bool operator==(const Notification&) const = default;
};

// Which events of one stream to select: versions greater than `gt` and at most `lte`, oldest first,
// at most `limit` of them. Leave a field out for no bound: Recorder::select_events(id, {}) selects
// them all, select_events(id, {.lte = 4}) the first five. With `desc`, newest first, and the limit
// counts from the newest: select_events(id, {.lte = v, .desc = true, .limit = 1}) is the last event
// at or before version v, found through the index without reading the ones before it.
// slide: EventSelection
struct EventSelection {
    std::optional<std::int64_t> gt = std::nullopt;
    std::optional<std::int64_t> lte = std::nullopt;
    bool desc = false;
    std::optional<std::int64_t> limit = std::nullopt;
};
// end slide

// A save that was stale: another save stored an event at one of its positions first. Nothing of the
// save was stored.
class ConcurrencyError : public Error {
public:
    using Error::Error;

    // The error every recorder gives when `event`'s position in its stream is taken: one message,
    // whatever the storage.
    static ConcurrencyError position_taken(const StoredEvent& event)
    {
        return ConcurrencyError("cannot store " + event.topic + " at position " +
                                std::to_string(event.originator_version) + " of stream " +
                                event.originator_id.to_string() + ": that position is taken");
    }
};

// What a process application records with the events a notification made it save: which upstream
// application's notification it processed. Stored in the same transaction as those events, so that
// either both are stored or neither: the notification is then processed exactly once, however often
// the processing is interrupted and started again.
struct Tracking {
    std::string application_name;  // the upstream application, e.g. "DogSchool"
    std::int64_t notification_id = 0;

    bool operator==(const Tracking&) const = default;
};

// A notification was processed already: a tracking record for it is stored. Nothing of the second
// processing was stored. A ConcurrencyError: another run of the same application came first.
class AlreadyProcessed : public ConcurrencyError {
public:
    explicit AlreadyProcessed(const Tracking& tracking)
        : ConcurrencyError("notification " + std::to_string(tracking.notification_id) + " of " +
                           tracking.application_name +
                           " was processed already: its tracking record is stored, so this processing "
                           "stores nothing")
    {
    }
};

// A row of the store that cannot be read as an event, such as a row a tool other than the kit wrote:
// its stream is not a UUID, or its position is missing or not an integer. The message names the
// row's notification id, and so does notification_id(): a reader of the log can skip the row by
// asking again from the next id, and read what came before it by asking for fewer.
class CorruptRecord : public Error {
public:
    CorruptRecord(std::int64_t notification_id, const std::string& problem)
        : Error("notification " + std::to_string(notification_id) + " cannot be read: " + problem),
          notification_id_(notification_id)
    {
    }

    std::int64_t notification_id() const { return notification_id_; }

private:
    std::int64_t notification_id_;
};

// An event could not be turned into its stored form, or back; the message names the topic, the
// stream and the position.
class MappingError : public Error {
public:
    using Error::Error;
};

// The interface of every event store. Implementations are not thread-safe: one per thread.
// slide: Recorder
class Recorder {
public:
    virtual ~Recorder() = default;

    // Stores the events of one save, all or nothing, and gives each the next notification id, in
    // the order given. If any (originator_id, originator_version) is stored already, throws
    // es::ConcurrencyError and stores none of them.
    virtual void insert_events(const std::vector<StoredEvent>& events) = 0;

    // The same, and the tracking record of the upstream notification that made these events, in
    // the same transaction (events may be empty: the record is stored all the same). If that
    // notification's record is stored already, throws es::AlreadyProcessed and stores nothing.
    virtual void insert_events(const std::vector<StoredEvent>& events, const Tracking& tracking) = 0;

    // The id of the last notification of application `application_name` a tracking record was
    // stored for, 0 when none: a process application goes on after it.
    virtual std::int64_t max_tracking_id(const std::string& application_name) const = 0;

    // The events of one stream, by version (newest first if selection.desc), within the selection. A row of
    // the stream without an integer position throws es::CorruptRecord: it is never silently left out.
    virtual std::vector<StoredEvent> select_events(const Uuid& originator_id,
                                                   const EventSelection& selection) const = 0;

    // At most `limit` notifications with ids from `start` on, in id order. A row that cannot be read
    // throws es::CorruptRecord naming it; the rows before it are read by asking for fewer, those
    // after it by starting after it.
    virtual std::vector<Notification> select_notifications(std::int64_t start, std::int64_t limit) const = 0;

    // The id of the last notification, 0 when nothing is stored.
    virtual std::int64_t max_notification_id() const = 0;

protected:
    Recorder() = default;
    Recorder(const Recorder&) = default;
    Recorder& operator=(const Recorder&) = default;
};
// end slide

}  // namespace es
