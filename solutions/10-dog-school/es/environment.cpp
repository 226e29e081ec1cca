#include "es/environment.hpp"

#include <cstdlib>

#include "es/popo_recorder.hpp"
#include "es/sqlite_recorder.hpp"

namespace es {

std::string Environment::get(const std::string& name, const std::string& fallback) const
{
    // >>> step 1: Environment::get
    if (const auto given = values_.find(name); given != values_.end()) return given->second;
    if (const char* value = std::getenv(name.c_str())) return value;
    return fallback;
    // <<<
}

std::unique_ptr<Recorder> make_recorder(const Environment& environment)
{
    // >>> step 1: make_recorder
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
    throw ConfigurationError("unknown PERSISTENCE_MODULE '" + module + "': use popo (in memory) or sqlite");
    // <<<
}

}  // namespace es
