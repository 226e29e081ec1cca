#include "es/projection.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace es {

namespace {

// One row per view: the id of the last notification it processed.
constexpr const char* create_positions = R"(
CREATE TABLE IF NOT EXISTS projection_positions (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL
))";

sqlite::Database open(const std::string& path, std::string_view tables)
{
    sqlite::Database database{path};
    database.execute(create_positions);
    database.execute(tables);
    return database;
}

}  // namespace

Projection::Projection(const std::string& path, std::string name, std::string_view tables)
    : database_(open(path, tables)),
      name_(std::move(name)),
      select_position_(database_.prepare("SELECT position FROM projection_positions WHERE name = ?1")),
      save_position_(database_.prepare("INSERT INTO projection_positions (name, position) VALUES (?1, ?2)"
                                       " ON CONFLICT (name) DO UPDATE SET position = excluded.position"))
{
}

std::int64_t Projection::position() const
{
    const es::sqlite::ScopedReset reset{select_position_};  // done reading: let go of the snapshot
    select_position_.bind(1, name_);
    return select_position_.step() ? select_position_.column_int64(0) : 0;
}

void Projection::save_position(std::int64_t id)
{
    const es::sqlite::ScopedReset reset{save_position_};
    save_position_.bind(1, name_).bind(2, id).exec();
}

std::int64_t Projection::run(const NotificationLog& log, std::int64_t max)
{
    std::int64_t processed = 0;
    while (processed < max) {
        // The write lock is taken first and the position read inside the transaction, so that two
        // processes running the same view take turns instead of both processing the same page.
        sqlite::Transaction transaction{database_};
        std::int64_t next = position() + 1;
        const std::vector<Notification> page = log.select(next, std::min(page_size, max - processed));
        if (page.empty()) break;  // up to date; the transaction rolls back, having changed nothing
        for (const Notification& notification : page) {
            if (notification.id != next) {
                throw NotificationGap("the notification log went from notification " +
                                      std::to_string(next - 1) + " to " + std::to_string(notification.id) +
                                      ": " + std::to_string(next) + " is missing");
            }
            apply(notification);
            ++next;
        }
        save_position(page.back().id);
        transaction.commit();  // the view's changes and the new position, together or not at all
        processed += static_cast<std::int64_t>(page.size());
    }
    return processed;
}

void Projection::reset()
{
    sqlite::Transaction transaction{database_};
    clear();
    save_position(0);
    transaction.commit();
}

}  // namespace es
