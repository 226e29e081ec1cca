#include "es/sqlite.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>
#include <thread>

namespace es::sqlite {

namespace {

// What a student can do about a failure, by its code; "" when the message says enough.
std::string advice(int code)
{
    switch (code & 0xFF) {
        case SQLITE_NOTADB:
            return "this file is not an SQLite database: give SQLITE_DBNAME the name of an event store, or "
                   "of a "
                   "file that does not exist yet";
        case SQLITE_CORRUPT:
            return "the file is damaged: restore it from a backup, or start a new store under another name "
                   "(sqlite3 FILE .recover may save some of it)";
        case SQLITE_READONLY:
            return "the file (or its directory) cannot be written: give yourself write permission, or choose "
                   "another file";
        case SQLITE_BUSY:
            return "another connection kept it locked (waited up to " +
                   std::to_string(Database::busy_timeout_ms()) +
                   " ms): is another program (an sqlite3 shell?) holding a transaction open?";
        case SQLITE_CANTOPEN:
            return "check that its directory exists and that you may write in it";
        case SQLITE_FULL:
            return "the disk is full";
        default:
            return "";
    }
}

// The file a connection uses, for messages; "" for an in-memory database.
std::string file_of(sqlite3* db)
{
    const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
    return file != nullptr ? file : "";
}

// One shape for every message: what failed, on which file, and what to do about it.
[[noreturn]] void fail_with(int code, const std::string& what, const std::string& file)
{
    std::string message = "SQLite: " + what;
    if (!file.empty()) message += " (database '" + file + "')";
    if (const std::string hint = advice(code); !hint.empty()) message += ": " + hint;
    throw Error(message, code);
}

[[noreturn]] void fail(sqlite3* db, const std::string& context)
{
    const int code = db != nullptr ? sqlite3_extended_errcode(db) : SQLITE_NOMEM;
    const std::string detail = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    fail_with(code, context + ": " + detail, file_of(db));
}

int checked_length(std::size_t size)
{
    if (size > static_cast<std::size_t>(INT_MAX)) {
        throw Error("SQLite: a value of " + std::to_string(size) + " bytes is too large to bind",
                    SQLITE_TOOBIG);
    }
    return static_cast<int>(size);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Error

Error::Error(const std::string& message, int extended_code)
    : es::Error(message + " (SQLite code " + std::to_string(extended_code) + ")"),
      extended_code_(extended_code)
{
}

bool Error::is_constraint_violation() const
{
    return primary_code() == SQLITE_CONSTRAINT;
}

bool Error::is_unique_violation() const
{
    return extended_code_ == SQLITE_CONSTRAINT_UNIQUE || extended_code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

bool Error::is_busy() const
{
    return primary_code() == SQLITE_BUSY;
}

// ---------------------------------------------------------------------------------------------
// Database

void Database::Close::operator()(sqlite3* handle) const noexcept
{
    // close_v2 waits for statements still open to be finalized instead of failing.
    sqlite3_close_v2(handle);
}

Database::Database(const std::string& path) : path_(path)
{
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    handle_.reset(raw);  // even a failed open returns a handle that must be closed
    if (rc != SQLITE_OK) fail(raw, "cannot open database '" + path + "'");

    sqlite3_extended_result_codes(raw, 1);
    // SQLite opens a file it may not write read-only, without a word: say so now, not at the first save.
    if (sqlite3_db_readonly(raw, "main") == 1) {
        fail_with(SQLITE_READONLY, "cannot open database '" + path + "' for writing", file_of(raw));
    }
    // Set first: switching to WAL below may itself have to wait for another connection.
    const int timeout_ms = busy_timeout_ms();
    sqlite3_busy_timeout(raw, timeout_ms);
    const bool in_memory = path.empty() || path == ":memory:" || path.starts_with("file::memory:");
    if (!in_memory) {
        // Connections opening a new file at once all want to write its first page; SQLite answers
        // some of them "locked" at once, without waiting, where waiting could deadlock. So wait here,
        // as the busy timeout would: try again until it has passed.
        using clock = std::chrono::steady_clock;
        const auto deadline = clock::now() + std::chrono::milliseconds(timeout_ms);
        for (int attempt = 1;; ++attempt) {
            try {
                execute("PRAGMA journal_mode = WAL");
                break;
            } catch (const Error& e) {
                if (!e.is_busy() || clock::now() >= deadline) throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 20)));
        }
    }
    execute("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON");
}

int Database::busy_timeout_ms()
{
    constexpr int fallback = 5000;
    const char* text = std::getenv("SQLITE_BUSY_TIMEOUT");
    if (text == nullptr || *text == '\0') return fallback;
    int value = 0;
    const char* end = text + std::strlen(text);
    const auto [stop, error] = std::from_chars(text, end, value);
    return error == std::errc{} && stop == end && value >= 0 ? value : fallback;
}

void Database::execute(std::string_view sql)
{
    const std::string text{sql};
    char* message = nullptr;
    const int rc = sqlite3_exec(handle_.get(), text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string detail = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        fail_with(sqlite3_extended_errcode(handle_.get()), detail + " (in: " + text + ")",
                  file_of(handle_.get()));
    }
}

Statement Database::prepare(std::string_view sql)
{
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(handle_.get(), sql.data(), checked_length(sql.size()), &raw, nullptr);
    Statement statement{raw};
    if (rc != SQLITE_OK) fail(handle_.get(), "cannot prepare '" + std::string(sql) + "'");
    if (raw == nullptr) throw Error("SQLite: no statement in '" + std::string(sql) + "'", SQLITE_MISUSE);
    return statement;
}

std::int64_t Database::last_insert_rowid() const
{
    return sqlite3_last_insert_rowid(handle_.get());
}

int Database::changes() const
{
    return sqlite3_changes(handle_.get());
}

bool Database::in_transaction() const
{
    return sqlite3_get_autocommit(handle_.get()) == 0;
}

// ---------------------------------------------------------------------------------------------
// Statement

void Statement::Finalize::operator()(sqlite3_stmt* handle) const noexcept
{
    sqlite3_finalize(handle);
}

Statement::Statement(sqlite3_stmt* handle) : handle_(handle)
{
}

Statement& Statement::bind(int index, std::int64_t value)
{
    if (sqlite3_bind_int64(handle_.get(), index, value) != SQLITE_OK) {
        fail(sqlite3_db_handle(handle_.get()), "cannot bind parameter " + std::to_string(index));
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    // SQLITE_TRANSIENT: SQLite copies the bytes now, so the caller's string may go away.
    if (sqlite3_bind_text(handle_.get(), index, text.data(), checked_length(text.size()), SQLITE_TRANSIENT) !=
        SQLITE_OK) {
        fail(sqlite3_db_handle(handle_.get()), "cannot bind parameter " + std::to_string(index));
    }
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t)
{
    return bind_null(index);
}

Statement& Statement::bind_null(int index)
{
    if (sqlite3_bind_null(handle_.get(), index) != SQLITE_OK) {
        fail(sqlite3_db_handle(handle_.get()), "cannot bind parameter " + std::to_string(index));
    }
    return *this;
}

Statement& Statement::bind_blob(int index, std::span<const std::byte> bytes)
{
    if (sqlite3_bind_blob(handle_.get(), index, bytes.data(), checked_length(bytes.size()),
                          SQLITE_TRANSIENT) != SQLITE_OK) {
        fail(sqlite3_db_handle(handle_.get()), "cannot bind parameter " + std::to_string(index));
    }
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(handle_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(handle_.get());
    const int code = sqlite3_extended_errcode(db);
    const std::string what = std::string(sqlite3_errmsg(db)) + " (in: " + sql() + ")";
    sqlite3_reset(handle_.get());  // leaves the statement ready to run again
    fail_with(code, what, file_of(db));
}

int Statement::exec()
{
    const bool row = step();
    const int changed = sqlite3_changes(sqlite3_db_handle(handle_.get()));
    sqlite3_reset(handle_.get());  // ready to run again, with the same parameters
    if (row) fail_with(SQLITE_MISUSE, "exec() of a statement that returns rows (in: " + sql() + ")", "");
    return changed;
}

void Statement::reset() noexcept
{
    sqlite3_reset(handle_.get());
    sqlite3_clear_bindings(handle_.get());
}

int Statement::column_count() const
{
    return sqlite3_column_count(handle_.get());
}

bool Statement::column_is_null(int column) const
{
    return sqlite3_column_type(handle_.get(), column) == SQLITE_NULL;
}

bool Statement::column_is_integer(int column) const
{
    return sqlite3_column_type(handle_.get(), column) == SQLITE_INTEGER;
}

std::int64_t Statement::column_int64(int column) const
{
    return sqlite3_column_int64(handle_.get(), column);
}

std::string Statement::column_text(int column) const
{
    // Ask for the text first, then its size: that is the order the SQLite documentation requires.
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(handle_.get(), column));
    const int size = sqlite3_column_bytes(handle_.get(), column);
    if (text == nullptr) return {};
    return std::string(text, static_cast<std::size_t>(size));
}

std::vector<std::byte> Statement::column_blob(int column) const
{
    const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(handle_.get(), column));
    const int size = sqlite3_column_bytes(handle_.get(), column);
    if (data == nullptr) return {};
    return std::vector<std::byte>(data, data + size);
}

std::string Statement::sql() const
{
    const char* text = sqlite3_sql(handle_.get());
    return text != nullptr ? text : "";
}

// ---------------------------------------------------------------------------------------------
// Transaction

Transaction::Transaction(Database& database) : database_(database)
{
    database_.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (done_) return;
    try {
        database_.execute("ROLLBACK");
    } catch (...) {
        // Nothing to do: SQLite may have rolled back already (after an I/O error, for example),
        // and a destructor must not throw.
    }
}

namespace {
CommitHook commit_hook = nullptr;
}  // namespace

void set_commit_hook(CommitHook hook)
{
    commit_hook = hook;
}

void Transaction::commit()
{
    database_.execute("COMMIT");
    done_ = true;
    if (commit_hook != nullptr) commit_hook(database_);
}

}  // namespace es::sqlite
