// A real old store: the SQLite file stage 10's solution wrote (data/stage10-dogs.sqlite), read by
// this stage unchanged, and written to the new way beside its old events.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"

using dogschool::DogDetails;
using dogschool::DogSchool;

namespace {

// The dogs data/write_stage10_store.cpp registered, in that order, with the tricks it taught them.
std::vector<DogDetails> dogs_stage_10_wrote()
{
    std::vector<std::string> many;
    for (int i = 1; i <= 40; ++i) many.push_back("trick number " + std::to_string(i));
    return {
        {"Fido", {"roll over", "fetch ball", "play dead"}},
        {"Rex", many},
        {"Zoë 🐕 Ünïcødé", {"sitz", "платц", "お手", "🎾 fetch"}},
        {"Sir \"Barks\" O'Malley'); DROP TABLE sequenced_items;--", {"say \"please\"", "it's a 'bow'"}},
        {"Back\\slash\nnew line\ttab", {"{\"json\": \"in a trick\"}", "\\u0041 is not A"}},
        {"Shy", {}},
    };
}

}  // namespace

TEST_CASE("every dog of the store stage 10 wrote loads unchanged, of unknown breed")
{
    fixtures::TempDir dir;
    const DogSchool school{fixtures::sqlite_file(fixtures::copy_of_old_store(dir))};
    // The store is as old as it should be: no versions, no breeds, tricks under the old topic.
    const std::vector<es::Notification> log = fixtures::whole_log(school);
    REQUIRE(log.size() == 57);
    for (const es::Notification& notification : log) {
        CAPTURE(notification.event.state);
        CHECK(notification.event.state.find("class_version") == std::string::npos);
        CHECK(notification.event.state.find("breed") == std::string::npos);
        CHECK((notification.event.topic == "dogschool.Dog.Registered" ||
               notification.event.topic == "dogschool.Dog.TrickAdded"));
    }

    const std::vector<es::Uuid> ids = fixtures::registered_dogs(school);
    std::vector<DogDetails> dogs;
    for (const es::Uuid& id : ids) {
        dogs.push_back(school.get_dog(id));
        CHECK(school.breeds_of(id) == std::vector<std::string>{"unknown"});
    }
    CHECK(dogs == dogs_stage_10_wrote());
    // Their histories too: Rex at each version knew one trick fewer than at the next.
    const es::Uuid rex = ids.at(1);
    for (std::int64_t version = 1; version <= 41; ++version) {
        CHECK(school.get_dog(rex, version).tricks.size() == static_cast<std::size_t>(version - 1));
    }
}

TEST_CASE("events appended to the old store are written the new way and read back beside the old ones")
{
    fixtures::TempDir dir;
    const std::string path = fixtures::copy_of_old_store(dir);
    std::vector<es::Notification> before;
    es::Uuid coco;
    std::vector<es::Uuid> old_ids;
    {
        DogSchool school{fixtures::sqlite_file(path)};
        before = fixtures::whole_log(school);
        old_ids = fixtures::registered_dogs(school);
        coco = school.register_dog("Coco", "labradoodle");
        school.add_trick(coco, "fetch ball");
        school.add_trick(old_ids.at(5), "sit");  // Shy learns her first trick, at last
    }
    const DogSchool school{fixtures::sqlite_file(path)};
    const std::vector<es::Notification> after = fixtures::whole_log(school);
    REQUIRE(after.size() == before.size() + 3);
    // The old events are as they were: stored events are never rewritten, only read anew.
    CHECK(std::vector<es::Notification>(after.begin(), after.begin() + 57) == before);
    // The new ones are what a stage-10 program cannot read: a topic it does not know, a version.
    CHECK(after[57].event.topic == "dogschool.Dog.Registered");
    CHECK(after[57].event.state.find(R"("breeds":["labradoodle"],"class_version":3)") != std::string::npos);
    CHECK(after[58].event.topic == "dogschool.Dog.TrickLearned");
    CHECK(after[59].event.topic == "dogschool.Dog.TrickLearned");
    // This stage reads both.
    CHECK(school.get_dog(coco) == DogDetails{"Coco", {"fetch ball"}});
    CHECK(school.breeds_of(coco) == std::vector<std::string>{"labradoodle"});
    CHECK(school.get_dog(old_ids.at(5)) == DogDetails{"Shy", {"sit"}});
    CHECK(school.breeds_of(old_ids.at(5)) == std::vector<std::string>{"unknown"});
}
