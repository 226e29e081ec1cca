// Snapshots change too (stage 13): the Dog's snapshot is at version 2, with the breeds; one stored
// before (version 1, no version written) is upcast when a dog is loaded from it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "es/sqlite_recorder.hpp"
#include "fixtures.hpp"

using dogschool::Dog;
using dogschool::DogMapper;

namespace {

using Breeds = std::vector<std::string>;

es::Environment snapshotting_file(const std::string& path)
{
    es::Environment environment = fixtures::sqlite_file(path);
    environment.set("SNAPSHOTTING_INTERVAL", "2");
    return environment;
}

}  // namespace

TEST_CASE("a dog's snapshot is stored at version 2, with its breeds, and read back equal")
{
    Dog coco{"Coco", Breeds{"labrador", "poodle"}};
    coco.add_trick("sit");
    Dog::Snapshot snapshot = coco.snapshot();
    snapshot.timestamp = es::Timestamp{std::chrono::microseconds{fixtures::moment}};
    const es::StoredEvent stored = DogMapper::to_stored(es::SnapshotVariant<Dog>{snapshot});
    CHECK(stored.topic == "dogschool.Dog.Snapshot");
    CHECK(stored.state == R"({"breeds":["labrador","poodle"],"class_version":2,"name":"Coco",)"
                          R"("timestamp":1700000000123456,"tricks":["sit"]})");
    CHECK(std::get<0>(DogMapper::from_stored<es::SnapshotVariant<Dog>>(stored)) == snapshot);
    CHECK(Dog::from_snapshot(snapshot) == coco);
    CHECK(Dog::from_snapshot(snapshot).breeds() == Breeds{"labrador", "poodle"});
}

TEST_CASE("a snapshot stored before breeds existed is upcast on load: a dog of unknown breed")
{
    // Fido's store as stage 13 left it: a snapshot at version 2 (no version, no breeds), and the
    // events after it, one under the old trick topic. Events 0 and 1 are not there at all: the dog
    // can only load from the snapshot.
    fixtures::TempDir dir;
    const std::string path = dir.file("dogs.db");
    const es::Uuid fido = fixtures::fido_id;
    {
        es::SqliteRecorder snapshots{path, "snapshots"};
        snapshots.insert_events({{fido, 2, "dogschool.Dog.Snapshot",
                                  R"({"name":"Fido","timestamp":1700000000123456,"tricks":["sit"]})"}});
        es::SqliteRecorder events{path};
        events.insert_events(
            {{fido, 2, "dogschool.Dog.TrickAdded", R"({"timestamp":1700000000123457,"trick":"fetch"})"},
             {fido, 3, "dogschool.Dog.TrickLearned", R"({"timestamp":1700000000123458,"trick":"beg"})"}});
    }
    dogschool::DogSchool school{snapshotting_file(path)};
    CHECK(school.get_dog(fido) == dogschool::DogDetails{"Fido", {"sit", "fetch", "beg"}});
    CHECK(school.breeds_of(fido) == Breeds{"unknown"});
    CHECK(school.get_dog(fido, 3) == dogschool::DogDetails{"Fido", {"sit", "fetch"}});

    // The next snapshot, at version 6, is written the new way; the old one stays as it was.
    school.add_trick(fido, "shake hands");
    school.add_trick(fido, "play dead");
    const es::Recorder* kept = school.snapshot_recorder();
    REQUIRE(kept != nullptr);
    const std::vector<es::StoredEvent> stored = kept->select_events(fido, {});
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].state == R"({"name":"Fido","timestamp":1700000000123456,"tricks":["sit"]})");
    CHECK(stored[1].originator_version == 6);
    CHECK(stored[1].state.find(R"("breeds":["unknown"],"class_version":2)") != std::string::npos);
    const dogschool::DogSchool reopened{snapshotting_file(path)};
    CHECK(reopened.get_dog(fido) ==
          dogschool::DogDetails{"Fido", {"sit", "fetch", "beg", "shake hands", "play dead"}});
}
