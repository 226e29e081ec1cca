#pragma once
// The SQLite recorder: events in one table of a database file (or of ":memory:"). The table is the
// workshop's sequenced_items (see sqlite_recorder.cpp), or another of the same columns: an
// application keeps its snapshots in a second recorder on the table "snapshots" of the same file.
// `./workshop show-store FILE` shows both.
#include <cstdint>
#include <string>
#include <vector>

#include "es/recorder.hpp"
#include "es/sqlite.hpp"

namespace es {

class SqliteRecorder : public Recorder {
public:
    // Opens (or creates) the database and its table. A file uses WAL journaling, and a save is
    // durable once insert_events returns (synchronous=FULL).
    // `table` is a plain SQL name (letters, digits, underscores), or es::Error.
    explicit SqliteRecorder(const std::string& path, const std::string& table = "sequenced_items");

    void insert_events(const std::vector<StoredEvent>& events) override;
    void insert_events(const std::vector<StoredEvent>& events, const Tracking& tracking) override;
    std::int64_t max_tracking_id(const std::string& application_name) const override;
    std::vector<StoredEvent> select_events(const Uuid& originator_id,
                                           const EventSelection& selection) const override;
    std::vector<Notification> select_notifications(std::int64_t start, std::int64_t limit) const override;
    std::int64_t max_notification_id() const override;

private:
    // The events' inserts, inside a transaction the caller holds.
    void insert_in_transaction(const std::vector<StoredEvent>& events);

    sqlite::Database database_;
    // Prepared once, reused by every call. Reading with a statement changes only the statement, not
    // what is stored: hence `mutable` for those that the const functions use.
    sqlite::Statement insert_;
    mutable sqlite::Statement select_events_;
    mutable sqlite::Statement select_events_desc_;
    mutable sqlite::Statement select_unreadable_positions_;
    mutable sqlite::Statement select_notifications_;
    mutable sqlite::Statement max_notification_id_;
    sqlite::Statement insert_tracking_;
    mutable sqlite::Statement max_tracking_id_;
};

}  // namespace es
