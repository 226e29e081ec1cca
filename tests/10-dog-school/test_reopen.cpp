// An SQLite file outlives the process that wrote it: another process finds the same dogs and the same
// notification log, and two processes can save to it at once without losing an event.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "fixtures.hpp"

#if !defined(_WIN32)
#include <sys/wait.h>
#include <unistd.h>

using dogschool::DogDetails;
using dogschool::DogSchool;

namespace {

// Runs `body` in a child process (a copy of this one, made by fork) and returns its exit status:
// 0 when body returned true. The child never returns into the test runner: it ends with _exit.
template <typename Body>
int in_another_process(Body body)
{
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int status = 3;
        try {
            status = body() ? 0 : 1;
        } catch (...) {
            status = 2;
        }
        _exit(status);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("a dog school on an SQLite file, reopened in a new process, has the same dogs and log")
{
    const fixtures::TempDir dir;
    es::Uuid fido;
    es::Uuid rex;
    std::vector<es::Notification> log;
    {
        DogSchool school{fixtures::sqlite_file(dir)};
        fido = school.register_dog("Fido");
        rex = school.register_dog("Rex");
        school.add_trick(fido, "roll over");
        school.add_trick(rex, "play dead");
        school.add_trick(fido, "fetch ball");
        log = school.notification_log().select(1, 100);
    }  // closed

    const int status = in_another_process([&] {
        const DogSchool school{fixtures::sqlite_file(dir)};
        return school.get_dog(fido) == DogDetails{"Fido", {"roll over", "fetch ball"}} &&
               school.get_dog(rex) == DogDetails{"Rex", {"play dead"}} &&
               school.notification_log().select(1, 100) == log;
    });
    CHECK(status == 0);
    CHECK(log.size() == 5);
}

TEST_CASE("two processes saving to one SQLite file lose no event, and stale saves are reported")
{
    const fixtures::TempDir dir;
    es::Uuid dog_id;
    {
        DogSchool school{fixtures::sqlite_file(dir)};
        dog_id = school.register_dog("Fido");
    }
    constexpr int tricks_each = 40;
    // Each process teaches its own tricks, retrying a save that another process made stale.
    const auto teach = [&](const std::string& who) {
        DogSchool school{fixtures::sqlite_file(dir)};
        for (int i = 0; i < tricks_each; ++i) {
            for (;;) {
                dogschool::Dog dog = school.repository().get(dog_id);
                dog.add_trick(who + std::to_string(i));
                try {
                    school.save(dog);
                    break;
                } catch (const es::ConcurrencyError&) {
                    // stale: another process saved first; get the dog again and retry
                }
            }
        }
    };
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        int status = 0;
        try {
            teach("child ");
        } catch (...) {
            status = 2;
        }
        _exit(status);
    }
    CHECK_NOTHROW(teach("parent "));
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    const DogSchool school{fixtures::sqlite_file(dir)};
    const DogDetails fido = school.get_dog(dog_id);
    CHECK(fido.tricks.size() == 2 * tricks_each);
    const auto log = school.notification_log().select(1, 1000);
    REQUIRE(log.size() == 1 + 2 * tricks_each);
    for (std::size_t i = 0; i < log.size(); ++i) {
        CHECK(log[i].id == static_cast<std::int64_t>(i) + 1);
        CHECK(log[i].event.originator_version == static_cast<std::int64_t>(i));
    }
}
#endif
