// Stage 11's read model, unchanged, following a dog school on every persistence module.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
#include "fixtures.hpp"

#if !defined(_WIN32)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#endif

using dogschool::DogSchool;
using dogschool::TricksView;

TEST_CASE("the view tells which dogs know a trick and how many dogs know each trick")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const fixtures::School dogs{school};
    TricksView view{":memory:"};

    CHECK(view.run(school.notification_log()) == fixtures::School::notifications);
    CHECK(view.position() == fixtures::School::notifications);
    CHECK(view.dogs_knowing("sit") == std::vector<es::Uuid>{dogs.fido, dogs.rex});
    CHECK(view.dogs_knowing("play dead") == std::vector<es::Uuid>{dogs.rex});
    CHECK(view.dogs_per_trick() == fixtures::school_counts());
}

TEST_CASE("a second run of the view processes only the notifications that are new")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const fixtures::School dogs{school};
    TricksView view{":memory:"};
    view.run(school.notification_log());
    CHECK(view.run(school.notification_log()) == 0);

    school.add_trick(dogs.lassie, "sit");
    school.add_trick(dogs.lassie, "fetch");
    CHECK(view.run(school.notification_log()) == 2);
    CHECK(view.dogs_per_trick() ==
          std::map<std::string, std::int64_t>{{"fetch", 1}, {"play dead", 1}, {"roll over", 1}, {"sit", 3}});
}

TEST_CASE("a view stopped part way goes on where it stopped, and a reset view rebuilds the same")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    for (int i = 0; i < 30; ++i) {
        dogschool::Dog dog{"Dog " + std::to_string(i)};
        for (const char* trick : {"sit", "paw", "beg", "roll over", "play dead", "fetch"})
            dog.add_trick(trick);
        school.save(dog);
    }
    const std::int64_t total = 30 * 7;
    {
        TricksView first{dir.file("view.db")};
        CHECK(first.run(school.notification_log(), 3) == 3);
        CHECK(first.run(school.notification_log(), 120) == 120);
    }
    TricksView again{dir.file("view.db")};
    CHECK(again.position() == 123);
    CHECK(again.run(school.notification_log()) == total - 123);
    const fixtures::ViewContent resumed = fixtures::content_of(again);
    CHECK(resumed.dogs_per_trick.at("sit") == 30);

    again.reset();
    CHECK(again.position() == 0);
    CHECK(again.run(school.notification_log()) == total);
    CHECK(fixtures::content_of(again) == resumed);
}

#if !defined(_WIN32)
TEST_CASE("killing the projecting process part way loses and repeats nothing")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::each_shared_persistence(dir);
    const std::string view_file = dir.file("view.db");
    constexpr int dogs = 20;
    constexpr int tricks_each = 25;
    constexpr std::int64_t total = dogs * (1 + tricks_each);
    TricksView view{view_file};
    {
        DogSchool school{environment};
        for (int d = 0; d < dogs; ++d) {
            dogschool::Dog dog{"Dog " + std::to_string(d)};
            for (int t = 0; t < tricks_each; ++t) dog.add_trick("trick " + std::to_string(t));
            school.save(dog);
        }
        REQUIRE(view.run(school.notification_log(), 10) == 10);
    }

    // A child process takes over, one notification per transaction, and is killed part way.
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int status = 0;
        try {
            const DogSchool school{environment};  // its own connection: none is shared across fork
            TricksView own{view_file};
            while (own.run(school.notification_log(), 1) == 1) {
            }
        } catch (...) {
            status = 2;
        }
        _exit(status);
    }
    const auto give_up =
        std::chrono::steady_clock::now() + std::chrono::seconds(5);  // far more than it needs
    while (view.position() < 60 && std::chrono::steady_clock::now() < give_up) {
        int status = 0;
        if (waitpid(child, &status, WNOHANG) == child) break;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    const std::int64_t at_kill = view.position();
    CHECK(at_kill >= 10);
    CHECK(at_kill < total);

    const DogSchool school{environment};
    CHECK(view.run(school.notification_log()) == total - at_kill);
    const auto counts = view.dogs_per_trick();
    REQUIRE(counts.size() == tricks_each);
    for (const auto& [trick, count] : counts) CHECK(count == dogs);
    std::int64_t taught = 0;
    for (const auto& [day, count] : view.tricks_per_day()) taught += count;
    CHECK(taught == dogs * tricks_each);
}
#endif
