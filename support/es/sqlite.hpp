#pragma once
// A small RAII wrapper over the sqlite3 C API: a connection, a prepared statement, a transaction.
// Handles live in std::unique_ptr with deleters, failures are es::sqlite::Error, destructors never
// throw. sqlite3.h is included only in sqlite.cpp, so this header stays cheap to include.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "es/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace es::sqlite {

// What SQLite reported, with its extended result code (see https://sqlite.org/rescode.html).
class Error : public es::Error {
public:
    Error(const std::string& message, int extended_code);

    int extended_code() const { return extended_code_; }
    int primary_code() const { return extended_code_ & 0xFF; }

    bool is_constraint_violation() const;  // any constraint: UNIQUE, NOT NULL, CHECK, FOREIGN KEY...
    bool is_unique_violation() const;      // a UNIQUE or PRIMARY KEY constraint in particular
    bool is_busy() const;                  // the database stayed locked longer than the busy timeout

private:
    int extended_code_;
};

class Statement;

// One connection. Files use WAL journaling and synchronous=FULL (a committed transaction survives
// a crash); every connection waits up to a few seconds (busy_timeout_ms()) for a lock held by another
// writer instead of failing at once, and enforces foreign keys. Every Error names the database file
// and says what to do: a file that is not a database, a damaged one, or one that cannot be written
// (found at open, not at the first write) fails in the constructor.
class Database {
public:
    explicit Database(const std::string& path);  // a file (created if missing) or ":memory:"

    // How long a connection waits for another's lock: SQLITE_BUSY_TIMEOUT milliseconds, from the
    // process environment when it is a number (a test that expects a lock to outlast it sets a short
    // one), else 5000.
    static int busy_timeout_ms();

    // Runs one or more SQL statements that take no parameters and return no rows you need.
    void execute(std::string_view sql);
    // Compiles one statement, to run (and reset and re-run) as often as needed.
    Statement prepare(std::string_view sql);

    std::int64_t last_insert_rowid() const;
    int changes() const;  // rows changed by the last INSERT, UPDATE or DELETE
    bool in_transaction() const;
    const std::string& path() const { return path_; }

private:
    struct Close {
        void operator()(sqlite3* handle) const noexcept;
    };
    std::string path_;
    std::unique_ptr<sqlite3, Close> handle_;
};

// A prepared statement. Parameters are numbered from 1 (as in "?1" or in order of "?"), columns
// from 0. Use: bind(...), then step() until it returns false, or exec() for a statement that
// returns no rows; a ScopedReset makes it ready for the next use however this one ends. Text and
// blobs are copied by SQLite when bound, with their exact length: embedded NUL bytes survive.
class Statement {
public:
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);  // UTF-8 text
    Statement& bind(int index, std::nullptr_t);         // SQL NULL
    Statement& bind_null(int index);
    Statement& bind_blob(int index, std::span<const std::byte> bytes);

    // Runs the statement one step: true when a row is ready to read, false when it is finished.
    [[nodiscard]] bool step();
    // Runs a statement that returns no rows (INSERT, UPDATE, DELETE...) and returns the number of
    // rows it changed. A row returned is an Error. Its parameters stay bound: reset() clears them.
    int exec();
    // Ready to run again from the start, with every parameter unbound (NULL).
    void reset() noexcept;

    int column_count() const;
    bool column_is_null(int column) const;
    bool column_is_integer(int column) const;  // an INTEGER value (not NULL, text, a real or a blob)
    std::int64_t column_int64(int column) const;
    std::string column_text(int column) const;
    std::vector<std::byte> column_blob(int column) const;

    std::string sql() const;

private:
    friend class Database;
    explicit Statement(sqlite3_stmt* handle);
    struct Finalize {
        void operator()(sqlite3_stmt* handle) const noexcept;
    };
    std::unique_ptr<sqlite3_stmt, Finalize> handle_;
};

// Resets a statement when the scope ends, however it ends: no read is left open (an open read keeps
// its snapshot of the database alive, and a checkpoint waits for it), and no bound value lingers.
//     const sqlite::ScopedReset reset{statement};
//     statement.bind(1, id);
//     while (statement.step()) ...
class ScopedReset {
public:
    explicit ScopedReset(Statement& statement) noexcept : statement_(statement) {}
    ~ScopedReset() { statement_.reset(); }
    ScopedReset(const ScopedReset&) = delete;
    ScopedReset& operator=(const ScopedReset&) = delete;

private:
    Statement& statement_;
};

// BEGIN IMMEDIATE in the constructor: the write lock is taken at once (waiting up to the busy
// timeout), so two writers never both read a state and then fail to write it. The destructor
// rolls back unless commit() was called, so an exception thrown in between writes nothing.
class Transaction {
public:
    explicit Transaction(Database& database);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Database& database_;
    bool done_ = false;
};

// For tests only: a function called after every commit of a Transaction, with its database. A test
// ends a process there (_exit) to crash it at an exact point instead of within a timing window:
// right after the commit, nothing more of its work may reach the file. Null (the default): none.
using CommitHook = void (*)(const Database& database);
void set_commit_hook(CommitHook hook);

}  // namespace es::sqlite
