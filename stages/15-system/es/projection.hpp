#pragma once
// Read models, the library way: a projection follows an application's notification log and keeps
// a view of it, shaped for the questions it answers, in its own SQLite tables.
//
//     class TricksView : public es::Projection { ... };   // see tricks_view.hpp
//     view.run(school.notification_log());                // catch up with the school
//
// The view remembers the id of the last notification it processed (its position) in the same
// database, and changes both in one transaction. Stopped at any moment, even by kill -9, it has
// either processed a notification completely, position included, or not at all: the next run()
// goes on from there, and counts nothing twice and misses nothing.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "es/application.hpp"
#include "es/error.hpp"
#include "es/recorder.hpp"
#include "es/sqlite.hpp"

namespace es {

// The log skipped a notification id: the view would miss an event, so it stops instead. A
// notification log numbers its events without gaps; a gap means a recorder broke that promise.
class NotificationGap : public Error {
public:
    using Error::Error;
};

class Projection {
public:
    virtual ~Projection() = default;
    Projection(const Projection&) = delete;
    Projection& operator=(const Projection&) = delete;

    // The id of the last notification the view has processed: 0 when none.
    std::int64_t position() const;

    // Brings the view up to date: processes the notifications after position(), oldest first, at
    // most `max` of them, a page at a time. Each page is one transaction that changes the view and
    // records the new position. Returns how many notifications it processed (0: nothing new).
    std::int64_t run(const NotificationLog& log, std::int64_t max = std::numeric_limits<std::int64_t>::max());

    // Empties the view and sets its position back to 0, in one transaction: the next run()
    // rebuilds it from notification 1.
    void reset();

    // How many notifications one transaction of run() processes at most.
    static constexpr std::int64_t page_size = 100;

protected:
    // Opens (or creates) the database holding the view: a file, or ":memory:". `name` tells this
    // view's position apart from the positions of other views kept in the same database; `tables`
    // is the SQL that creates the view's tables if they do not exist yet.
    Projection(const std::string& path, std::string name, std::string_view tables);

    sqlite::Database& database() { return database_; }

private:
    // How one notification changes the view. Called by run(), inside its transaction.
    virtual void apply(const Notification& notification) = 0;
    // Deletes every row of the view. Called by reset(), inside its transaction.
    virtual void clear() = 0;

    void save_position(std::int64_t id);

    sqlite::Database database_;
    std::string name_;
    mutable sqlite::Statement select_position_;
    sqlite::Statement save_position_;
};

}  // namespace es
