// SQLite files in the real world: opened by many at once, not databases at all, damaged, read-only,
// locked by another program, or holding rows another tool wrote. Each is waited for, or reported
// with the file's name and what to do, never a bare "database is locked" or a silently missing event.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "es/environment.hpp"
#include "es/sqlite.hpp"
#include "fixtures.hpp"

#if !defined(_WIN32)
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using dogschool::DogSchool;

namespace {

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

// The message of the error opening `environment`'s recorder throws, or "" when it opens.
std::string error_opening(const es::Environment& environment)
{
    try {
        (void)es::make_recorder(environment);
    } catch (const es::Error& e) {
        return e.what();
    }
    return "";
}

void write_file(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// A store of `dogs` dogs' registrations, closed again.
void store_dogs(const es::Environment& environment, int dogs)
{
    DogSchool school{environment};
    for (int i = 0; i < dogs; ++i) (void)school.register_dog("Dog " + std::to_string(i));
}

// A row written by another tool into the store: any stream text, any position value.
void insert_raw_row(const std::string& file, const std::string& stream, const std::string& position_sql)
{
    es::sqlite::Database database{file};
    database.execute("INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES ('" + stream +
                     "', " + position_sql + ", 'dogschool.Dog.Registered', '{}')");
}

}  // namespace

TEST_CASE("many connections opening a new SQLite file at once wait for each other")
{
    // Rounds of 8 threads that each open the same new file. Without waiting out SQLite's immediate
    // "database is locked (in: PRAGMA journal_mode = WAL)", each of 10 runs failed within 8 rounds.
    constexpr int rounds = 30;
    constexpr int openers = 8;
    for (int round = 0; round < rounds; ++round) {
        const fixtures::TempDir dir;
        const es::Environment environment = fixtures::sqlite_file(dir);
        std::atomic<int> waiting{openers};
        std::mutex failure_mutex;
        std::exception_ptr failure;  // the first opener's error, thrown again here
        std::vector<std::thread> threads;
        for (int t = 0; t < openers; ++t) {
            threads.emplace_back([&] {
                waiting.fetch_sub(1);
                while (waiting.load() > 0) std::this_thread::yield();  // all start together
                try {
                    const DogSchool school{environment};  // opening is where it went wrong
                } catch (...) {
                    const std::lock_guard lock{failure_mutex};
                    if (!failure) failure = std::current_exception();
                }
            });
        }
        for (std::thread& thread : threads) thread.join();
        CAPTURE(round);
        if (failure) std::rethrow_exception(failure);
        DogSchool school{environment};
        (void)school.register_dog("Fido");
        CHECK(school.notification_log().max_id() == 1);
    }
}

TEST_CASE("an SQLite store opens and reads while another program holds its write lock")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::sqlite_file(dir);
    store_dogs(environment, 1);
    es::sqlite::Database other{dir.file("dogs.db")};
    const es::sqlite::Transaction held{other};  // a save under way elsewhere

    const DogSchool school{environment};  // does not wait for it
    CHECK(school.notification_log().max_id() == 1);
}

TEST_CASE("a file that is not an SQLite database is refused at open, naming the file and what to do")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::sqlite_file(dir);
    write_file(dir.file("dogs.db"), std::string(4096, 'x'));

    const std::string message = error_opening(environment);
    CHECK(contains(message, "file is not a database"));
    CHECK(contains(message, "dogs.db"));
    CHECK(contains(message, "SQLITE_DBNAME"));
}

TEST_CASE("a damaged SQLite file is reported with its name and what to do")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::sqlite_file(dir);
    store_dogs(environment, 200);
    {
        // Scribble over everything after the header's first 100 bytes: the schema page is garbage.
        std::fstream file(dir.file("dogs.db"), std::ios::binary | std::ios::in | std::ios::out);
        file.seekp(100);
        file << std::string(8000, '\x5a');
    }
    std::string message = error_opening(environment);
    if (message.empty()) {  // the schema survived: then reading the events finds the damage
        try {
            (void)es::make_recorder(environment)->select_notifications(1, 1000);
        } catch (const es::Error& e) {
            message = e.what();
        }
    }
    CHECK(contains(message, "malformed"));
    CHECK(contains(message, "dogs.db"));
    CHECK(contains(message, "backup"));
}

