#pragma once
// The PostgreSQL server the tests of stages 12, 13 and 15 run against, started once per test binary.
//
// - If POSTGRES_HOST is set, the tests use that server (yours), with POSTGRES_PORT, POSTGRES_USER
//   and POSTGRES_PASSWORD; the user must be allowed to create databases.
// - Otherwise they start a throwaway server from the PostgreSQL binaries installed on this machine
//   (Debian: /usr/lib/postgresql/*/bin): initdb and pg_ctl in a fresh temporary directory, reachable
//   only through a unix socket in that directory, run as an unprivileged user when the tests run as
//   root. It is stopped and deleted when the test binary ends, even when it crashes.
// - With neither, each test that needs a server fails, saying what to install.
//
// While the throwaway server runs, POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_DBNAME
// are exported to the process (and so to the processes it forks).
#include "es/postgres.hpp"

namespace test_postgres {

// A new, empty database on the test server, so that no test sees another's events. Throws
// es::Error when there is no server to be had, with the reason and what to do about it.
es::postgres::Settings fresh_database();

}  // namespace test_postgres
