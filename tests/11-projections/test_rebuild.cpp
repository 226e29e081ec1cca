// A view is made from the notification log alone: dropped, it is rebuilt the same from notification 1.
#include <doctest/doctest.h>

#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
#include "fixtures.hpp"

using dogschool::DogSchool;
using dogschool::TricksView;

TEST_CASE("a reset view rebuilds itself from notification 1 to the same view")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const fixtures::School dogs{school};
    TricksView view{":memory:"};
    view.run(school.notification_log());
    const fixtures::ViewContent before = fixtures::content_of(view);

    view.reset();
    CHECK(view.position() == 0);
    CHECK(view.dogs_per_trick().empty());
    CHECK(view.tricks_per_day().empty());

    CHECK(view.run(school.notification_log()) == fixtures::School::notifications);
    CHECK(fixtures::content_of(view) == before);
}

TEST_CASE("a view kept up to date along the way equals a view built afterwards from the whole log")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    TricksView along{dir.file("along.db")};
    const es::Uuid fido = school.register_dog("Fido");
    along.run(school.notification_log());
    school.add_trick(fido, "sit");
    const es::Uuid rex = school.register_dog("Rex");
    along.run(school.notification_log());
    school.add_trick(rex, "sit");
    school.add_trick(rex, "paw");
    along.run(school.notification_log());
    fixtures::teach_again_under_old_rules(school, fido, "sit");
    along.run(school.notification_log());

    TricksView afterwards{dir.file("afterwards.db")};
    afterwards.run(school.notification_log());
    CHECK(fixtures::content_of(along) == fixtures::content_of(afterwards));
    CHECK(along.dogs_per_trick() == std::map<std::string, std::int64_t>{{"paw", 1}, {"sit", 2}});
}
