#include "environment.hpp"

#include <cstdlib>

#include "popo_recorder.hpp"
#include "postgres_recorder.hpp"
#include "sqlite_recorder.hpp"

namespace es {

std::string Environment::get(const std::string& name, const std::string& fallback) const
{
    if (const auto given = values_.find(name); given != values_.end()) return given->second;
    if (const char* value = std::getenv(name.c_str())) return value;
    return fallback;
}

std::unique_ptr<Recorder> make_recorder(const Environment& environment)
{
    const std::string module = environment.get("PERSISTENCE_MODULE", "popo");
    if (module.empty() || module == "popo") return std::make_unique<PopoRecorder>();
    if (module == "sqlite") {
        const std::string dbname = environment.get("SQLITE_DBNAME");
        if (dbname.empty()) {
            throw ConfigurationError(
                "PERSISTENCE_MODULE is sqlite but SQLITE_DBNAME is not set: give a file name, or :memory:");
        }
        return std::make_unique<SqliteRecorder>(dbname);
    }
    if (module == "postgres") {
        // >>> step 1: make_recorder, postgres
        const postgres::Settings settings{environment.get("POSTGRES_DBNAME"),
                                          environment.get("POSTGRES_HOST"), environment.get("POSTGRES_PORT"),
                                          environment.get("POSTGRES_USER"),
                                          environment.get("POSTGRES_PASSWORD")};
        if (settings.dbname.empty()) {
            throw ConfigurationError(
                "PERSISTENCE_MODULE is postgres but POSTGRES_DBNAME is not set: give the name of a database "
                "on the "
                "server");
        }
        return std::make_unique<PostgresRecorder>(settings);
        // <<<
    }
    throw ConfigurationError("unknown PERSISTENCE_MODULE '" + module +
                             "': use popo (in memory), sqlite or postgres");
}

}  // namespace es
