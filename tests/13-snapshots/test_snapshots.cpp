// A dog's snapshot (step 2), taking snapshots when a save reaches or passes a multiple of the
// interval (step 3), and loading from the latest snapshot and the events after it (step 4).
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dogschool/dog_mapper.hpp"
#include "dogschool/dog_school.hpp"
#include "es/environment.hpp"
#include "es/recorder.hpp"
#include "es/sqlite.hpp"
#include "fixtures.hpp"

using dogschool::Dog;
using dogschool::DogDetails;
using dogschool::DogSchool;

namespace {

Dog trained_dog(int tricks)
{
    Dog dog{"Fido"};
    for (int t = 1; t <= tricks; ++t) dog.add_trick("trick " + std::to_string(t));
    (void)dog.collect_events();
    return dog;
}

}  // namespace

TEST_CASE("a dog's snapshot holds its state at its version, and a dog made from it equals the dog")
{
    const Dog dog = trained_dog(3);
    const Dog::Snapshot snapshot = dog.snapshot();
    CHECK(snapshot.originator_id == dog.id());
    CHECK(snapshot.originator_version == 4);
    CHECK(snapshot.name == "Fido");
    CHECK(snapshot.tricks == std::vector<std::string>{"trick 1", "trick 2", "trick 3"});

    const Dog again = Dog::from_snapshot(snapshot);
    CHECK(again == dog);
    CHECK(again.version() == 4);
    CHECK(again.pending_events().empty());
}

TEST_CASE("a dog made from a snapshot goes on learning from the version after it")
{
    Dog dog = Dog::from_snapshot(trained_dog(2).snapshot());
    dog.add_trick("sit");
    REQUIRE(dog.pending_events().size() == 1);
    CHECK(es::header_of(dog.pending_events().front()).originator_version == 3);
    CHECK(dog.tricks().back() == "sit");
}

TEST_CASE("a dog's snapshot is stored as JSON under its own topic, and read back equal")
{
    const Dog::Snapshot snapshot = trained_dog(2).snapshot();
    const es::StoredEvent stored = dogschool::DogMapper::to_stored(es::SnapshotVariant<Dog>{snapshot});
    CHECK(stored.topic == "dogschool.Dog.Snapshot");
    CHECK(stored.originator_version == 3);
    CHECK(stored.state.find("\"tricks\":[\"trick 1\",\"trick 2\"]") != std::string::npos);
    CHECK(std::get<0>(dogschool::DogMapper::from_stored<es::SnapshotVariant<Dog>>(stored)) == snapshot);
}

TEST_CASE("a SNAPSHOTTING_INTERVAL that is not a whole number, 0 or more, is a clear error")
{
    for (const char* bad : {"ten", "-1", "10x", "1.5", " 3"}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH_AS(DogSchool(es::Environment{{"SNAPSHOTTING_INTERVAL", bad}}),
                             doctest::Contains("SNAPSHOTTING_INTERVAL"), es::ConfigurationError);
    }
    CHECK(DogSchool(es::Environment{{"SNAPSHOTTING_INTERVAL", "0"}}).snapshot_recorder() == nullptr);
    CHECK(DogSchool(es::Environment{{"SNAPSHOTTING_INTERVAL", ""}}).snapshot_recorder() == nullptr);
    CHECK(DogSchool(es::Environment{{"SNAPSHOTTING_INTERVAL", "7"}}).snapshot_recorder() != nullptr);
}

TEST_CASE("a save takes a snapshot when the dog reaches or passes a multiple of the interval")
{
    DogSchool school{fixtures::with_snapshots({}, 3)};
    Dog dog{"Fido"};
    int trick = 0;
    const auto learn = [&](int tricks) {
        for (int t = 0; t < tricks; ++t) dog.add_trick("trick " + std::to_string(++trick));
        school.save(dog);
    };
    school.save(dog);  // version 1
    learn(1);          // 2
    CHECK(fixtures::snapshot_versions(school, dog.id()).empty());
    learn(2);  // 4: passes 3
    learn(2);  // 6: reaches 6
    learn(1);  // 7
    learn(5);  // 12: passes 9 and reaches 12, one snapshot of the dog as saved
    CHECK(fixtures::snapshot_versions(school, dog.id()) == std::vector<std::int64_t>{4, 6, 12});
    const auto latest = school.snapshot_recorder()->select_events(dog.id(), {.desc = true, .limit = 1});
    CHECK(Dog::from_snapshot(std::get<0>(
              dogschool::DogMapper::from_stored<es::SnapshotVariant<Dog>>(latest.front()))) == dog);
}

