#pragma once
// What the stage-10 tests share: temporary directories, process environment variables set for one
// test, and the persistence modules every behaviour runs against.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "dog_school.hpp"

namespace fixtures {

// A fresh directory under the system's temporary directory, removed with its content at the end.
class TempDir {
public:
    TempDir()
        : path_(std::filesystem::temp_directory_path() / ("kit-stage10-" + es::Uuid::random().to_string()))
    {
        std::filesystem::create_directories(path_);
    }
    ~TempDir()
    {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// Sets (or, given std::nullopt, removes) one process environment variable until the end of the scope.
class ScopedEnv {
public:
    ScopedEnv(std::string name, const std::optional<std::string>& value) : name_(std::move(name))
    {
        if (const char* old = std::getenv(name_.c_str())) old_ = old;
        set(value);
    }
    ~ScopedEnv() { set(old_); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    void set(const std::optional<std::string>& value)
    {
        if (value) {
            ::setenv(name_.c_str(), value->c_str(), 1);
        } else {
            ::unsetenv(name_.c_str());
        }
    }
    std::string name_;
    std::optional<std::string> old_;
};

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
