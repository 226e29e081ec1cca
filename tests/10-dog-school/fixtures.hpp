#pragma once
// What the stage-10 tests share: temporary directories, process environment variables set for one
// test, and the persistence modules every behaviour runs against.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "dogschool/dog_school.hpp"
#include "kit_testing/scoped_env.hpp"
#include "kit_testing/temp_dir.hpp"

namespace fixtures {

using kit_testing::ScopedEnv;
using kit_testing::TempDir;

inline es::Environment sqlite_file(const TempDir& dir)
{
    return es::Environment{{"PERSISTENCE_MODULE", "sqlite"}, {"SQLITE_DBNAME", dir.file("dogs.db")}};
}

// The persistence modules every behaviour must show the same on: one SUBCASE each, so a test case
// that calls this runs once per module, and a failure names the module.
inline es::Environment each_persistence(const TempDir& dir)
{
    es::Environment environment;
    SUBCASE("in memory (PERSISTENCE_MODULE=popo)")
    {
        environment = es::Environment{{"PERSISTENCE_MODULE", "popo"}};
    }
    SUBCASE("SQLite in memory (SQLITE_DBNAME=:memory:)")
    {
        environment = es::Environment{{"PERSISTENCE_MODULE", "sqlite"}, {"SQLITE_DBNAME", ":memory:"}};
    }
    SUBCASE("SQLite file (SQLITE_DBNAME=<temporary file>)")
    {
        environment = sqlite_file(dir);
    }
    return environment;
}

}  // namespace fixtures

// Failure messages show a DogDetails' values.
template <>
struct doctest::StringMaker<dogschool::DogDetails> {
    static doctest::String convert(const dogschool::DogDetails& details)
    {
        std::string text = "{name: \"" + details.name + "\", tricks: [";
        for (std::size_t i = 0; i < details.tricks.size(); ++i) {
            text += (i ? ", \"" : "\"") + details.tricks[i] + "\"";
        }
        return (text + "]}").c_str();
    }
};
