// What is particular to PostgreSQL: where the events are, what a wrong setting says, and many
// processes saving at once while a projection follows along.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
#include "es/postgres.hpp"
#include "es/postgres_recorder.hpp"
#include "fixtures.hpp"

#if !defined(_WIN32)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using dogschool::DogDetails;
using dogschool::DogSchool;
using dogschool::TricksView;

TEST_CASE("PERSISTENCE_MODULE=postgres keeps events in the sequenced_items table of POSTGRES_DBNAME")
{
    const es::Environment environment = fixtures::postgres_database();
    DogSchool school{environment};
    CHECK(dynamic_cast<const es::PostgresRecorder*>(&school.recorder()) != nullptr);
    const es::Uuid fido = school.register_dog("Fido");
    school.add_trick(fido, "sit");

    es::postgres::Connection server{fixtures::server_of(environment)};
    const es::postgres::Result rows = server.query(
        "SELECT notification_id, sequence_id, position, topic FROM sequenced_items ORDER BY notification_id");
    REQUIRE(rows.rows() == 2);
    CHECK(rows.int64(1, 0) == 2);
    CHECK(rows.text(1, 1) == fido.to_string());
    CHECK(rows.int64(1, 2) == 1);
    CHECK(rows.text(1, 3) == "dogschool.Dog.TrickAdded");
}

TEST_CASE("postgres without a database name is a clear error")
{
    es::Environment environment = fixtures::postgres_database();
    environment.unset("POSTGRES_DBNAME");
    const fixtures::ScopedEnv no_dbname{"POSTGRES_DBNAME", std::nullopt};
    CHECK_THROWS_AS(DogSchool{environment}, es::ConfigurationError);
}

TEST_CASE("a PostgreSQL server that cannot be reached is a clear error")
{
    const fixtures::TempDir dir;
    es::Environment environment = fixtures::postgres_database();
    environment.set("POSTGRES_HOST", dir.file("no-server-here"));
    try {
        DogSchool school{environment};
        FAIL("a DogSchool was made without a server");
    } catch (const es::postgres::Error& e) {
        CHECK(e.is_connection_failure());
        CHECK(std::string(e.what()).find(environment.get("POSTGRES_DBNAME")) != std::string::npos);
    }
}

