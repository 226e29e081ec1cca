#pragma once
// The PostgreSQL recorder: the same events, the same notification log, on a database server that
// many processes share. It implements the same Recorder interface as the in-memory and the SQLite
// recorders, so the application, its tests and its projections do not change.
#include <cstdint>
#include <string>
#include <vector>

#include "es/postgres.hpp"
#include "es/recorder.hpp"

namespace es {

class PostgresRecorder : public Recorder {
public:
    // Connects, and creates the table if it does not exist yet: sequenced_items, or another of the
    // same columns (an application's snapshots are in "snapshots"), a plain SQL name. Throws
    // es::postgres::Error (an es::Error) when the server cannot be reached.
    explicit PostgresRecorder(const postgres::Settings& settings, std::string table = "sequenced_items");

    // Notification ids are given in the order the saves commit, without gaps, however many
    // processes save at once: writers take turns (see the README of stage 12).
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

    // Reading sends a query on the connection, which changes the connection, not what is stored:
    // hence `mutable`, for the const functions.
    mutable postgres::Connection connection_;
    std::string table_;
};

}  // namespace es
