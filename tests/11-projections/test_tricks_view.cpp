// The read model answers questions about tricks that the Dog aggregates answer badly.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
#include "fixtures.hpp"

using dogschool::DogSchool;
using dogschool::TricksView;

TEST_CASE("a view of an empty notification log processes nothing")
{
    const DogSchool school;
    TricksView view{":memory:"};
    CHECK(view.run(school.notification_log()) == 0);
    CHECK(view.position() == 0);
}

TEST_CASE("the view tells which dogs know a trick, in the order they learned it")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const fixtures::School dogs{school};
    TricksView view{":memory:"};
    view.run(school.notification_log());

    CHECK(view.dogs_knowing("sit") == std::vector<es::Uuid>{dogs.fido, dogs.rex});
    CHECK(view.dogs_knowing("play dead") == std::vector<es::Uuid>{dogs.rex});
    CHECK(view.dogs_knowing("roll over") == std::vector<es::Uuid>{dogs.fido});
    CHECK(view.dogs_knowing("fetch").empty());
}

TEST_CASE("the view counts how many dogs know each trick, and a dog taught a trick twice once")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const fixtures::School dogs{school};
    TricksView view{":memory:"};
    view.run(school.notification_log());

    CHECK(view.dogs_per_trick() == fixtures::school_counts());
}

TEST_CASE("the view processes the events it does not need, and moves its position past them")
{
    DogSchool school;
    school.register_dog("Fido");
    school.register_dog("Rex");
    TricksView view{":memory:"};

    CHECK(view.run(school.notification_log()) == 2);
    CHECK(view.position() == 2);
    CHECK(view.run(school.notification_log()) == 0);
}