#if !defined(_WIN32)
namespace {

// A child process, and the read end of a pipe holding what it wrote to stderr: a test that sees
// the child fail shows why (the child's exception), not only its exit status.
struct Process {
    pid_t pid = -1;
    int errors = -1;
};

// Runs `body` in a child process; its exit status is 0 when body returned true. The child never
// returns into the test runner: it ends with _exit.
template <typename Body>
Process start_process(Body body)
{
    int errors[2];
    if (pipe(errors) != 0) return {};
    const pid_t child = fork();
    if (child == 0) {
        close(errors[0]);
        dup2(errors[1], STDERR_FILENO);
        int status = 3;
        try {
            status = body() ? 0 : 1;
        } catch (const std::exception& e) {
            fprintf(stderr, "child: %s\n", e.what());
            status = 2;
        }
        _exit(status);
    }
    close(errors[1]);
    return {child, errors[0]};
}

// What the child wrote to stderr, once it has ended.
std::string error_output(Process& process)
{
    std::string text;
    char buffer[4096];
    ssize_t got = 0;
    while (process.errors >= 0 && (got = read(process.errors, buffer, sizeof buffer)) > 0) {
        text.append(buffer, static_cast<std::size_t>(got));
    }
    if (process.errors >= 0) close(process.errors);
    process.errors = -1;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text.empty() ? "(it wrote nothing to stderr)" : text;
}

int exit_status(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Waits for the child to end; a failure of the test case, with the child's stderr, unless it ended well.
void check_ended_well(Process& process, const std::string& who)
{
    int status = 0;
    if (waitpid(process.pid, &status, 0) != process.pid) {
        FAIL_CHECK(who << " could not be waited for");
        return;
    }
    const std::string errors = error_output(process);
    if (exit_status(status) != 0)
        FAIL_CHECK(who << " ended with status " << exit_status(status) << ": "
                       << doctest::String(errors.c_str()));
}

}  // namespace

TEST_CASE("a dog school on PostgreSQL, opened in another process, has the same dogs and log")
{
    const es::Environment environment = fixtures::postgres_database();
    DogSchool school{environment};
    const es::Uuid fido = school.register_dog("Fido");
    school.add_trick(fido, "roll over");
    const auto log = school.notification_log().select(1, 100);

    Process child = start_process([&] {
        DogSchool other{environment};
        const bool same = other.get_dog(fido) == DogDetails{"Fido", {"roll over"}} &&
                          other.notification_log().select(1, 100) == log;
        other.add_trick(fido, "sit");
        return same;
    });
    REQUIRE(child.pid > 0);
    check_ended_well(child, "the other process");
    CHECK(school.get_dog(fido) == DogDetails{"Fido", {"roll over", "sit"}});
}

TEST_CASE(
    "processes saving at once get gap-free ids in commit order, and a projection following sees each once")
{
    const es::Environment environment = fixtures::postgres_database();
    DogSchool school{environment};
    const es::Uuid shared = school.register_dog("Rex");
    constexpr int writers = 4;
    constexpr int rounds = 25;
    // Each writer, per round: registers a dog, teaches it one of five tricks, and teaches the shared
    // dog a trick of its own, retrying when another writer made its save stale. So saves collide,
    // and some fail: a failed save must take no notification id.
    int go[2];
    REQUIRE(pipe(go) == 0);
    std::vector<Process> children;
    for (int w = 0; w < writers; ++w) {
        children.push_back(start_process([&, w] {
            close(go[1]);
            char byte = 0;
            (void)read(go[0], &byte, 1);  // all start together, when the test closes the pipe
            DogSchool own{environment};
            for (int r = 0; r < rounds; ++r) {
                const es::Uuid dog = own.register_dog("Dog " + std::to_string(w) + "-" + std::to_string(r));
                own.add_trick(dog, "trick " + std::to_string(r % 5));
                for (;;) {
                    dogschool::Dog rex = own.repository().get(shared);
                    rex.add_trick("shared " + std::to_string(w) + "-" + std::to_string(r));
                    try {
                        own.save(rex);
                        break;
                    } catch (const es::ConcurrencyError&) {
                        // stale: get Rex again, with the other writer's trick, and retry
                    }
                }
            }
            return true;
        }));
        REQUIRE(children.back().pid > 0);
    }
    close(go[0]);
    close(go[1]);

    // Follow along while they write: a reader that would skip a late commit would see a gap or miss it.
    TricksView view{":memory:"};
    std::vector<std::int64_t> seen;
    const auto follow = [&] {
        view.run(school.notification_log());
        for (auto next = static_cast<std::int64_t>(seen.size()) + 1;;) {
            const auto page = school.notification_log().select(next, 100);
            if (page.empty()) break;
            for (const auto& n : page) seen.push_back(n.id);
            next = page.back().id + 1;
        }
    };
    int running = writers;
    std::vector<int> statuses;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (running > 0) {
        CHECK_NOTHROW(follow());
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        for (std::size_t w = 0; w < children.size(); ++w) {
            Process& child = children[w];
            if (child.pid > 0 && std::chrono::steady_clock::now() > give_up)
                kill(child.pid, SIGKILL);  // stuck
            int status = 0;
            if (child.pid > 0 && waitpid(child.pid, &status, WNOHANG) == child.pid) {
                statuses.push_back(exit_status(status));
                const std::string errors = error_output(child);
                if (statuses.back() != 0) {
                    FAIL_CHECK("writer " << w << " ended with status " << statuses.back() << ": "
                                         << doctest::String(errors.c_str()));
                }
                child.pid = -1;
                --running;
            }
        }
    }
    CHECK_NOTHROW(follow());
    CHECK(statuses == std::vector<int>(writers, 0));

    const std::int64_t total = 1 + writers * rounds * 3;
    CHECK(school.notification_log().max_id() == total);
    REQUIRE(seen.size() == static_cast<std::size_t>(total));
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == static_cast<std::int64_t>(i) + 1);

    CHECK(view.position() == total);
    const auto counts = view.dogs_per_trick();
    for (int t = 0; t < 5; ++t) CHECK(counts.at("trick " + std::to_string(t)) == writers * rounds / 5);
    CHECK(counts.size() == 5 + writers * rounds);
    CHECK(school.get_dog(shared).tricks.size() == writers * rounds);
    TricksView rebuilt{":memory:"};
    rebuilt.run(school.notification_log());
    CHECK(fixtures::content_of(view) == fixtures::content_of(rebuilt));
}
#endif
