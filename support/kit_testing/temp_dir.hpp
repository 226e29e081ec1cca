#pragma once
// For the stages' tests: a fresh directory for one test's files (real SQLite files, not only
// :memory:), removed with everything in it at the end of the scope.
#include <filesystem>
#include <string>
#include <system_error>

#include "es/uuid.hpp"

namespace kit_testing {

class TempDir {
public:
    TempDir() : path_(std::filesystem::temp_directory_path() / ("kit-test-" + es::Uuid::random().to_string()))
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

}  // namespace kit_testing
