#include "dogschool/tricks_view.hpp"

#include <chrono>
#include <iomanip>
#include <sstream>
#include <variant>

#include "dogschool/dog.hpp"
#include "dogschool/dog_mapper.hpp"

namespace dogschool {

namespace {

// The view's own tables. dog_tricks has a row per dog and trick it knows (`learned` is the id of
// the notification that taught it), indexed by trick for dogs_knowing(); the two others are counts
// kept up to date as events arrive.
constexpr const char* create_tables = R"(
CREATE TABLE IF NOT EXISTS dog_tricks (
    dog_id TEXT NOT NULL,
    trick TEXT NOT NULL,
    learned INTEGER NOT NULL,
    PRIMARY KEY (dog_id, trick)
);
CREATE INDEX IF NOT EXISTS dog_tricks_by_trick ON dog_tricks (trick, learned);
CREATE TABLE IF NOT EXISTS trick_counts (
    trick TEXT PRIMARY KEY,
    dogs INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tricks_per_day (
    day TEXT PRIMARY KEY,
    tricks INTEGER NOT NULL
))";

// The calendar day of a moment, in UTC, as "2024-03-01".
std::string day_of(es::Timestamp time)
{
    const std::chrono::year_month_day date{std::chrono::floor<std::chrono::days>(time)};
    std::ostringstream text;
    text << std::setfill('0') << std::setw(4) << static_cast<int>(date.year()) << '-' << std::setw(2)
         << static_cast<unsigned>(date.month()) << '-' << std::setw(2) << static_cast<unsigned>(date.day());
    return text.str();
}

}  // namespace

TricksView::TricksView(const std::string& path)
    : Projection(path, "dogschool.TricksView", create_tables),
      insert_dog_trick_(database().prepare(
          "INSERT OR IGNORE INTO dog_tricks (dog_id, trick, learned) VALUES (?1, ?2, ?3)")),
      count_dog_(database().prepare("INSERT INTO trick_counts (trick, dogs) VALUES (?1, 1)"
                                    " ON CONFLICT (trick) DO UPDATE SET dogs = dogs + 1")),
      count_trick_on_day_(database().prepare("INSERT INTO tricks_per_day (day, tricks) VALUES (?1, 1)"
                                             " ON CONFLICT (day) DO UPDATE SET tricks = tricks + 1")),
      select_dogs_knowing_(
          database().prepare("SELECT dog_id FROM dog_tricks WHERE trick = ?1 ORDER BY learned")),
      select_dogs_per_trick_(database().prepare("SELECT trick, dogs FROM trick_counts")),
      select_tricks_per_day_(database().prepare("SELECT day, tricks FROM tricks_per_day"))
{
}

void TricksView::apply(const es::Notification& notification)
{
    // The view needs TrickLearned only: every other event, of dogs or of anything else the
    // application keeps, passes by without being decoded. The mapper says which topic a stored one
    // is read as: a trick stored under TrickAdded's old topic is a TrickLearned too.
    if (DogMapper::current_topic(notification.event.topic) != TrickLearned::topic) return;

    // Back to the event, with the mapper of stage 10.
    const DogEvent event = DogMapper::from_stored(notification.event);
    const TrickLearned& added = std::get<TrickLearned>(event);
    const int inserted = insert_dog_trick_.bind(1, added.originator_id.to_string())
                             .bind(2, added.trick)
                             .bind(3, notification.id)
                             .exec();
    // The row is ignored if the dog knew the trick already: then it is not one dog more.
    if (inserted == 1) count_dog_.bind(1, added.trick).exec();
    // And one trick more on the day of the event: history that a table of current dogs would not keep.
    count_trick_on_day_.bind(1, day_of(added.timestamp)).exec();
}

void TricksView::clear()
{
    database().execute("DELETE FROM dog_tricks; DELETE FROM trick_counts; DELETE FROM tricks_per_day");
}

std::vector<es::Uuid> TricksView::dogs_knowing(const std::string& trick) const
{
    const es::sqlite::ScopedReset reset{select_dogs_knowing_};
    select_dogs_knowing_.bind(1, trick);
    std::vector<es::Uuid> dogs;
    while (select_dogs_knowing_.step()) dogs.push_back(es::Uuid::parse(select_dogs_knowing_.column_text(0)));
    return dogs;
}

std::map<std::string, std::int64_t> TricksView::dogs_per_trick() const
{
    const es::sqlite::ScopedReset reset{select_dogs_per_trick_};
    std::map<std::string, std::int64_t> counts;
    while (select_dogs_per_trick_.step()) {
        counts.emplace(select_dogs_per_trick_.column_text(0), select_dogs_per_trick_.column_int64(1));
    }
    return counts;
}

std::map<std::string, std::int64_t> TricksView::tricks_per_day() const
{
    const es::sqlite::ScopedReset reset{select_tricks_per_day_};
    std::map<std::string, std::int64_t> counts;
    while (select_tricks_per_day_.step()) {
        counts.emplace(select_tricks_per_day_.column_text(0), select_tricks_per_day_.column_int64(1));
    }
    return counts;
}

}  // namespace dogschool
