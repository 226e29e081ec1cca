#pragma once
// A fresh directory for one test's database files, removed with everything in it afterwards.
#include <filesystem>
#include <string>
#include <system_error>

#include "es/uuid.hpp"

class TempDir {
public:
    TempDir()
        : path_(std::filesystem::temp_directory_path() / ("es-kit-test-" + es::Uuid::random().to_string()))
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
