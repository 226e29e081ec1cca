#include "es/sqlite_recorder.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include "es/not_implemented.hpp"

namespace es {

namespace {

// The one schema of the workshop: a row per event, numbered in storage order (notification_id), and
// at most one event per position of a stream. `table` is sequenced_items, or snapshots.
std::string create_sqlite_table(const std::string& table)
{
    return "CREATE TABLE IF NOT EXISTS " + table + R"( (
    notification_id INTEGER PRIMARY KEY AUTOINCREMENT,
    sequence_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    topic TEXT NOT NULL,
    state TEXT NOT NULL,
    UNIQUE (sequence_id, position)
))";
}

// What a process application has processed: a row per notification of an upstream application,
// stored in the transaction of the events the notification made (see es::Tracking). The key refuses
// a second row for the same notification.
constexpr const char* create_tracking_table = R"(
CREATE TABLE IF NOT EXISTS tracking (
    application_name TEXT NOT NULL,
    notification_id INTEGER NOT NULL,
    PRIMARY KEY (application_name, notification_id)
))";

constexpr std::int64_t no_bound = std::numeric_limits<std::int64_t>::max();

bool has_table(sqlite::Database& database, const std::string& table)
{
    sqlite::Statement found = database.prepare("SELECT 1 FROM sqlite_master WHERE name = ?1");
    found.bind(1, table);
    return found.step();
}

// The table's name goes into SQL text, where no parameter can stand: only a plain name is taken.
const std::string& checked_sqlite_name(const std::string& table)
{
    const bool plain = !table.empty() && std::ranges::all_of(table, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!plain) throw Error("'" + table + "' is no table name: use letters, digits and _");
    return table;
}

sqlite::Database open(const std::string& path, const std::string& table)
{
    sqlite::Database database{path};
    // A store that exists opens without writing, so without waiting for another program's save.
    // (A store of stages 10 to 14 has no tracking table yet: it gets one.)
    if (has_table(database, table) && has_table(database, "tracking")) return database;
    // In a transaction that takes the write lock first (waiting for it), so that processes opening
    // a new file at once create the table one after the other.
    sqlite::Transaction transaction{database};
    database.execute(create_sqlite_table(table));
    database.execute(create_tracking_table);
    transaction.commit();
    return database;
}

// The position in column `column`, which must be an integer: a row another tool wrote may hold NULL
// or text there, and reading that as 0 would make up an event.
std::int64_t position_of(const sqlite::Statement& row, int column, std::int64_t notification_id)
{
    if (!row.column_is_integer(column)) {
        throw CorruptRecord(
            notification_id,
            "its position (originator_version) is " +
                (row.column_is_null(column) ? std::string("NULL") : "'" + row.column_text(column) + "'") +
                ", not an integer");
    }
    return row.column_int64(column);
}

}  // namespace

SqliteRecorder::SqliteRecorder(const std::string& path, const std::string& table)
    : database_(open(path, checked_sqlite_name(table))),
      insert_(database_.prepare("INSERT INTO " + table +
                                " (sequence_id, position, topic, state) VALUES (?1, ?2, ?3, ?4)")),
      select_events_(database_.prepare("SELECT notification_id, position, topic, state FROM " + table +
                                       " WHERE sequence_id = ?1 AND position > ?2 AND position <= ?3"
                                       " ORDER BY position LIMIT ?4")),
      // The same, newest first: the index on (sequence_id, position) is read backwards from ?3, so
      // the last snapshot before a version costs one step, however long the stream.
      select_events_desc_(database_.prepare("SELECT notification_id, position, topic, state FROM " + table +
                                            " WHERE sequence_id = ?1 AND position > ?2 AND position <= ?3"
                                            " ORDER BY position DESC LIMIT ?4")),
      // The rows of a stream the selection above cannot see: NULL sorts below every number, text
      // above. Both are found through the (sequence_id, position) index.
      select_unreadable_positions_(
          database_.prepare("SELECT notification_id, position FROM " + table +
                            " WHERE sequence_id = ?1 AND (position IS NULL OR position > ?2) LIMIT 1")),
      select_notifications_(
          database_.prepare("SELECT notification_id, sequence_id, position, topic, state FROM " + table +
                            " WHERE notification_id >= ?1 ORDER BY notification_id LIMIT ?2")),
      max_notification_id_(database_.prepare("SELECT COALESCE(MAX(notification_id), 0) FROM " + table)),
      insert_tracking_(
          database_.prepare("INSERT INTO tracking (application_name, notification_id) VALUES (?1, ?2)")),
      max_tracking_id_(database_.prepare(
          "SELECT COALESCE(MAX(notification_id), 0) FROM tracking WHERE application_name = ?1"))
{
}

