#include "es/environment.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <system_error>
#include <utility>

#include "es/popo_recorder.hpp"
#include "es/postgres_recorder.hpp"
#include "es/sqlite_recorder.hpp"
#include "es/not_implemented.hpp"

namespace es {

std::string Environment::get(const std::string& name, const std::string& fallback) const
{
    if (!prefix_.empty()) {
        if (auto own = find(prefix_ + name)) return std::move(*own);
    }
    return find(name).value_or(fallback);
}

std::optional<std::string> Environment::find(const std::string& name) const
{
    if (const auto given = values_.find(name); given != values_.end()) return given->second;
    if (const char* value = std::getenv(name.c_str())) return value;
    return std::nullopt;
}

Environment Environment::for_application(const std::string& application_name) const
{
    Environment environment{*this};
    // >>> step 1: Environment::for_application
    throw es::NotImplemented("Environment::for_application", 1);
    // <<<
    return environment;
}

namespace {

// A whole number of seconds (or probes) from the environment; `fallback` when it is not set.
int whole_number(const Environment& environment, const std::string& name, int fallback)
{
    const std::string text = environment.get(name);
    if (text.empty()) return fallback;
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
        throw ConfigurationError(name + " is '" + text + "': give a whole number of seconds, 0 or more");
    }
    return value;
}

}  // namespace

postgres::Settings::Limits postgres_limits(const Environment& environment)
{
    const postgres::Settings::Limits defaults;
    return {whole_number(environment, "POSTGRES_STATEMENT_TIMEOUT", defaults.statement_timeout_s),
            whole_number(environment, "POSTGRES_KEEPALIVES_IDLE", defaults.keepalives_idle_s),
            whole_number(environment, "POSTGRES_KEEPALIVES_INTERVAL", defaults.keepalives_interval_s),
            whole_number(environment, "POSTGRES_KEEPALIVES_COUNT", defaults.keepalives_count)};
}

namespace {

// The recorder of the module the environment names, on `table`.
std::unique_ptr<Recorder> make_recorder_on(const Environment& environment, const std::string& table)
{
    const std::string module = environment.get("PERSISTENCE_MODULE", "popo");
    if (module.empty() || module == "popo") return std::make_unique<PopoRecorder>();
    if (module == "sqlite") {
        const std::string dbname = environment.get("SQLITE_DBNAME");
        if (dbname.empty()) {
            throw ConfigurationError(
                "PERSISTENCE_MODULE is sqlite but SQLITE_DBNAME is not set: give a file name, or :memory:");
        }
        return std::make_unique<SqliteRecorder>(dbname, table);
    }
    if (module == "postgres") {
        const postgres::Settings settings{
            environment.get("POSTGRES_DBNAME"),   environment.get("POSTGRES_HOST"),
            environment.get("POSTGRES_PORT"),     environment.get("POSTGRES_USER"),
            environment.get("POSTGRES_PASSWORD"), postgres_limits(environment)};
        if (settings.dbname.empty()) {
            throw ConfigurationError(
                "PERSISTENCE_MODULE is postgres but POSTGRES_DBNAME is not set: give the name of a database "
                "on the "
                "server");
        }
        return std::make_unique<PostgresRecorder>(settings, table);
    }
    throw ConfigurationError("unknown PERSISTENCE_MODULE '" + module +
                             "': use popo (in memory), sqlite or postgres");
}

}  // namespace

std::unique_ptr<Recorder> make_recorder(const Environment& environment)
{
    return make_recorder_on(environment, "sequenced_items");
}

std::unique_ptr<Recorder> make_snapshot_recorder(const Environment& environment)
{
    return make_recorder_on(environment, "snapshots");
}

std::int64_t snapshotting_interval(const Environment& environment)
{
    const std::string text = environment.get("SNAPSHOTTING_INTERVAL");
    if (text.empty()) return 0;
    std::int64_t interval = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), interval);
    if (error != std::errc{} || end != text.data() + text.size() || interval < 0) {
        throw ConfigurationError("SNAPSHOTTING_INTERVAL is '" + text +
                                 "': give a whole number of events, 0 (no snapshots) or more");
    }
    return interval;
}

}  // namespace es
