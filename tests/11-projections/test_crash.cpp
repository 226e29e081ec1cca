// A projecting process killed at any moment (kill -9: no destructor, no clean-up) leaves its view
// consistent with its position; the next run counts nothing twice and misses nothing. The first
// test kills at an exact point, right after a commit, so that it fails every time when the view's
// changes and its position are not committed together; the second at whatever moment a kill lands.
#include <doctest/doctest.h>

#if !defined(_WIN32)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
#include "es/sqlite.hpp"
#include "fixtures.hpp"

using dogschool::DogSchool;
using dogschool::TricksView;

namespace {

// The crash point: the child process ends, without a destructor or a clean-up, right after its
// view's fifth commit. Whatever run() meant to write after that commit is never written.
std::string crashing_view_file;
int view_commits = 0;

void end_after_fifth_view_commit(const es::sqlite::Database& database)
{
    if (database.path() == crashing_view_file && ++view_commits == 5) _exit(9);
}

}  // namespace

TEST_CASE("a projecting process that ends right after a commit has counted each notification once")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::sqlite_file(dir);
    const std::string view_file = dir.file("view.db");
    constexpr int dogs = 3;
    constexpr int tricks_each = 5;
    constexpr std::int64_t total = dogs * (1 + tricks_each);
    {
        DogSchool school{environment};
        for (int d = 0; d < dogs; ++d) {
            dogschool::Dog dog{"Dog " + std::to_string(d)};
            for (int t = 0; t < tricks_each; ++t) dog.add_trick("trick " + std::to_string(t));
            school.save(dog);
        }
    }
    TricksView view{view_file};
    {
        const DogSchool school{environment};
        REQUIRE(view.run(school.notification_log(), 1) == 1);  // the Registered of Dog 0; its tricks follow
    }
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int status = 0;
        try {
            const DogSchool school{environment};
            TricksView own{view_file};
            crashing_view_file = view_file;
            es::sqlite::set_commit_hook(end_after_fifth_view_commit);
            while (own.run(school.notification_log(), 1) == 1) {
            }
        } catch (...) {
            status = 2;
        }
        _exit(status);  // never back into the test runner
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE_MESSAGE(WIFEXITED(status), "the projecting process did not end by itself");
    REQUIRE_MESSAGE(WEXITSTATUS(status) == 9, "the projecting process did not reach its fifth commit");

    // It processed notifications 2 to 6 (tricks), one per commit, then ended: its view and position say so.
    const std::int64_t at_crash = view.position();
    if (at_crash != 6) {
        FAIL_CHECK("after 5 commits of one notification each, from position 1, the view's position is "
                   << at_crash
                   << ", not 6: the position is the id of the last notification processed, saved in the same "
                      "transaction as the view's changes");
    }
    const DogSchool school{environment};
    CHECK(view.run(school.notification_log()) == total - at_crash);
    std::int64_t taught = 0;
    for (const auto& [day, count] : view.tricks_per_day()) taught += count;
    if (taught != dogs * tricks_each) {
        FAIL_CHECK("the view counted " << taught << " tricks, not " << dogs * tricks_each
                                       << ": a page was counted twice, or missed, after the crash");
    }
}

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
    const auto give_up =
        std::chrono::steady_clock::now() + std::chrono::seconds(5);  // far more than it needs
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