#if !defined(_WIN32)
TEST_CASE("a read-only SQLite file is refused at open, not at the first save")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::sqlite_file(dir);
    store_dogs(environment, 1);
    REQUIRE(chmod(dir.file("dogs.db").c_str(), 0444) == 0);

    // In a child process that is not root (root may write any file): it reports what it saw.
    int channel[2];
    REQUIRE(pipe(channel) == 0);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(channel[0]);
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(3);
        const std::string message = error_opening(environment);
        (void)!write(channel[1], message.data(), message.size());
        _exit(0);
    }
    close(channel[1]);
    std::string message;
    char buffer[512];
    for (ssize_t n; (n = read(channel[0], buffer, sizeof buffer)) > 0;)
        message.append(buffer, std::size_t(n));
    close(channel[0]);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    CHECK(contains(message, "dogs.db"));
    CHECK(contains(message, "cannot be written"));
}
#endif

TEST_CASE("a database locked by another program for longer than the busy timeout says so, naming the file")
{
    const fixtures::ScopedEnv short_wait{"SQLITE_BUSY_TIMEOUT", "200"};  // milliseconds, not 5 s
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::sqlite_file(dir);
    DogSchool school{environment};
    es::sqlite::Database other{dir.file("dogs.db")};
    const es::sqlite::Transaction held{other};  // a write lock, never let go during the save

    try {
        (void)school.register_dog("Fido");
        FAIL("a save went through a held lock");
    } catch (const es::sqlite::Error& e) {
        const std::string message = e.what();
        CHECK(e.is_busy());
        CHECK(contains(message, "dogs.db"));
        CHECK(contains(message, "holding a transaction open"));
        CHECK(contains(message, "200 ms"));
    }
}

TEST_CASE("a stored row whose stream is not a UUID is an error naming its notification id")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::sqlite_file(dir);
    store_dogs(environment, 2);
    insert_raw_row(dir.file("dogs.db"), "not-a-uuid", "0");  // notification 3
    store_dogs(environment, 1);                              // notification 4

    const auto recorder = es::make_recorder(environment);
    try {
        (void)recorder->select_notifications(1, 10);
        FAIL("a row that is no event was read as one");
    } catch (const es::CorruptRecord& e) {
        CHECK(e.notification_id() == 3);
        CHECK(contains(e.what(), "notification 3"));
        CHECK(contains(e.what(), "not-a-uuid"));
    }
}

TEST_CASE("a page with a bad row does not hide the rest: the rows before and after it can be read")
{
    const fixtures::TempDir dir;
    const es::Environment environment = fixtures::sqlite_file(dir);
    store_dogs(environment, 2);
    insert_raw_row(dir.file("dogs.db"), "not-a-uuid", "0");  // notification 3
    store_dogs(environment, 2);                              // notifications 4 and 5

    const auto recorder = es::make_recorder(environment);
    std::int64_t bad = 0;
    try {
        (void)recorder->select_notifications(1, 10);
    } catch (const es::CorruptRecord& e) {
        bad = e.notification_id();
    }
    REQUIRE(bad == 3);
    const std::vector<es::Notification> before = recorder->select_notifications(1, bad - 1);
    const std::vector<es::Notification> after = recorder->select_notifications(bad + 1, 10);
    REQUIRE(before.size() == 2);
    REQUIRE(after.size() == 2);
    CHECK(before[1].id == 2);
    CHECK(after[0].id == 4);
    CHECK(after[1].id == 5);
}

TEST_CASE("a stored row with no integer position is an error, not an event left out")
{
    for (const std::string position : {"NULL", "'one'"}) {
        CAPTURE(position);
        const fixtures::TempDir dir;
        const es::Environment environment = fixtures::sqlite_file(dir);
        es::Uuid fido;
        {
            DogSchool school{environment};
            fido = school.register_dog("Fido");
        }
        {
            // A table without the kit's NOT NULL, as another tool might have made it.
            es::sqlite::Database database{dir.file("dogs.db")};
            database.execute(
                "ALTER TABLE sequenced_items RENAME TO old_items;"
                " CREATE TABLE sequenced_items (notification_id INTEGER PRIMARY KEY AUTOINCREMENT,"
                " sequence_id TEXT, position INTEGER, topic TEXT, state TEXT, UNIQUE (sequence_id, "
                "position));"
                " INSERT INTO sequenced_items SELECT * FROM old_items; DROP TABLE old_items");
        }
        insert_raw_row(dir.file("dogs.db"), fido.to_string(), position);  // notification 2

        const auto recorder = es::make_recorder(environment);
        try {
            (void)recorder->select_notifications(1, 10);
            FAIL("a row with no position was read as an event of the log");
        } catch (const es::CorruptRecord& e) {
            CHECK(e.notification_id() == 2);
            CHECK(contains(e.what(), "position"));
        }
        try {
            (void)recorder->select_events(fido, {});
            FAIL("a row with no position was left out of its stream");
        } catch (const es::CorruptRecord& e) {
            CHECK(e.notification_id() == 2);
            CHECK(contains(e.what(), "position"));
        }
    }
}
