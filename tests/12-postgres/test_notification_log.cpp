// Stage 10's notification log, unchanged, on every persistence module.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "fixtures.hpp"

using dogschool::DogSchool;

TEST_CASE("the notification log numbers every stored event from 1, in the order stored")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const es::Uuid fido = school.register_dog("Fido");
    const es::Uuid rex = school.register_dog("Rex");
    school.add_trick(fido, "sit");
    school.add_trick(rex, "stay");

    const auto log = school.notification_log().select(1, 10);
    REQUIRE(log.size() == 4);
    const std::vector<es::Uuid> dogs{fido, rex, fido, rex};
    const std::vector<std::int64_t> versions{0, 0, 1, 1};
    for (std::size_t i = 0; i < log.size(); ++i) {
        CHECK(log[i].id == static_cast<std::int64_t>(i) + 1);
        CHECK(log[i].event.originator_id == dogs[i]);
        CHECK(log[i].event.originator_version == versions[i]);
    }
    CHECK(log[0].event.topic == "dogschool.Dog.Registered");
    CHECK(log[0].event.state.find("\"Fido\"") != std::string::npos);
    CHECK(log[3].event.topic == "dogschool.Dog.TrickAdded");
    CHECK(log[3].event.state.find("\"stay\"") != std::string::npos);
    CHECK(school.notification_log().max_id() == 4);
}

TEST_CASE("the notification log is read page by page, with no gap and no repeat")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    for (int i = 0; i < 5; ++i) {
        dogschool::Dog dog{"Dog " + std::to_string(i)};
        for (int t = 0; t < 4; ++t) dog.add_trick("trick " + std::to_string(t));
        school.save(dog);
    }
    std::vector<std::int64_t> ids;
    for (std::int64_t start = 1;;) {
        const auto page = school.notification_log().select(start, 7);
        if (page.empty()) break;
        CHECK(page.size() <= 7);
        for (const auto& n : page) ids.push_back(n.id);
        start = page.back().id + 1;
    }
    REQUIRE(ids.size() == 25);
    for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == static_cast<std::int64_t>(i) + 1);
    CHECK(school.notification_log().select(20, 100).size() == 6);
    CHECK(school.notification_log().select(26, 100).empty());
    CHECK(school.notification_log().max_id() == 25);
}

TEST_CASE("an empty notification log selects nothing and its last id is 0")
{
    const fixtures::TempDir dir;
    const DogSchool school{fixtures::each_persistence(dir)};
    CHECK(school.notification_log().select(1, 10).empty());
    CHECK(school.notification_log().max_id() == 0);
}
