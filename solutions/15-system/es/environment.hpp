#pragma once
// How an application is configured: names and values, like the process environment, which fills in
// any name not given. The one choice made here is where events are kept.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "es/error.hpp"
#include "es/postgres.hpp"
#include "es/recorder.hpp"

namespace es {

// Settings by name, e.g. es::Environment{{"PERSISTENCE_MODULE", "sqlite"}, {"SQLITE_DBNAME", "dogs.db"}}.
//   PERSISTENCE_MODULE  "popo" (the default: in memory), "sqlite" or "postgres"
//   SQLITE_DBNAME       for sqlite: a file name (created if missing), or ":memory:"
//   POSTGRES_DBNAME     for postgres: the database (it must exist; the table is created in it)
//   POSTGRES_HOST       the server's host name, or the directory of its unix socket
//   POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD
//                       left empty, libpq's defaults apply (the local socket, port 5432, your login)
//   SNAPSHOTTING_INTERVAL  take a snapshot of an aggregate every this many events (unset or 0: none)
//   POSTGRES_STATEMENT_TIMEOUT  seconds one statement may run before it is cancelled (30; 0: no limit)
//   POSTGRES_KEEPALIVES_IDLE, POSTGRES_KEEPALIVES_INTERVAL (seconds), POSTGRES_KEEPALIVES_COUNT
//                       TCP keepalives: a silent server is noticed after idle + interval * count
//                       seconds (60 + 10 * 6)
class Environment {
public:
    Environment() = default;
    Environment(std::initializer_list<std::pair<const std::string, std::string>> values) : values_(values) {}

    // The value given here for `name`; if there is none, the process environment's (getenv); if
    // there is none either, `fallback`.
    std::string get(const std::string& name, const std::string& fallback = "") const;
    // Gives `name` a value here, which then wins over the process environment's.
    void set(const std::string& name, std::string value) { values_[name] = std::move(value); }
    // Forgets the value given here, so that the process environment's applies again.
    void unset(const std::string& name) { values_.erase(name); }

    // The environment of the application named `application_name` in a system of several: get(name)
    // looks first for the name with the application's prefix (its name in capitals and "_", so
    // CERTIFICATES_POSTGRES_DBNAME for "Certificates"), here and then in the process environment,
    // and then for the name alone. So each application can have its own database, and share the rest.
    Environment for_application(const std::string& application_name) const;

private:
    // The value of `name` exactly, given here or else in the process environment.
    std::optional<std::string> find(const std::string& name) const;

    std::map<std::string, std::string> values_;
    std::string prefix_;  // "" or, for one application of a system, e.g. "CERTIFICATES_"
};

// The environment asks for something that cannot be: an unknown module, a missing setting.
class ConfigurationError : public Error {
public:
    using Error::Error;
};

// The recorder the environment asks for. Throws es::ConfigurationError if it makes no sense, or
// es::sqlite::Error or es::postgres::Error if the database cannot be opened.
std::unique_ptr<Recorder> make_recorder(const Environment& environment);

// Where snapshots are kept: a recorder of the same kind and database as make_recorder's, on a table
// of its own, "snapshots", so that a snapshot is never an event of the notification log. In memory,
// a recorder of its own.
std::unique_ptr<Recorder> make_snapshot_recorder(const Environment& environment);

// SNAPSHOTTING_INTERVAL: every how many events of an aggregate a snapshot is taken; 0 (also when it
// is not set) for none. Throws es::ConfigurationError, naming it, for a value that is not a whole
// number, 0 or more.
std::int64_t snapshotting_interval(const Environment& environment);

// The limits of a PostgreSQL connection the environment sets (POSTGRES_STATEMENT_TIMEOUT...), with
// the defaults for those it does not. Throws es::ConfigurationError for a value that is no number.
postgres::Settings::Limits postgres_limits(const Environment& environment);

}  // namespace es
