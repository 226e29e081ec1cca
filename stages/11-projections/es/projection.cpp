#include "es/projection.hpp"

#include <algorithm>
#include <utility>
#include <vector>
#include "es/not_implemented.hpp"

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
    // >>> step 1: Projection::run
    throw es::NotImplemented("Projection::run", 1);
    // <<<
}

void Projection::reset()
{
    // >>> step 5: Projection::reset
    throw es::NotImplemented("Projection::reset", 5);
    // <<<
}

}  // namespace es
