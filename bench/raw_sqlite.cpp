// The limit the kit is measured against: the same SQL work as the kit's event store, written
// directly on the sqlite3 C API with everything a fast hand-written program would do (statements
// prepared once and reused, one transaction per save, WAL, synchronous=FULL).
//
// Fair to the kit: every row read is decoded the way a real program minimally must (each column
// copied out of SQLite into a record), but nothing is parsed (no JSON) and no objects are built.
//
//   bench_raw_sqlite --db FILE [--dogs 1000] [--tricks 9] [--events 10000] [--page 1000]
//                    [--repeat 25] [--state-bytes 120]
// prints one JSON line per measure (a_save_sqlite_raw, c_get_sqlite_raw, e_get_version_sqlite_raw,
// d_notifications_sqlite_raw).
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string db;
    int dogs = 1000;
    int tricks = 9;
    int events = 10000;
    int page = 1000;
    int repeat = 25;
    int state_bytes = 120;
};

[[noreturn]] void die(sqlite3* db, const char* what)
{
    std::fprintf(stderr, "bench_raw_sqlite: %s: %s\n", what, db != nullptr ? sqlite3_errmsg(db) : "?");
    std::exit(1);
}

void check(sqlite3* db, int rc, const char* what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) die(db, what);
}

void exec(sqlite3* db, const char* sql)
{
    check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql);
}

// A prepared statement, finalized on scope exit.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db)
    {
        check(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr), sql);
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { sqlite3_finalize(stmt_); }

    sqlite3_stmt* get() const { return stmt_; }
    // Runs a statement that returns no rows.
    void run()
    {
        const int rc = sqlite3_step(stmt_);
        sqlite3_reset(stmt_);
        if (rc != SQLITE_DONE) die(db_, sqlite3_sql(stmt_));
    }
    bool step()
    {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        sqlite3_reset(stmt_);
        if (rc != SQLITE_DONE) die(db_, sqlite3_sql(stmt_));
        return false;
    }
    void bind_text(int index, std::string_view text)
    {
        check(db_, sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC),
              "bind");
    }
    void bind_int(int index, std::int64_t value)
    {
        check(db_, sqlite3_bind_int64(stmt_, index, value), "bind");
    }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// What a real program must take out of a row at the least: the columns, copied.
struct Row {
    std::int64_t notification_id = 0;
    std::string sequence_id;
    std::int64_t position = 0;
    std::string topic;
    std::string state;
};

void copy_text(sqlite3_stmt* stmt, int column, std::string& out)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    out.assign(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
}

std::string random_uuid(std::mt19937_64& rng)
{
    static const char* hex = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
        id += hex[rng() & 15];
    }
    return id;
}

class Store {
public:
    explicit Store(const std::string& path)
    {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
            SQLITE_OK)
            die(db_, "open");
        exec(db_, "PRAGMA journal_mode = WAL");
        exec(db_, "PRAGMA synchronous = FULL");
        exec(
            db_,
            "CREATE TABLE IF NOT EXISTS sequenced_items (notification_id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "sequence_id TEXT NOT NULL, position INTEGER NOT NULL, topic TEXT NOT NULL, state TEXT NOT NULL, "
            "UNIQUE (sequence_id, position))");
        begin_ = std::make_unique<Statement>(db_, "BEGIN IMMEDIATE");
        commit_ = std::make_unique<Statement>(db_, "COMMIT");
        insert_ = std::make_unique<Statement>(
            db_, "INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES (?1, ?2, ?3, ?4)");
        stream_ = std::make_unique<Statement>(
            db_,
            "SELECT position, topic, state FROM sequenced_items WHERE sequence_id = ?1 ORDER BY position");
        stream_upto_ =
            std::make_unique<Statement>(db_,
                                        "SELECT position, topic, state FROM sequenced_items "
                                        "WHERE sequence_id = ?1 AND position <= ?2 ORDER BY position");
        notifications_ = std::make_unique<Statement>(
            db_,
            "SELECT notification_id, sequence_id, position, topic, state FROM sequenced_items "
            "WHERE notification_id >= ?1 ORDER BY notification_id LIMIT ?2");
    }
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store()
    {
        begin_.reset();
        commit_.reset();
        insert_.reset();
        stream_.reset();
        stream_upto_.reset();
        notifications_.reset();
        sqlite3_close_v2(db_);
    }

    // One save: the new items of one stream, in one transaction.
    void append(std::string_view sequence_id, std::int64_t first_position, int count, std::string_view topic,
                std::string_view state)
    {
        begin_->run();
        for (int i = 0; i < count; ++i) {
            insert_->bind_text(1, sequence_id);
            insert_->bind_int(2, first_position + i);
            insert_->bind_text(3, topic);
            insert_->bind_text(4, state);
            insert_->run();
        }
        commit_->run();
    }

    void checkpoint() { exec(db_, "PRAGMA wal_checkpoint(TRUNCATE)"); }

    // The rows of one stream (up to a position when given), decoded into `rows` (reused).
    std::size_t read_stream(std::string_view sequence_id, std::vector<Row>& rows, std::int64_t upto = -1)
    {
        Statement& stmt = upto < 0 ? *stream_ : *stream_upto_;
        stmt.bind_text(1, sequence_id);
        if (upto >= 0) stmt.bind_int(2, upto);
        std::size_t n = 0;
        while (stmt.step()) {
            if (n == rows.size()) rows.emplace_back();
            Row& row = rows[n++];
            row.position = sqlite3_column_int64(stmt.get(), 0);
            copy_text(stmt.get(), 1, row.topic);
            copy_text(stmt.get(), 2, row.state);
        }
        return n;
    }

    std::size_t read_notifications(std::int64_t start, int limit, std::vector<Row>& rows)
    {
        notifications_->bind_int(1, start);
        notifications_->bind_int(2, limit);
        std::size_t n = 0;
        sqlite3_stmt* s = notifications_->get();
        while (notifications_->step()) {
            if (n == rows.size()) rows.emplace_back();
            Row& row = rows[n++];
            row.notification_id = sqlite3_column_int64(s, 0);
            copy_text(s, 1, row.sequence_id);
            row.position = sqlite3_column_int64(s, 2);
            copy_text(s, 3, row.topic);
            copy_text(s, 4, row.state);
        }
        return n;
    }

