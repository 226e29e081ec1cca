// The view tracks the last notification it processed, in the same transaction as its changes: it
// goes on where it stopped, counts nothing twice and misses nothing.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dogschool/dog_mapper.hpp"
#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
#include "es/popo_recorder.hpp"
#include "es/projection.hpp"
#include "es/recorder.hpp"
#include "fixtures.hpp"

using dogschool::DogSchool;
using dogschool::TricksView;

TEST_CASE("the view records the id of the last notification it processed")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const fixtures::School dogs{school};
    TricksView view{":memory:"};

    CHECK(view.run(school.notification_log()) == fixtures::School::notifications);
    CHECK(view.position() == fixtures::School::notifications);
}

TEST_CASE("a second run processes only the notifications that are new")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const fixtures::School dogs{school};
    TricksView view{":memory:"};
    view.run(school.notification_log());

    CHECK(view.run(school.notification_log()) == 0);  // nothing new: nothing processed
    CHECK(view.dogs_per_trick() == fixtures::school_counts());

    school.add_trick(dogs.lassie, "sit");
    school.add_trick(dogs.lassie, "fetch");
    CHECK(view.run(school.notification_log()) == 2);
    CHECK(view.position() == fixtures::School::notifications + 2);
    CHECK(view.dogs_per_trick() ==
          std::map<std::string, std::int64_t>{{"fetch", 1}, {"play dead", 1}, {"roll over", 1}, {"sit", 3}});
}

TEST_CASE("a view stopped part way goes on where it stopped, in a new view object on the same file")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    // More notifications than one page holds, so that a stop can fall inside a page or between pages.
    std::vector<es::Uuid> dogs;
    for (int i = 0; i < 30; ++i) {
        dogs.push_back(school.register_dog("Dog " + std::to_string(i)));
        for (const char* trick : {"sit", "paw", "beg", "roll over", "play dead", "fetch"}) {
            school.add_trick(dogs.back(), trick);
        }
    }
    const std::int64_t total = school.notification_log().max_id();
    REQUIRE(total == 30 * 7);
    {
        TricksView first{dir.file("view.db")};
        CHECK(first.run(school.notification_log(), 3) == 3);
        CHECK(first.run(school.notification_log(), 120) == 120);
        CHECK(first.position() == 123);
    }  // closed, as if the process had stopped

    TricksView again{dir.file("view.db")};
    CHECK(again.position() == 123);
    CHECK(again.run(school.notification_log()) == total - 123);

    TricksView whole{":memory:"};
    whole.run(school.notification_log());
    CHECK(fixtures::content_of(again) == fixtures::content_of(whole));
    CHECK(again.dogs_per_trick().at("sit") == 30);
}

TEST_CASE("a page that fails changes neither the view nor its position")
{
    // A log whose third notification cannot be read (its state is not JSON).
    es::PopoRecorder recorder;
    dogschool::Dog dog{"Fido"};
    dog.add_trick("sit");
    for (const auto& event : dog.collect_events())
        recorder.insert_events({dogschool::DogMapper::to_stored(event)});
    recorder.insert_events({{dog.id(), 2, std::string(dogschool::TrickAdded::topic), "{this is not JSON"}});
    const es::NotificationLog log{recorder};
    TricksView view{":memory:"};

    CHECK_THROWS_AS(view.run(log), es::MappingError);
    CHECK(view.position() == 0);
    CHECK(view.dogs_per_trick().empty());
}

namespace {

// A recorder whose notification ids jump from 2 to 4, as a broken recorder's might.
class GappyRecorder : public es::PopoRecorder {
public:
    std::vector<es::Notification> select_notifications(std::int64_t start, std::int64_t limit) const override
    {
        std::vector<es::Notification> notifications;
        for (auto n : es::PopoRecorder::select_notifications(1, 1000)) {
            if (n.id >= 3) n.id += 1;
            if (n.id >= start && static_cast<std::int64_t>(notifications.size()) < limit)
                notifications.push_back(n);
        }
        return notifications;
    }
};

}  // namespace

TEST_CASE("a gap in the notification ids stops the view before it misses an event")
{
    GappyRecorder recorder;
    dogschool::Dog dog{"Fido"};
    for (const char* trick : {"sit", "paw", "beg"}) dog.add_trick(trick);
    for (const auto& event : dog.collect_events())
        recorder.insert_events({dogschool::DogMapper::to_stored(event)});
    const es::NotificationLog log{recorder};
    TricksView view{":memory:"};

    CHECK_THROWS_AS(view.run(log), es::NotificationGap);
    CHECK(view.position() == 0);
}
