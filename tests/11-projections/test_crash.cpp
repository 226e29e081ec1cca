// A projecting process killed at any moment (kill -9: no destructor, no clean-up) leaves its view
// consistent with its position; the next run counts nothing twice and misses nothing.
#include <doctest/doctest.h>

#if !defined(_WIN32)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "dog_school.hpp"
#include "fixtures.hpp"
#include "tricks_view.hpp"

using dogschool::DogSchool;
using dogschool::TricksView;

TEST_CASE("killing the projecting process part way loses and repeats nothing")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::sqlite_file(dir);
    const std::string view_file = dir.file("view.db");
    constexpr int dogs = 20;
    constexpr int tricks_each = 25;
    {
        DogSchool school{environment};
        for (int d = 0; d < dogs; ++d) {
            dogschool::Dog dog{"Dog " + std::to_string(d)};
            for (int t = 0; t < tricks_each; ++t) dog.add_trick("trick " + std::to_string(t));
            school.save(dog);
        }
    }
    constexpr std::int64_t total = dogs * (1 + tricks_each);

    // This process starts the view; a child process takes over, one notification per transaction.
    TricksView view{view_file};
    {
        const DogSchool school{environment};
        REQUIRE(view.run(school.notification_log(), 10) == 10);
    }
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int status = 0;
        try {
            const DogSchool school{environment};
            TricksView own{view_file};
            while (own.run(school.notification_log(), 1) == 1) {
            }
        } catch (...) {
            status = 2;
        }
        _exit(status);  // never back into the test runner
    }

    // Kill it as soon as it has made some progress of its own.
    std::int64_t seen = view.position();
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (seen < 60 && std::chrono::steady_clock::now() < give_up) {
        int status = 0;
        if (waitpid(child, &status, WNOHANG) == child) break;  // it ended by itself: too late to kill
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        seen = view.position();
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));  // killed part way, not finished
    const std::int64_t at_kill = view.position();
    CHECK(at_kill >= 10);
    CHECK(at_kill < total);

    // This process finishes the job.
    const DogSchool school{environment};
    CHECK(view.run(school.notification_log()) == total - at_kill);
    CHECK(view.position() == total);
    const auto counts = view.dogs_per_trick();
    REQUIRE(counts.size() == tricks_each);
    for (const auto& [trick, count] : counts) CHECK(count == dogs);
    std::int64_t taught = 0;
    for (const auto& [day, count] : view.tricks_per_day()) taught += count;
    CHECK(taught == dogs * tricks_each);
}
#endif