private:
    sqlite3* db_ = nullptr;
    std::unique_ptr<Statement> begin_, commit_, insert_, stream_, stream_upto_, notifications_;
};

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

void emit(const char* measure, const char* unit, double count, double seconds)
{
    std::printf("{\"measure\": \"%s\", \"%s\": %.1f, \"count\": %.0f, \"seconds\": %.6f}\n", measure, unit,
                count / seconds, count, seconds);
    std::fflush(stdout);
}

// A state of about the size the kit writes (its JSON), so both write the same bytes.
std::string state_text(int bytes, std::string_view what)
{
    std::string state = "{\"trick\":\"" + std::string(what) + "\",\"padding\":\"";
    while (static_cast<int>(state.size()) < bytes - 2) state += 'x';
    return state + "\"}";
}

int parse_int(const char* text, const char* name)
{
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0) {
        std::fprintf(stderr, "bench_raw_sqlite: %s needs a positive number\n", name);
        std::exit(2);
    }
    return static_cast<int>(value);
}

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "bench_raw_sqlite: %s needs a value\n", argv[i]);
            std::exit(2);
        }
        const char* value = argv[++i];
        if (arg == "--db")
            o.db = value;
        else if (arg == "--dogs")
            o.dogs = parse_int(value, argv[i - 1]);
        else if (arg == "--tricks")
            o.tricks = parse_int(value, argv[i - 1]);
        else if (arg == "--events")
            o.events = parse_int(value, argv[i - 1]);
        else if (arg == "--page")
            o.page = parse_int(value, argv[i - 1]);
        else if (arg == "--repeat")
            o.repeat = parse_int(value, argv[i - 1]);
        else if (arg == "--state-bytes")
            o.state_bytes = parse_int(value, argv[i - 1]);
        else {
            std::fprintf(stderr, "bench_raw_sqlite: unknown option %s\n", argv[i - 1]);
            std::exit(2);
        }
    }
    if (o.db.empty()) {
        std::fprintf(stderr, "usage: bench_raw_sqlite --db FILE [--dogs N] [--tricks N] [--events N] ...\n");
        std::exit(2);
    }
    return o;
}

}  // namespace

int main(int argc, char** argv)
{
    const Options o = parse(argc, argv);
    Store store{o.db};
    std::mt19937_64 rng{42};
    const std::string registered = state_text(o.state_bytes, "");
    const std::string trick = state_text(o.state_bytes, "roll over");
    std::vector<Row> rows;
    std::size_t checksum = 0;  // keeps the reads observable

    // (a) register the dogs, then 9 x [get the dog, add a trick, save] for each.
    {
        std::vector<std::string> ids;
        const auto start = Clock::now();
        for (int d = 0; d < o.dogs; ++d) {
            ids.push_back(random_uuid(rng));
            store.append(ids.back(), 1, 1, "dogschool.Dog.Registered", registered);
        }
        for (const std::string& id : ids) {
            for (int t = 0; t < o.tricks; ++t) {
                const std::size_t n = store.read_stream(id, rows);
                checksum += n;
                store.append(id, static_cast<std::int64_t>(n) + 1, 1, "dogschool.Dog.TrickAdded", trick);
            }
        }
        emit("a_save_sqlite_raw", "commands_per_s", o.dogs * (1.0 + o.tricks), seconds_since(start));
    }

    // One dog with many events, saved at once (not timed).
    const std::string big = random_uuid(rng);
    store.append(big, 1, 1, "dogschool.Dog.Registered", registered);
    store.append(big, 2, o.events - 1, "dogschool.Dog.TrickAdded", trick);
    // Reads start from the same state of the file in both programs: the WAL copied into the database.
    store.checkpoint();

    // (c) replay it; (e) replay it up to the middle; (d) the first notifications, page by page.
    const auto timed = [&](const char* measure, const char* unit, auto&& body) {
        std::vector<double> times;
        std::size_t count = 0;
        for (int r = 0; r < o.repeat; ++r) {
            const auto start = Clock::now();
            count = body();
            times.push_back(seconds_since(start));
        }
        checksum += count;
        emit(measure, unit, static_cast<double>(count), median(times));
    };
    timed("c_get_sqlite_raw", "events_per_s", [&] { return store.read_stream(big, rows); });
    timed("e_get_version_sqlite_raw", "events_per_s",
          [&] { return store.read_stream(big, rows, o.events / 2); });
    const int notifications = o.dogs * (1 + o.tricks);
    timed("d_notifications_sqlite_raw", "notifications_per_s", [&] {
        std::size_t total = 0;
        for (std::int64_t start = 1; start <= notifications; start += o.page) {
            total += store.read_notifications(
                start, std::min(o.page, notifications - static_cast<int>(start) + 1), rows);
        }
        return total;
    });
    if (checksum == 0) std::fprintf(stderr, "bench_raw_sqlite: nothing was read\n");
    return 0;
}
