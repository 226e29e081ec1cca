#pragma once
// A small RAII wrapper over libpq, PostgreSQL's C client library: a connection, parameterised
// queries ($1, $2, ...), the rows they return, and a transaction that rolls back unless committed.
// libpq-fe.h is included only in postgres.cpp, so this header stays cheap to include. When the kit
// was configured without libpq, every call throws an es::postgres::Error saying what to install.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "es/error.hpp"

struct pg_conn;
struct pg_result;

namespace es::postgres {

// What PostgreSQL (or libpq) reported. sqlstate() is the five-character SQLSTATE code of the
// failure (https://www.postgresql.org/docs/current/errcodes-appendix.html). Failing to reach the
// server is reported as 08001, a connection that broke as 08006, and a misuse of this wrapper (an
// integer asked of a text column) with no code.
class Error : public es::Error {
public:
    Error(const std::string& message, std::string sqlstate, std::string constraint = "")
        : es::Error(sqlstate.empty() ? message : message + " (SQLSTATE " + sqlstate + ")"),
          sqlstate_(std::move(sqlstate)),
          constraint_(std::move(constraint))
    {
    }

    const std::string& sqlstate() const { return sqlstate_; }
    // The constraint that refused a row (a unique violation, say), as the server names it; or "".
    const std::string& constraint() const { return constraint_; }

    // A UNIQUE or PRIMARY KEY constraint refused a row.
    bool is_unique_violation() const { return sqlstate_ == "23505"; }
    // A serializable transaction, or a deadlock, lost against another one: retrying may succeed.
    bool is_serialization_failure() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }
    // The server could not be reached, or the connection broke.
    bool is_connection_failure() const { return sqlstate_.starts_with("08"); }
    // The statement ran longer than the connection's statement timeout, and was cancelled.
    bool is_statement_timeout() const { return sqlstate_ == "57014"; }
    bool is_undefined_table() const { return sqlstate_ == "42P01"; }
    bool is_insufficient_privilege() const { return sqlstate_ == "42501"; }

private:
    std::string sqlstate_;
    std::string constraint_;
};

// Where to connect. An empty field is left out, so libpq's defaults (and its PGHOST, PGPORT...
// environment variables) apply to it. A host starting with '/' is a directory holding the
// server's unix socket.
struct Settings {
    std::string dbname;
    std::string host;
    std::string port;
    std::string user;
    std::string password;

    // How long the connection waits, each settable (see es::Environment in stage 12). A statement
    // that runs longer than statement_timeout is cancelled with an Error (SQLSTATE 57014) instead of
    // hanging, say behind a lock another program keeps. TCP keepalives notice a server that went
    // silent (a cable pulled, a machine gone) after about idle + interval * count seconds; a
    // connection through a unix socket has no use for them.
    struct Limits {
        int statement_timeout_s = 30;  // 0: no limit
        int keepalives_idle_s = 60;    // silence before the first probe
        int keepalives_interval_s = 10;
        int keepalives_count = 6;  // probes unanswered before the connection counts as broken
    };
    Limits limits = {};
};

// A value to bind to a parameter $n. Integers and text are sent as text; Bytes are sent in binary,
// so every byte arrives exactly (for a BYTEA column); nullptr is SQL NULL.
struct Bytes {
    std::string_view data;
};
using Param = std::variant<std::nullptr_t, std::int64_t, std::string_view, Bytes>;

// The rows a query returned. Rows and columns count from 0. Values arrive as text, the way psql
// shows them; bytes() decodes a BYTEA column.
class Result {
public:
    int rows() const;
    int columns() const;
    // The number of rows an INSERT, UPDATE or DELETE changed.
    std::int64_t affected_rows() const;
    // The command tag the server answered, such as "INSERT 0 1" or "COMMIT".
    std::string command() const;

    bool is_null(int row, int column) const;
    std::string text(int row, int column) const;
    std::int64_t int64(int row, int column) const;  // throws Error unless the value is an integer
    std::string bytes(int row, int column) const;   // a BYTEA value, decoded

private:
    friend class Connection;
    explicit Result(pg_result* handle);
    struct Clear {
        void operator()(pg_result* handle) const noexcept;
    };
    std::unique_ptr<pg_result, Clear> handle_;
};

// One connection to a server, opened by the constructor (throws Error if it cannot connect) and
// closed by the destructor. Server notices ("table already exists, skipping") are not printed.
//
// A connection that broke (the server restarted, an administrator ended it) is opened again once,
// by the next call, and a statement sent outside a transaction is sent again on the new connection:
// after a restart the next call works instead of every call failing. Inside a transaction the
// transaction is lost with the connection, so the call throws (is_connection_failure()) and the
// caller's Transaction rolls back; the call after it reconnects.
class Connection {
public:
    explicit Connection(const Settings& settings);

    // Runs one or more SQL statements that take no parameters, such as CREATE TABLE.
    void execute(std::string_view sql);
    // Runs one statement with parameters $1, $2, ... bound to params, in order.
    Result query(std::string_view sql, std::initializer_list<Param> params = {});
    Result query(std::string_view sql, const std::vector<Param>& params);

    bool in_transaction() const;

private:
    // Sends one statement with `send`, reconnecting first if an earlier call broke the connection,
    // and sending it again once if the connection breaks outside a transaction.
    template <typename Send>
    Result run(std::string_view sql, Send send);
    void reconnect();

    struct Finish {
        void operator()(pg_conn* handle) const noexcept;
    };
    std::unique_ptr<pg_conn, Finish> handle_;
};

// BEGIN in the constructor, COMMIT in commit(), ROLLBACK in the destructor unless committed: an
// exception thrown in between writes nothing.
class Transaction {
public:
    enum class Isolation { read_committed, repeatable_read, serializable };

    explicit Transaction(Connection& connection, Isolation isolation = Isolation::read_committed);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Connection& connection_;
    bool done_ = false;
};

}  // namespace es::postgres
