// Stage 10's dog school, unchanged, on every persistence module: PostgreSQL must behave as the others.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dogschool/dog_mapper.hpp"
#include "dogschool/dog_school.hpp"
#include "es/environment.hpp"
#include "es/recorder.hpp"
#include "fixtures.hpp"

using dogschool::Dog;
using dogschool::DogDetails;
using dogschool::DogSchool;

TEST_CASE("the dog school registers dogs and teaches them tricks")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const es::Uuid fido = school.register_dog("Fido");
    const es::Uuid rex = school.register_dog("Rex");
    CHECK(school.get_dog(fido) == DogDetails{"Fido", {}});

    school.add_trick(fido, "roll over");
    school.add_trick(rex, "play dead");
    school.add_trick(fido, "fetch ball");

    CHECK(school.get_dog(fido) == DogDetails{"Fido", {"roll over", "fetch ball"}});
    CHECK(school.get_dog(rex) == DogDetails{"Rex", {"play dead"}});
}

TEST_CASE("the school knows no dog it did not register")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    school.register_dog("Fido");
    const es::Uuid stranger = es::Uuid::random();

    CHECK_THROWS_AS(school.get_dog(stranger), es::AggregateNotFound);
    CHECK_THROWS_AS(school.add_trick(stranger, "sit"), es::AggregateNotFound);
}

TEST_CASE("names and tricks come back exactly as they were given, whatever they hold")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const std::vector<std::string> hostile = {
        "",
        "O'Brien \"the\" \\ dog",
        "'); DROP TABLE sequenced_items; --",
        "$1 $2 \\x00 E'\\\\'",
        std::string("nul\0inside", 10),
        "\xF0\x9F\x90\x95 Hund \xC3\xBC\xC3\x9F \xE7\x8A\xAC",
        "line\nbreak\ttab\r",
        std::string(1 << 20, 'x'),  // 1 MB
    };
    const es::Uuid dog_id = school.register_dog(hostile[2]);
    for (const std::string& trick : hostile) school.add_trick(dog_id, trick);

    const DogDetails details = school.get_dog(dog_id);
    CHECK(details.name == hostile[2]);
    REQUIRE(details.tricks.size() == hostile.size());
    for (std::size_t i = 0; i < hostile.size(); ++i) CHECK(details.tricks[i] == hostile[i]);
}

TEST_CASE("the school shows a dog as it was at each of its versions")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const es::Uuid fido = school.register_dog("Fido");
    school.add_trick(fido, "sit");
    school.add_trick(fido, "roll over");

    CHECK(school.get_dog(fido, 1) == DogDetails{"Fido", {}});
    CHECK(school.get_dog(fido, 2) == DogDetails{"Fido", {"sit"}});
    CHECK(school.get_dog(fido, 3) == DogDetails{"Fido", {"sit", "roll over"}});
    CHECK_THROWS_AS(school.get_dog(fido, 4), es::AggregateNotFound);
}

TEST_CASE("saving a stale dog is a ConcurrencyError, stores nothing and leaves no gap in the log")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const es::Uuid fido = school.register_dog("Fido");
    Dog first = school.repository().get(fido);
    Dog second = school.repository().get(fido);
    first.add_trick("sit");
    school.save(first);

    second.add_trick("paw");
    second.add_trick("beg");
    CHECK_THROWS_AS(school.save(second), es::ConcurrencyError);
    CHECK(school.get_dog(fido) == DogDetails{"Fido", {"sit"}});

    school.add_trick(fido, "roll over");
    const auto log = school.notification_log().select(1, 10);
    REQUIRE(log.size() == 3);
    for (std::size_t i = 0; i < log.size(); ++i) CHECK(log[i].id == static_cast<std::int64_t>(i) + 1);
}

TEST_CASE("a recorder refuses a batch that reuses a stored position, and stores none of it")
{
    const fixtures::TempDir dir;
    const std::unique_ptr<es::Recorder> recorder = es::make_recorder(fixtures::each_persistence(dir));
    const es::Uuid fido = es::Uuid::random();
    const es::Uuid rex = es::Uuid::random();
    recorder->insert_events({{fido, 0, "t.A", "{}"}});

    CHECK_THROWS_AS(recorder->insert_events({{rex, 0, "t.A", "{}"}, {fido, 0, "t.B", "{}"}}),
                    es::ConcurrencyError);
    CHECK_THROWS_AS(recorder->insert_events({{rex, 0, "t.A", "{}"}, {rex, 0, "t.B", "{}"}}),
                    es::ConcurrencyError);
    CHECK(recorder->select_events(rex, {}).empty());
    CHECK(recorder->max_notification_id() == 1);
}

TEST_CASE("a recorder selects a stream's events within bounds, and keeps their states byte for byte")
{
    const fixtures::TempDir dir;
    const std::unique_ptr<es::Recorder> recorder = es::make_recorder(fixtures::each_persistence(dir));
    const es::Uuid fido = es::Uuid::random();
    std::vector<es::StoredEvent> events;
    for (std::int64_t v = 0; v < 6; ++v)
        events.push_back({fido, v, "t.E", "{\"v\": " + std::to_string(v) + "}"});
    events.push_back({fido, 6, "t.Raw", std::string("any\0bytes\xff\x01", 12)});
    recorder->insert_events(events);
    recorder->insert_events({{es::Uuid::random(), 0, "t.E", "{}"}});

    const auto versions = [&](const es::EventSelection& selection) {
        std::vector<std::int64_t> found;
        for (const auto& e : recorder->select_events(fido, selection)) found.push_back(e.originator_version);
        return found;
    };
    CHECK(recorder->select_events(fido, {}) == events);
    CHECK(versions({.gt = 2}) == std::vector<std::int64_t>{3, 4, 5, 6});
    CHECK(versions({.lte = 1}) == std::vector<std::int64_t>{0, 1});
    CHECK(versions({.gt = 1, .lte = 4, .limit = 2}) == std::vector<std::int64_t>{2, 3});
    CHECK(recorder->select_events(es::Uuid::random(), {}).empty());
}
