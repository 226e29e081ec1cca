// es::Application's promises, shown with the DogSchool: save, the repository, stale saves.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "fixtures.hpp"

using dogschool::Dog;
using dogschool::DogEvent;
using dogschool::DogSchool;

TEST_CASE("saving stores a dog's pending events and empties its pending list")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    Dog fido{"Fido"};
    fido.add_trick("roll over");

    app.save(fido);
    CHECK(fido.pending_events().empty());
    CHECK(app.notification_log().select(1, 10).size() == 2);
}

TEST_CASE("a dog got from the repository equals the dog that was saved")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    Dog fido{"Fido"};
    fido.add_trick("roll over");
    fido.add_trick("fetch ball");
    app.save(fido);

    const Dog copy = app.repository().get(fido.id());
    CHECK(copy == fido);
    CHECK(copy.version() == 3);
    CHECK(copy.tricks() == std::vector<std::string>{"roll over", "fetch ball"});
    CHECK(copy.pending_events().empty());
}

TEST_CASE("the events saved are the events recorded, timestamps included")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    Dog fido{"Fido"};
    fido.add_trick("roll over");
    const std::vector<DogEvent> recorded = fido.pending_events();
    app.save(fido);

    std::vector<DogEvent> stored;
    for (const auto& event : app.recorder().select_events(fido.id(), {})) {
        stored.push_back(dogschool::DogMapper::from_stored(event));
    }
    CHECK(stored == recorded);
}

TEST_CASE("a dog saved in several steps is got back with all its tricks")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    Dog fido{"Fido"};
    app.save(fido);
    for (const char* trick : {"sit", "stay", "roll over"}) {
        Dog dog = app.repository().get(fido.id());
        dog.add_trick(trick);
        app.save(dog);
    }
    CHECK(app.repository().get(fido.id()).tricks() == std::vector<std::string>{"sit", "stay", "roll over"});
}

TEST_CASE("the repository gets a dog as it was at an earlier version")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    const es::Uuid id = app.register_dog("Fido");
    app.add_trick(id, "roll over");
    app.add_trick(id, "fetch ball");

    const Dog first = app.repository().get(id, 1);
    CHECK(first.version() == 1);
    CHECK(first.tricks().empty());
    const Dog second = app.repository().get(id, 2);
    CHECK(second.tricks() == std::vector<std::string>{"roll over"});
    CHECK(app.repository().get(id, 3) == app.repository().get(id));
}

TEST_CASE("a version a dog never had is not found")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    const es::Uuid id = app.register_dog("Fido");
    app.add_trick(id, "roll over");  // versions 1 and 2

    CHECK_THROWS_AS(app.repository().get(id, 0), es::AggregateNotFound);
    CHECK_THROWS_AS(app.repository().get(id, 3), es::AggregateNotFound);
    CHECK_THROWS_AS(app.repository().get(es::Uuid::random(), 1), es::AggregateNotFound);
}

TEST_CASE("saving a stale dog is a ConcurrencyError and stores nothing")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    const es::Uuid id = app.register_dog("Fido");
    Dog first = app.repository().get(id);
    Dog second = app.repository().get(id);  // the same version: one of them will be stale

    first.add_trick("roll over");
    app.save(first);

    second.add_trick("sit");
    second.add_trick("stay");
    CHECK_THROWS_AS(app.save(second), es::ConcurrencyError);

    CHECK(app.get_dog(id).tricks == std::vector<std::string>{"roll over"});
    CHECK(app.notification_log().max_id() == 2);
    CHECK(second.pending_events().size() == 2);  // left as it was, for the caller to decide
}

TEST_CASE("a stale save leaves no gap in the notification ids")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    const es::Uuid id = app.register_dog("Fido");
    Dog stale = app.repository().get(id);
    app.add_trick(id, "roll over");
    stale.add_trick("sit");
    CHECK_THROWS_AS(app.save(stale), es::ConcurrencyError);

    app.add_trick(id, "fetch ball");
    const auto notifications = app.notification_log().select(1, 10);
    REQUIRE(notifications.size() == 3);
    CHECK(notifications[2].id == 3);
    CHECK(notifications[2].event.originator_version == 2);
}

TEST_CASE("saving a dog with nothing pending stores nothing")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    Dog fido{"Fido"};
    app.save(fido);
    app.save(fido);
    CHECK(app.notification_log().max_id() == 1);
}

TEST_CASE("a recorder refuses a batch that reuses a stored position, and stores none of it")
{
    const fixtures::TempDir dir;
    const auto recorder = es::make_recorder(fixtures::each_persistence(dir));
    const es::Uuid stream = es::Uuid::random();
    recorder->insert_events({{stream, 0, "t", "{}"}});

    CHECK_THROWS_AS(recorder->insert_events({{stream, 1, "t", "{}"}, {stream, 0, "t", "{}"}}),
                    es::ConcurrencyError);
    CHECK(recorder->select_events(stream, {}).size() == 1);
    CHECK(recorder->max_notification_id() == 1);
}

TEST_CASE("a recorder refuses a batch that uses one position twice, and stores none of it")
{
    const fixtures::TempDir dir;
    const auto recorder = es::make_recorder(fixtures::each_persistence(dir));
    const es::Uuid stream = es::Uuid::random();

    CHECK_THROWS_AS(recorder->insert_events({{stream, 0, "t", "{}"}, {stream, 0, "t", "{}"}}),
                    es::ConcurrencyError);
    CHECK(recorder->select_events(stream, {}).empty());
    CHECK(recorder->max_notification_id() == 0);
}

TEST_CASE("a recorder selects a stream's events within bounds")
{
    const fixtures::TempDir dir;
    const auto recorder = es::make_recorder(fixtures::each_persistence(dir));
    const es::Uuid stream = es::Uuid::random();
    std::vector<es::StoredEvent> events;
    for (std::int64_t v = 0; v < 6; ++v) {
        events.push_back({stream, v, "t", "{\"v\": " + std::to_string(v) + "}"});
    }
    recorder->insert_events(events);
    recorder->insert_events({{es::Uuid::random(), 0, "t", "{}"}});  // another stream, not selected

    const auto versions = [&](const es::EventSelection& selection) {
        std::vector<std::int64_t> found;
        for (const auto& e : recorder->select_events(stream, selection)) {
            found.push_back(e.originator_version);
        }
        return found;
    };
    CHECK(versions({}) == std::vector<std::int64_t>{0, 1, 2, 3, 4, 5});
    CHECK(versions({.gt = 1}) == std::vector<std::int64_t>{2, 3, 4, 5});
    CHECK(versions({.lte = 2}) == std::vector<std::int64_t>{0, 1, 2});
    CHECK(versions({.gt = 0, .lte = 4, .limit = 2}) == std::vector<std::int64_t>{1, 2});
    CHECK(recorder->select_events(stream, {.gt = 3, .limit = 1}).front() == events[4]);
}
