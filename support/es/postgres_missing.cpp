// Compiled instead of postgres.cpp when CMake did not find libpq: everything still builds, and
// the first attempt to connect says exactly what to install.
#include "es/postgres.hpp"

namespace es::postgres {

namespace {

[[noreturn]] void missing()
{
    throw Error(
        "PostgreSQL: this build has no PostgreSQL client library (libpq). Install it with "
        "`sudo apt-get install -y libpq-dev` (see ./workshop doctor for other systems), then configure "
        "again: delete the build folder, or run cmake on it once more",
        "08001");
}

}  // namespace

void Result::Clear::operator()(pg_result*) const noexcept
{
}

Result::Result(pg_result* handle) : handle_(handle)
{
}

int Result::rows() const
{
    missing();
}

int Result::columns() const
{
    missing();
}

std::int64_t Result::affected_rows() const
{
    missing();
}

std::string Result::command() const
{
    missing();
}

bool Result::is_null(int, int) const
{
    missing();
}

std::string Result::text(int, int) const
{
    missing();
}

std::int64_t Result::int64(int, int) const
{
    missing();
}

std::string Result::bytes(int, int) const
{
    missing();
}

void Connection::Finish::operator()(pg_conn*) const noexcept
{
}

Connection::Connection(const Settings&)
{
    missing();
}

void Connection::execute(std::string_view)
{
    missing();
}

Result Connection::query(std::string_view, std::initializer_list<Param>)
{
    missing();
}

Result Connection::query(std::string_view, const std::vector<Param>&)
{
    missing();
}

bool Connection::in_transaction() const
{
    missing();
}

Transaction::Transaction(Connection& connection, Isolation) : connection_(connection)
{
    missing();
}

Transaction::~Transaction() = default;

void Transaction::commit()
{
    missing();
}

}  // namespace es::postgres