TEST_CASE("a snapshot already stored at its position is left alone, and the save stands")
{
    DogSchool school{fixtures::with_snapshots({}, 2)};
    Dog dog{"Fido"};
    school.save(dog);
    dog.add_trick("sit");
    // Another process loaded the same dog, saved nothing yet, but stored its snapshot at version 2.
    auto& snapshots = const_cast<es::Recorder&>(*school.snapshot_recorder());
    snapshots.insert_events({dogschool::DogMapper::to_stored(es::SnapshotVariant<Dog>{dog.snapshot()})});

    CHECK_NOTHROW(school.save(dog));
    CHECK(dog.pending_events().empty());
    CHECK(school.notification_log().max_id() == 2);
    CHECK(school.get_dog(dog.id()) == DogDetails{"Fido", {"sit"}});
}

TEST_CASE("snapshots are kept apart: never in the notification log, whose ids stay gap-free")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::with_snapshots(fixtures::each_persistence(dir), 2);
    DogSchool school{environment};
    const es::Uuid fido = fixtures::dog_with_tricks(school, 9);    // 10 events: snapshots at 2, 4 ... 10
    const es::Uuid rex = fixtures::dog_with_tricks(school, 4, 2);  // 5 events
    REQUIRE(fixtures::snapshot_versions(school, fido) == std::vector<std::int64_t>{2, 4, 6, 8, 10});

    const auto log = school.notification_log().select(1, 100);
    REQUIRE(log.size() == 15);
    CHECK(school.notification_log().max_id() == 15);
    for (std::size_t i = 0; i < log.size(); ++i) {
        CHECK(log[i].id == static_cast<std::int64_t>(i) + 1);
        CHECK(log[i].event.topic != "dogschool.Dog.Snapshot");
    }
    CHECK(school.recorder().select_events(fido, {}).size() == 10);
    CHECK(school.recorder().select_events(rex, {}).size() == 5);
}

TEST_CASE("a load replays only the events after the latest snapshot at or before the version")
{
    DogSchool school{fixtures::with_snapshots({}, 10)};
    const es::Uuid fido = fixtures::dog_with_tricks(school, 25);  // 26 events: snapshots at 10 and 20
    REQUIRE(fixtures::snapshot_versions(school, fido) == std::vector<std::int64_t>{10, 20});
    const fixtures::CountingRecorder events{school.recorder()};
    const es::Repository<dogschool::DogMapper, Dog> repository{events, school.snapshot_recorder()};

    const auto replayed = [&](std::optional<std::int64_t> version) {
        events.selected = 0;
        const Dog dog = version ? repository.get(fido, *version) : repository.get(fido);
        CHECK(dog == (version ? school.repository().get(fido, *version) : school.repository().get(fido)));
        return events.selected;
    };
    CHECK(replayed(std::nullopt) == 6);
    CHECK(replayed(26) == 6);
    CHECK(replayed(25) == 5);
    CHECK(replayed(20) == 0);
    CHECK(replayed(19) == 9);
    CHECK(replayed(10) == 0);
    CHECK(replayed(9) == 9);
}

TEST_CASE("events older than the snapshot can be unreadable in an SQLite file: the dog still loads")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::with_snapshots(fixtures::sqlite_file(dir), 5);
    es::Uuid fido;
    {
        DogSchool school{environment};
        fido = fixtures::dog_with_tricks(school, 12);  // 13 events: snapshots at 5 and 10
    }
    {
        es::sqlite::Database file{dir.file("dogs.db")};
        file.execute("UPDATE sequenced_items SET state = 'not JSON' WHERE position < 10");
    }
    const DogSchool school{environment};
    const DogDetails dog = school.get_dog(fido);
    CHECK(dog.tricks.size() == 12);
    CHECK(dog.tricks.back() == "trick 12");
    CHECK(school.get_dog(fido, 11).tricks.size() == 10);
    // Without its snapshots the same file cannot give the dog back: the snapshot is what was read.
    const DogSchool without{fixtures::sqlite_file(dir)};
    CHECK_THROWS_AS(without.get_dog(fido), es::MappingError);
}

TEST_CASE("a reopened store loads from its snapshots the same dogs a full replay does")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::each_shared_persistence(dir);
    es::Uuid fido;
    {
        DogSchool school{fixtures::with_snapshots(environment, 4)};
        fido = fixtures::dog_with_tricks(school, 17, 3);  // 18 events, saved at 1, 4, 7 ... 16, 18
    }
    const DogSchool snapshotting{fixtures::with_snapshots(environment, 4)};
    const DogSchool replaying{environment};
    CHECK(fixtures::snapshot_versions(snapshotting, fido) == std::vector<std::int64_t>{4, 10, 13, 16});
    for (std::int64_t v = 1; v <= 18; ++v) {
        CAPTURE(v);
        CHECK(snapshotting.repository().get(fido, v) == replaying.repository().get(fido, v));
    }
    CHECK(snapshotting.repository().get(fido) == replaying.repository().get(fido));
    CHECK_THROWS_AS(snapshotting.repository().get(fido, 19), es::AggregateNotFound);
}
