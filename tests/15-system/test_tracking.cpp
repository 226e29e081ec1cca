// Step 2: each recorder stores a save's events and the tracking record of the notification that
// caused them in one transaction, and refuses a notification tracked already, storing nothing.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "es/environment.hpp"
#include "es/recorder.hpp"
#include "es/sqlite.hpp"
#include "fixtures.hpp"

namespace {

es::StoredEvent event_at(const es::Uuid& stream, std::int64_t position)
{
    return {stream, position, "test.Thing.Happened", "{\"n\":" + std::to_string(position) + "}"};
}

}  // namespace

TEST_CASE("an application's own settings come before the settings it shares with the others")
{
    const es::Environment shared{{"POSTGRES_DBNAME", "shared"},
                                 {"CERTIFICATES_POSTGRES_DBNAME", "certificates"},
                                 {"POSTGRES_HOST", "db.example"}};
    const es::Environment office = shared.for_application("Certificates");
    CHECK(office.get("POSTGRES_DBNAME") == "certificates");
    CHECK(office.get("POSTGRES_HOST") == "db.example");
    CHECK(shared.for_application("DogSchool").get("POSTGRES_DBNAME") == "shared");
    CHECK(shared.get("POSTGRES_DBNAME") == "shared");
    const fixtures::ScopedEnv process{"DOGSCHOOL_POSTGRES_DBNAME", "from the process"};
    CHECK(shared.for_application("DogSchool").get("POSTGRES_DBNAME") == "from the process");
}

TEST_CASE("a recorder stores a save's events and its tracking record together")
{
    const fixtures::TempDir dir;
    const auto recorder = es::make_recorder(fixtures::each_persistence(dir));
    CHECK(recorder->max_tracking_id("DogSchool") == 0);
    const es::Uuid stream = es::Uuid::random();
    recorder->insert_events({event_at(stream, 0), event_at(stream, 1)}, {"DogSchool", 1});
    recorder->insert_events({}, {"DogSchool", 2});  // a notification that changed nothing is tracked too
    recorder->insert_events({event_at(stream, 2)}, {"DogSchool", 3});
    CHECK(recorder->max_tracking_id("DogSchool") == 3);
    CHECK(recorder->select_events(stream, {}).size() == 3);
    CHECK(recorder->max_notification_id() == 3);
}

TEST_CASE("a notification recorded as processed twice is refused and stores nothing")
{
    const fixtures::TempDir dir;
    const auto recorder = es::make_recorder(fixtures::each_persistence(dir));
    const es::Uuid first = es::Uuid::random();
    const es::Uuid second = es::Uuid::random();
    recorder->insert_events({event_at(first, 0)}, {"DogSchool", 7});
    CHECK_THROWS_AS(recorder->insert_events({event_at(second, 0)}, {"DogSchool", 7}), es::AlreadyProcessed);
    CHECK_THROWS_WITH_AS(recorder->insert_events({}, {"DogSchool", 7}),
                         doctest::Contains("notification 7 of DogSchool was processed already"),
                         es::AlreadyProcessed);
    CHECK(recorder->select_events(second, {}).empty());
    CHECK(recorder->max_notification_id() == 1);
    CHECK(recorder->max_tracking_id("DogSchool") == 7);
}

TEST_CASE("a save refused for a taken position stores no tracking record either")
{
    const fixtures::TempDir dir;
    const auto recorder = es::make_recorder(fixtures::each_persistence(dir));
    const es::Uuid stream = es::Uuid::random();
    recorder->insert_events({event_at(stream, 0)}, {"DogSchool", 1});
    CHECK_THROWS_AS(recorder->insert_events({event_at(stream, 0)}, {"DogSchool", 2}), es::ConcurrencyError);
    CHECK(recorder->max_tracking_id("DogSchool") == 1);
    recorder->insert_events({event_at(stream, 1)}, {"DogSchool", 2});  // processed again: now it fits
    CHECK(recorder->max_tracking_id("DogSchool") == 2);
}

TEST_CASE("each upstream application is tracked on its own")
{
    const fixtures::TempDir dir;
    const auto recorder = es::make_recorder(fixtures::each_persistence(dir));
    recorder->insert_events({}, {"DogSchool", 5});
    recorder->insert_events({}, {"Kennel", 2});
    recorder->insert_events({}, {"Kennel", 5});  // the same id of another upstream is another notification
    CHECK(recorder->max_tracking_id("DogSchool") == 5);
    CHECK(recorder->max_tracking_id("Kennel") == 5);
    CHECK(recorder->max_tracking_id("Vet") == 0);
    recorder->insert_events({}, {"Kennel", 9});
    CHECK(recorder->max_tracking_id("DogSchool") == 5);
    CHECK(recorder->max_tracking_id("Kennel") == 9);
}

TEST_CASE("an SQLite store of an earlier stage gets a tracking table when it is opened")
{
    const fixtures::TempDir dir;
    const std::string file = dir.file("stage12.db");
    {
        es::sqlite::Database old{file};  // what stages 10 to 14 made: the events' table alone
        old.execute(
            "CREATE TABLE sequenced_items (notification_id INTEGER PRIMARY KEY AUTOINCREMENT, sequence_id "
            "TEXT "
            "NOT NULL, position INTEGER NOT NULL, topic TEXT NOT NULL, state TEXT NOT NULL, UNIQUE "
            "(sequence_id, "
            "position))");
    }
    const auto recorder = es::make_recorder({{"PERSISTENCE_MODULE", "sqlite"}, {"SQLITE_DBNAME", file}});
    recorder->insert_events({event_at(es::Uuid::random(), 0)}, {"DogSchool", 1});
    CHECK(recorder->max_tracking_id("DogSchool") == 1);
}
