#pragma once
// What the stage-14 tests share: temporary directories, stored states written by hand (as an older
// or a newer program would have written them), the old store stage 10 wrote, and readable messages.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "dogschool/dog.hpp"
#include "dogschool/dog_mapper.hpp"
#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
#include "es/recorder.hpp"
#include "kit_testing/temp_dir.hpp"

namespace fixtures {

using kit_testing::TempDir;

inline const es::Uuid fido_id = es::Uuid::parse("8f1c2d3e-0000-4000-8000-000000000001");
constexpr std::int64_t moment = 1700000000123456;  // 2023-11-14T22:13:20.123456Z, in microseconds

inline es::Environment sqlite_file(const std::string& path)
{
    return es::Environment{{"PERSISTENCE_MODULE", "sqlite"}, {"SQLITE_DBNAME", path}};
}

// A stored event of Fido's, as some program wrote it: its topic and its state, given whole.
inline es::StoredEvent stored(std::int64_t position, std::string topic, std::string state)
{
    return {fido_id, position, std::move(topic), std::move(state)};
}

// Fido's Registered as the program that wrote `state` stored it, read by this stage's mapper.
inline dogschool::Registered read_registered(const std::string& state)
{
    const dogschool::DogEvent event =
        dogschool::DogMapper::from_stored(stored(0, "dogschool.Dog.Registered", state));
    REQUIRE(std::holds_alternative<dogschool::Registered>(event));
    return std::get<dogschool::Registered>(event);
}

// The message of the es::MappingError that reading `event` throws ("" if it throws none).
inline std::string mapping_error(const es::StoredEvent& event)
{
    try {
        (void)dogschool::DogMapper::from_stored(event);
    } catch (const es::MappingError& error) {
        return error.what();
    }
    return "";
}

// The store stage 10's solution wrote (data/write_stage10_store.cpp writes it again), copied into
// `dir`: the committed file is never opened, let alone changed. Returns the copy's path.
inline std::string copy_of_old_store(const TempDir& dir)
{
    const std::filesystem::path committed =
        std::filesystem::path(__FILE__).parent_path() / "data" / "stage10-dogs.sqlite";
    REQUIRE_MESSAGE(std::filesystem::exists(committed), "the old store is missing: " << committed.string());
    const std::string copy = dir.file("stage10-dogs.sqlite");
    std::filesystem::copy_file(committed, copy);
    return copy;
}

// Every stored event, in the order of the notification log (read page by page).
inline std::vector<es::Notification> whole_log(const dogschool::DogSchool& school)
{
    std::vector<es::Notification> all;
    for (;;) {
        const auto page = school.notification_log().select(static_cast<std::int64_t>(all.size()) + 1,
                                                           es::NotificationLog::max_limit);
        if (page.empty()) return all;
        all.insert(all.end(), page.begin(), page.end());
    }
}

// The dogs of a school in the order they were registered: the streams of the Registered events.
inline std::vector<es::Uuid> registered_dogs(const dogschool::DogSchool& school)
{
    std::vector<es::Uuid> dogs;
    for (const es::Notification& notification : whole_log(school)) {
        if (notification.event.originator_version == 0) dogs.push_back(notification.event.originator_id);
    }
    return dogs;
}

}  // namespace fixtures
