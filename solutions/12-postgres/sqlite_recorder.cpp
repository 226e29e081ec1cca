#include "sqlite_recorder.hpp"

#include <limits>

namespace es {

namespace {

// The one schema of the workshop: a row per event, numbered in storage order (notification_id), and
// at most one event per position of a stream.
constexpr const char* create_table = R"(
CREATE TABLE IF NOT EXISTS sequenced_items (
    notification_id INTEGER PRIMARY KEY AUTOINCREMENT,
    sequence_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    topic TEXT NOT NULL,
    state TEXT NOT NULL,
    UNIQUE (sequence_id, position)
))";

constexpr std::int64_t no_bound = std::numeric_limits<std::int64_t>::max();

// Resets a statement however its use ends, so that no read is left open (an open read would keep
// its snapshot of the database alive).
class ResetOnExit {
public:
    explicit ResetOnExit(sqlite::Statement& statement) : statement_(statement) {}
    ~ResetOnExit() { statement_.reset(); }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
    sqlite::Statement& statement_;
};

sqlite::Database open(const std::string& path)
{
    sqlite::Database database{path};
    database.execute(create_table);
    return database;
}

}  // namespace

SqliteRecorder::SqliteRecorder(const std::string& path)
    : database_(open(path)),
      insert_(database_.prepare(
          "INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES (?1, ?2, ?3, ?4)")),
      select_events_(database_.prepare(
          "SELECT position, topic, state FROM sequenced_items"
          " WHERE sequence_id = ?1 AND position > ?2 AND position <= ?3 ORDER BY position LIMIT ?4")),
      select_notifications_(
          database_.prepare("SELECT notification_id, sequence_id, position, topic, state FROM sequenced_items"
                            " WHERE notification_id >= ?1 ORDER BY notification_id LIMIT ?2")),
      max_notification_id_(database_.prepare("SELECT COALESCE(MAX(notification_id), 0) FROM sequenced_items"))
{
}

void SqliteRecorder::insert_events(const std::vector<StoredEvent>& events)
{
    if (events.empty()) return;
    sqlite::Transaction transaction{database_};  // rolls back unless committed: all or nothing
    for (const StoredEvent& event : events) {
        const ResetOnExit reset{insert_};
        insert_.bind(1, event.originator_id.to_string())
            .bind(2, event.originator_version)
            .bind(3, event.topic)
            .bind(4, event.state);
        try {
            (void)insert_.step();
        } catch (const sqlite::Error& e) {
            if (!e.is_unique_violation()) throw;
            throw ConcurrencyError("cannot store " + event.topic + " at position " +
                                   std::to_string(event.originator_version) + " of stream " +
                                   event.originator_id.to_string() + ": that position is taken");
        }
    }
    transaction.commit();
}

std::vector<StoredEvent> SqliteRecorder::select_events(const Uuid& originator_id,
                                                       const EventSelection& selection) const
{
    const ResetOnExit reset{select_events_};
    select_events_.bind(1, originator_id.to_string())
        .bind(2, selection.gt.value_or(std::numeric_limits<std::int64_t>::min()))
        .bind(3, selection.lte.value_or(no_bound))
        .bind(4, selection.limit.value_or(-1));  // LIMIT -1: no limit
    std::vector<StoredEvent> events;
    while (select_events_.step()) {
        events.push_back({originator_id, select_events_.column_int64(0), select_events_.column_text(1),
                          select_events_.column_text(2)});
    }
    return events;
}

std::vector<Notification> SqliteRecorder::select_notifications(std::int64_t start, std::int64_t limit) const
{
    if (limit <= 0) return {};  // SQLite reads a negative LIMIT as "no limit"
    const ResetOnExit reset{select_notifications_};
    select_notifications_.bind(1, start).bind(2, limit);
    std::vector<Notification> notifications;
    while (select_notifications_.step()) {
        notifications.push_back({select_notifications_.column_int64(0),
                                 Uuid::parse(select_notifications_.column_text(1)),
                                 select_notifications_.column_int64(2), select_notifications_.column_text(3),
                                 select_notifications_.column_text(4)});
    }
    return notifications;
}

std::int64_t SqliteRecorder::max_notification_id() const
{
    const ResetOnExit reset{max_notification_id_};
    return max_notification_id_.step() ? max_notification_id_.column_int64(0) : 0;
}

}  // namespace es
