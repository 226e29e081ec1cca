// The notification log: every stored event of every aggregate, in order, page by page.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "fixtures.hpp"

using dogschool::DogSchool;

TEST_CASE("the notification log has one notification per stored event, numbered from 1")
{
    const fixtures::TempDir dir;
    DogSchool application{fixtures::each_persistence(dir)};
    const es::Uuid dog_id = application.register_dog("Fido");
    application.add_trick(dog_id, "roll over");
    application.add_trick(dog_id, "fetch ball");

    const auto notifications = application.notification_log().select(1, 10);
    REQUIRE(notifications.size() == 3);
    CHECK(notifications[0].id == 1);
    CHECK(notifications[1].id == 2);
    CHECK(notifications[2].id == 3);
}

TEST_CASE("notifications show each event's dog, version, topic and state")
{
    const fixtures::TempDir dir;
    DogSchool application{fixtures::each_persistence(dir)};
    const es::Uuid dog_id = application.register_dog("Fido");
    application.add_trick(dog_id, "roll over");

    const auto notifications = application.notification_log().select(1, 10);
    REQUIRE(notifications.size() == 2);
    CHECK(notifications[0].event.originator_id == dog_id);
    CHECK(notifications[0].event.originator_version == 0);
    CHECK(notifications[0].event.topic == "dogschool.Dog.Registered");
    CHECK(notifications[0].event.state.find("\"Fido\"") != std::string::npos);
    CHECK(notifications[1].event.originator_version == 1);
    CHECK(notifications[1].event.topic == "dogschool.Dog.TrickAdded");
    CHECK(notifications[1].event.state.find("\"roll over\"") != std::string::npos);
}

TEST_CASE("the notification log interleaves all dogs in the order their events were stored")
{
    const fixtures::TempDir dir;
    DogSchool application{fixtures::each_persistence(dir)};
    const es::Uuid fido = application.register_dog("Fido");
    const es::Uuid rex = application.register_dog("Rex");
    application.add_trick(fido, "sit");
    application.add_trick(rex, "stay");

    std::vector<es::Uuid> dogs;
    for (const auto& n : application.notification_log().select(1, 10)) dogs.push_back(n.event.originator_id);
    CHECK(dogs == std::vector<es::Uuid>{fido, rex, fido, rex});
}

TEST_CASE("the notification log is read page by page, with no gap and no repeat")
{
    const fixtures::TempDir dir;
    DogSchool application{fixtures::each_persistence(dir)};
    const es::Uuid dog_id = application.register_dog("Fido");
    for (int i = 1; i < 25; ++i) application.add_trick(dog_id, "trick " + std::to_string(i));  // 25 events

    const es::NotificationLog& log = application.notification_log();
    CHECK(log.max_id() == 25);
    std::vector<std::int64_t> ids;
    std::vector<std::size_t> page_sizes;
    for (std::int64_t start = 1;; start += 10) {
        const auto page = log.select(start, 10);
        if (page.empty()) break;
        page_sizes.push_back(page.size());
        for (const auto& n : page) ids.push_back(n.id);
    }
    CHECK(page_sizes == std::vector<std::size_t>{10, 10, 5});
    REQUIRE(ids.size() == 25);
    for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == static_cast<std::int64_t>(i) + 1);
}

TEST_CASE("a page of the notification log may start anywhere")
{
    const fixtures::TempDir dir;
    DogSchool application{fixtures::each_persistence(dir)};
    const es::Uuid dog_id = application.register_dog("Fido");
    for (int i = 1; i < 10; ++i) application.add_trick(dog_id, "trick " + std::to_string(i));  // 10 events

    const auto page = application.notification_log().select(7, 3);
    REQUIRE(page.size() == 3);
    CHECK(page.front().id == 7);
    CHECK(page.back().id == 9);
    CHECK(application.notification_log().select(9, 5).size() == 2);
    CHECK(application.notification_log().select(0, 2).front().id == 1);  // below 1: from the first
}

TEST_CASE("an empty notification log selects nothing")
{
    const fixtures::TempDir dir;
    DogSchool application{fixtures::each_persistence(dir)};
    CHECK(application.notification_log().select(1, 10).empty());
    CHECK(application.notification_log().max_id() == 0);
}

TEST_CASE("a page holds 1 to max_limit notifications, and asking for more is a clear error")
{
    const fixtures::TempDir dir;
    DogSchool application{fixtures::each_persistence(dir)};
    application.register_dog("Fido");
    const es::NotificationLog& log = application.notification_log();

    CHECK(es::NotificationLog::max_limit >= 1000);
    CHECK(log.select(1, es::NotificationLog::max_limit).size() == 1);
    CHECK_THROWS_AS(log.select(1, es::NotificationLog::max_limit + 1), es::NotificationLimitError);
    CHECK_THROWS_AS(log.select(1, 0), es::NotificationLimitError);
}