void SqliteRecorder::insert_events(const std::vector<StoredEvent>& events)
{
    if (events.empty()) return;
    sqlite::Transaction transaction{database_};  // rolls back unless committed: all or nothing
    insert_in_transaction(events);
    transaction.commit();
}

void SqliteRecorder::insert_events(const std::vector<StoredEvent>& events, const Tracking& tracking)
{
    // >>> step 2: SqliteRecorder::insert_events, with tracking
    throw es::NotImplemented("SqliteRecorder::insert_events, with tracking", 2);
    // <<<
}

std::int64_t SqliteRecorder::max_tracking_id(const std::string& application_name) const
{
    // >>> step 2: SqliteRecorder::max_tracking_id
    throw es::NotImplemented("SqliteRecorder::max_tracking_id", 2);
    // <<<
}

void SqliteRecorder::insert_in_transaction(const std::vector<StoredEvent>& events)
{
    const sqlite::ScopedReset reset{insert_};
    for (const StoredEvent& event : events) {
        insert_.bind(1, event.originator_id.to_string())
            .bind(2, event.originator_version)
            .bind(3, event.topic)
            .bind(4, event.state);
        try {
            insert_.exec();
        } catch (const sqlite::Error& e) {
            if (!e.is_unique_violation()) throw;
            throw ConcurrencyError::position_taken(event);
        }
    }
}

std::vector<StoredEvent> SqliteRecorder::select_events(const Uuid& originator_id,
                                                       const EventSelection& selection) const
{
    const std::string stream = originator_id.to_string();
    {
        const sqlite::ScopedReset reset{select_unreadable_positions_};
        select_unreadable_positions_.bind(1, stream).bind(2, no_bound);
        if (select_unreadable_positions_.step()) {
            (void)position_of(select_unreadable_positions_, 1, select_unreadable_positions_.column_int64(0));
        }
    }
    sqlite::Statement& select = selection.desc ? select_events_desc_ : select_events_;
    const sqlite::ScopedReset reset{select};
    select.bind(1, stream)
        .bind(2, selection.gt.value_or(std::numeric_limits<std::int64_t>::min()))
        .bind(3, selection.lte.value_or(no_bound))
        .bind(4, selection.limit.value_or(-1));  // LIMIT -1: no limit
    std::vector<StoredEvent> events;
    while (select.step()) {
        events.push_back({originator_id, position_of(select, 1, select.column_int64(0)),
                          select.column_text(2), select.column_text(3)});
    }
    return events;
}

// A row that cannot be read stops the page there with es::CorruptRecord, naming the row: the
// rows before it are read by asking for fewer, and a reader that chooses to skip it starts after it.
std::vector<Notification> SqliteRecorder::select_notifications(std::int64_t start, std::int64_t limit) const
{
    if (limit <= 0) return {};  // SQLite reads a negative LIMIT as "no limit"
    const sqlite::ScopedReset reset{select_notifications_};
    select_notifications_.bind(1, start).bind(2, limit);
    std::vector<Notification> notifications;
    while (select_notifications_.step()) {
        const std::int64_t id = select_notifications_.column_int64(0);
        const std::string stream = select_notifications_.column_text(1);
        Uuid originator_id;
        try {
            originator_id = Uuid::parse(stream);
        } catch (const es::Error&) {
            throw CorruptRecord(id, "its stream (sequence_id) '" + stream + "' is not a UUID");
        }
        notifications.push_back(
            {id,
             {originator_id, position_of(select_notifications_, 2, id), select_notifications_.column_text(3),
              select_notifications_.column_text(4)}});
    }
    return notifications;
}

std::int64_t SqliteRecorder::max_notification_id() const
{
    const sqlite::ScopedReset reset{max_notification_id_};
    return max_notification_id_.step() ? max_notification_id_.column_int64(0) : 0;
}

}  // namespace es
