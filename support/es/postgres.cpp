#include "es/postgres.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <climits>
#include <string>

namespace es::postgres {

namespace {

// libpq ends its messages with a newline; an exception message reads better without it.
std::string trimmed(const char* message)
{
    std::string text = message != nullptr ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

std::string excerpt(std::string_view sql)
{
    constexpr std::size_t limit = 200;
    return sql.size() <= limit ? std::string(sql) : std::string(sql.substr(0, limit)) + "...";
}

void ignore_notice(void*, const char*)
{
}

// Throws unless the result is a success; a null result means libpq ran out of memory or lost the
// connection.
void check(pg_conn* connection, const pg_result* result, std::string_view sql)
{
    const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string message = result != nullptr ? trimmed(PQresultErrorMessage(result)) : "";
    if (message.empty()) message = trimmed(PQerrorMessage(connection));
    const char* code = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = code != nullptr ? code : "";
    if (sqlstate.empty() && PQstatus(connection) != CONNECTION_OK) sqlstate = "08006";
    const char* constraint =
        result != nullptr ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
    if (sqlstate == "57014") {
        message +=
            " (the statement ran longer than the connection's statement timeout: "
            "POSTGRES_STATEMENT_TIMEOUT, in seconds; is another program holding a lock?)";
    }
    throw Error("PostgreSQL: " + message + " (in: " + excerpt(sql) + ")", sqlstate,
                constraint != nullptr ? constraint : "");
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Result

void Result::Clear::operator()(pg_result* handle) const noexcept
{
    PQclear(handle);
}

Result::Result(pg_result* handle) : handle_(handle)
{
}

int Result::rows() const
{
    return PQntuples(handle_.get());
}

int Result::columns() const
{
    return PQnfields(handle_.get());
}

std::int64_t Result::affected_rows() const
{
    const std::string count = PQcmdTuples(handle_.get());
    std::int64_t value = 0;
    std::from_chars(count.data(), count.data() + count.size(), value);
    return value;
}

std::string Result::command() const
{
    return PQcmdStatus(handle_.get());
}

bool Result::is_null(int row, int column) const
{
    return PQgetisnull(handle_.get(), row, column) == 1;
}

std::string Result::text(int row, int column) const
{
    // Ask for the length too: a value's text is not guaranteed to end at its first NUL byte.
    const char* value = PQgetvalue(handle_.get(), row, column);
    const int length = PQgetlength(handle_.get(), row, column);
    return std::string(value, static_cast<std::size_t>(length));
}

std::int64_t Result::int64(int row, int column) const
{
    const std::string value = text(row, column);
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (error != std::errc{} || end != value.data() + value.size()) {
        throw Error("PostgreSQL: column " + std::to_string(column) + " of row " + std::to_string(row) +
                        " is '" + value + "', not an integer",
                    "");
    }
    return number;
}

std::string Result::bytes(int row, int column) const
{
    // BYTEA arrives as text in PostgreSQL's hex format ("\x4869"); libpq decodes it.
    const auto* escaped = reinterpret_cast<const unsigned char*>(PQgetvalue(handle_.get(), row, column));
    std::size_t length = 0;
    unsigned char* raw = PQunescapeBytea(escaped, &length);
    if (raw == nullptr) throw Error("PostgreSQL: cannot decode a BYTEA value (out of memory?)", "");
    std::string decoded(reinterpret_cast<const char*>(raw), length);
    PQfreemem(raw);
    return decoded;
}

// ---------------------------------------------------------------------------------------------
// Connection

void Connection::Finish::operator()(pg_conn* handle) const noexcept
{
    PQfinish(handle);
}

Connection::Connection(const Settings& settings)
{
    std::vector<const char*> keywords;
    std::vector<const char*> values;
    const auto add = [&](const char* keyword, const std::string& value) {
        if (value.empty()) return;
        keywords.push_back(keyword);
        values.push_back(value.c_str());
    };
    add("dbname", settings.dbname);
    add("host", settings.host);
    add("port", settings.port);
    add("user", settings.user);
    add("password", settings.password);
    const std::string timeout = "10";  // seconds: fail clearly rather than hang on a wrong host
    add("connect_timeout", timeout);
    const Settings::Limits& limits = settings.limits;
    const std::string options = "-c statement_timeout=" + std::to_string(limits.statement_timeout_s * 1000);
    add("options", options);
    const std::string idle = std::to_string(limits.keepalives_idle_s);
    const std::string interval = std::to_string(limits.keepalives_interval_s);
    const std::string count = std::to_string(limits.keepalives_count);
    const std::string on = "1";
    add("keepalives", on);
    add("keepalives_idle", idle);
    add("keepalives_interval", interval);
    add("keepalives_count", count);
    keywords.push_back(nullptr);
    values.push_back(nullptr);

    handle_.reset(PQconnectdbParams(keywords.data(), values.data(), 0));
    if (!handle_) throw Error("PostgreSQL: cannot connect: out of memory", "08001");
    if (PQstatus(handle_.get()) != CONNECTION_OK) {
        const std::string where =
            settings.host.empty() ? std::string("the default server") : "host '" + settings.host + "'";
        throw Error("PostgreSQL: cannot connect to database '" + settings.dbname + "' on " + where + ": " +
                        trimmed(PQerrorMessage(handle_.get())),
                    "08001");
    }
    PQsetNoticeProcessor(handle_.get(), ignore_notice, nullptr);
}

void Connection::reconnect()
{
    PQreset(handle_.get());  // the same parameters, timeouts included
    if (PQstatus(handle_.get()) != CONNECTION_OK) {
        throw Error("PostgreSQL: the connection broke, and connecting again failed: " +
                        trimmed(PQerrorMessage(handle_.get())),
                    "08006");
    }
}

template <typename Send>
Result Connection::run(std::string_view sql, Send send)
{
    if (PQstatus(handle_.get()) == CONNECTION_BAD) reconnect();  // an earlier call broke it
    const bool outside_transaction = PQtransactionStatus(handle_.get()) == PQTRANS_IDLE;
    Result result{send()};
    if (outside_transaction && PQstatus(handle_.get()) == CONNECTION_BAD) {
        // Nothing was under way on the server but this statement: send it once more.
        reconnect();
        result = Result{send()};
    }
    check(handle_.get(), result.handle_.get(), sql);
    return result;
}

void Connection::execute(std::string_view sql)
{
    const std::string text{sql};
    (void)run(sql, [&] { return PQexec(handle_.get(), text.c_str()); });
}

Result Connection::query(std::string_view sql, std::initializer_list<Param> params)
{
    return query(sql, std::vector<Param>(params));
}

Result Connection::query(std::string_view sql, const std::vector<Param>& params)
{
    if (params.size() > static_cast<std::size_t>(INT_MAX)) throw Error("PostgreSQL: too many parameters", "");
    // Keep each parameter's bytes alive until the query has been sent.
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    std::vector<int> lengths(params.size(), 0);
    std::vector<int> formats(params.size(), 0);  // 0 = text, 1 = binary
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (const auto* number = std::get_if<std::int64_t>(&params[i])) {
            storage[i] = std::to_string(*number);
        } else if (const auto* text = std::get_if<std::string_view>(&params[i])) {
            storage[i] = std::string(*text);
        } else if (const auto* bytes = std::get_if<Bytes>(&params[i])) {
            storage[i] = std::string(bytes->data);
            formats[i] = 1;
        } else {
            continue;  // NULL: a null pointer as its value
        }
        if (storage[i].size() > static_cast<std::size_t>(INT_MAX)) {
            throw Error("PostgreSQL: parameter $" + std::to_string(i + 1) + " is too large", "");
        }
        values[i] = storage[i].c_str();
        lengths[i] = static_cast<int>(storage[i].size());
    }
    const std::string text{sql};
    return run(sql, [&] {
        return PQexecParams(handle_.get(), text.c_str(), static_cast<int>(params.size()), nullptr,
                            values.data(), lengths.data(), formats.data(), 0);
    });
}

bool Connection::in_transaction() const
{
    return PQtransactionStatus(handle_.get()) != PQTRANS_IDLE;
}

// ---------------------------------------------------------------------------------------------
// Transaction

Transaction::Transaction(Connection& connection, Isolation isolation) : connection_(connection)
{
    switch (isolation) {
        case Isolation::read_committed:
            connection_.execute("BEGIN ISOLATION LEVEL READ COMMITTED");
            break;
        case Isolation::repeatable_read:
            connection_.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
            break;
        case Isolation::serializable:
            connection_.execute("BEGIN ISOLATION LEVEL SERIALIZABLE");
            break;
    }
}

Transaction::~Transaction()
{
    if (done_) return;
    try {
        connection_.execute("ROLLBACK");
    } catch (...) {
        // Nothing to do: a broken connection has no transaction left to roll back, and a
        // destructor must not throw.
    }
}

void Transaction::commit()
{
    done_ = true;  // after a failed COMMIT the server has ended the transaction anyway
    // A transaction in which a statement failed cannot commit: PostgreSQL answers COMMIT with a
    // silent ROLLBACK. Say so, rather than let the caller believe its writes were kept.
    if (connection_.query("COMMIT").command() != "COMMIT") {
        throw Error(
            "PostgreSQL: the transaction was rolled back, not committed: one of its statements failed",
            "25P02");
    }
}

}  // namespace es::postgres
