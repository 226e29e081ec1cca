// What an event store must survive: rival writers on one file, and a writer killed mid-append.
#include <doctest/doctest.h>

#include <csignal>
#include <cstdint>
#include <functional>
#include <future>
#include <latch>
#include <string>
#include <vector>

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kit_testing/temp_dir.hpp"
#include "record_manager.hpp"

using kit_testing::TempDir;

namespace {

// Three items for positions 3 * batch, 3 * batch + 1 and 3 * batch + 2 of one sequence.
std::vector<es::SequencedItem> batch_of_three(const std::string& sequence_id, std::int64_t batch,
                                              const std::string& writer)
{
    std::vector<es::SequencedItem> items;
    for (std::int64_t i = 0; i < 3; ++i) {
        items.push_back({sequence_id, 3 * batch + i, "test.Item", R"({"writer":")" + writer + "\"}"});
    }
    return items;
}

// Runs in the forked child: appends batches until it is killed, and reports each append that has
// returned by writing its number to the pipe. It must never return into the test framework.
[[noreturn]] void append_until_killed(const std::string& path, int report_fd)
{
    try {
        es::SqliteRecordManager records{path};
        for (std::int64_t batch = 0; batch < 1'000'000; ++batch) {
            records.append(batch_of_three("victim", batch, "child"));
            if (write(report_fd, &batch, sizeof batch) != sizeof batch) _exit(2);
        }
    } catch (...) {
        _exit(1);
    }
    _exit(0);
}

}  // namespace

TEST_CASE("two stores on one file appending at the same position: exactly one wins")
{
    const TempDir dir;
    const std::string path = dir.file("rivals.db");
    es::SqliteRecordManager first{path};
    es::SqliteRecordManager second{path};
    std::latch start{2};
    const auto attempt = [&](es::SqliteRecordManager& records, const std::string& writer) {
        start.arrive_and_wait();  // both threads append at the same moment
        try {
            records.append(batch_of_three("contested", 0, writer));
            return true;
        } catch (const es::ConcurrencyError&) {
            return false;
        }
    };

    auto first_result = std::async(std::launch::async, attempt, std::ref(first), "first");
    auto second_result = std::async(std::launch::async, attempt, std::ref(second), "second");
    const bool first_won = first_result.get();
    const bool second_won = second_result.get();

    CHECK(first_won != second_won);
    const std::string winner = first_won ? "first" : "second";
    CHECK(first.get_items("contested") == batch_of_three("contested", 0, winner));
    CHECK(second.get_items("contested") == batch_of_three("contested", 0, winner));
}

TEST_CASE("two stores writing to one file at the same time wait for each other instead of failing")
{
    const TempDir dir;
    const std::string path = dir.file("busy.db");
    es::SqliteRecordManager first{path};
    es::SqliteRecordManager second{path};
    const auto write_many = [](es::SqliteRecordManager& records, const std::string& sequence_id) {
        for (std::int64_t batch = 0; batch < 30; ++batch)
            records.append(batch_of_three(sequence_id, batch, "w"));
    };

    auto a = std::async(std::launch::async, write_many, std::ref(first), "a");
    auto b = std::async(std::launch::async, write_many, std::ref(second), "b");
    a.get();  // rethrows whatever the thread threw
    b.get();

    CHECK(first.get_items("a").size() == 90);
    CHECK(first.get_items("b").size() == 90);
}

TEST_CASE("a writer killed with SIGKILL loses no completed append and leaves no partial one")
{
    const TempDir dir;
    const std::string path = dir.file("killed.db");
    // Create the table first, and close the connection again: a connection must not cross a fork.
    {
        es::SqliteRecordManager{path};
    }

    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(pipe_fds[0]);
        append_until_killed(path, pipe_fds[1]);
    }
    close(pipe_fds[1]);

    // Let the child complete some appends, kill it while it is busy with the next ones, then read
    // what it reported before it died.
    std::int64_t reported = 0;
    std::int64_t batch = 0;
    bool killed = false;
    while (read(pipe_fds[0], &batch, sizeof batch) == sizeof batch) {
        CHECK(batch == reported);
        ++reported;
        if (reported == 20 && !killed) killed = kill(child, SIGKILL) == 0;
    }
    close(pipe_fds[0]);
    if (!killed) kill(child, SIGKILL);  // the child died early: it failed, as the checks below will say
    int status = 0;
    waitpid(child, &status, 0);

    es::SqliteRecordManager reopened{path};
    const std::vector<es::SequencedItem> items = reopened.get_items("victim");

    CHECK(reported >= 20);
    CHECK(WIFSIGNALED(status));
    CHECK(items.size() % 3 == 0);  // no partial append
    const auto stored_batches = static_cast<std::int64_t>(items.size() / 3);
    CHECK(stored_batches >= reported);      // every append that returned is there...
    CHECK(stored_batches <= reported + 1);  // ...plus, at most, the one it had not reported yet
    for (std::size_t i = 0; i < items.size(); ++i) CHECK(items[i].position == static_cast<std::int64_t>(i));
}
