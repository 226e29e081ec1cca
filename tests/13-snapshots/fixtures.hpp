#pragma once
// What the stage-13 tests share: temporary directories, the persistence modules every behaviour
// runs against (PostgreSQL among them, on the server postgres_server.hpp starts), schools with and
// without snapshots, and readable failure messages.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "es/recorder.hpp"
#include "kit_testing/postgres_server.hpp"
#include "kit_testing/scoped_env.hpp"
#include "kit_testing/temp_dir.hpp"

namespace fixtures {

using kit_testing::ScopedEnv;
using kit_testing::TempDir;

inline es::Environment sqlite_file(const TempDir& dir)
{
    return es::Environment{{"PERSISTENCE_MODULE", "sqlite"}, {"SQLITE_DBNAME", dir.file("dogs.db")}};
}

// A new, empty database on the test server, as an application's settings.
inline es::Environment postgres_database()
{
    const es::postgres::Settings server = test_postgres::fresh_database();
    return es::Environment{{"PERSISTENCE_MODULE", "postgres"}, {"POSTGRES_DBNAME", server.dbname},
                           {"POSTGRES_HOST", server.host},     {"POSTGRES_PORT", server.port},
                           {"POSTGRES_USER", server.user},     {"POSTGRES_PASSWORD", server.password}};
}

// Every behaviour must be the same on every persistence module: one SUBCASE each, so a test case
// that calls this runs once per module, and a failure names the module.
inline es::Environment each_persistence(const TempDir& dir)
{
    es::Environment environment;
    SUBCASE("in memory (PERSISTENCE_MODULE=popo)")
    {
        environment = es::Environment{{"PERSISTENCE_MODULE", "popo"}};
    }
    SUBCASE("SQLite file (PERSISTENCE_MODULE=sqlite)")
    {
        environment = sqlite_file(dir);
    }
    SUBCASE("PostgreSQL (PERSISTENCE_MODULE=postgres)")
    {
        environment = postgres_database();
    }
    return environment;
}

// The same, for what must outlive the application that stored it: no in-memory module.
inline es::Environment each_shared_persistence(const TempDir& dir)
{
    es::Environment environment;
    SUBCASE("SQLite file (PERSISTENCE_MODULE=sqlite)")
    {
        environment = sqlite_file(dir);
    }
    SUBCASE("PostgreSQL (PERSISTENCE_MODULE=postgres)")
    {
        environment = postgres_database();
    }
    return environment;
}

// `environment` with a snapshot every `interval` events.
inline es::Environment with_snapshots(es::Environment environment, std::int64_t interval)
{
    environment.set("SNAPSHOTTING_INTERVAL", std::to_string(interval));
    return environment;
}

// The versions of the snapshots stored for `id`, oldest first.
inline std::vector<std::int64_t> snapshot_versions(const dogschool::DogSchool& school, const es::Uuid& id)
{
    std::vector<std::int64_t> versions;
    REQUIRE(school.snapshot_recorder() != nullptr);
    for (const es::StoredEvent& s : school.snapshot_recorder()->select_events(id, {}))
        versions.push_back(s.originator_version);
    return versions;
}

// A dog that has learned tricks 1..n: the school saves it in saves of `per_save` tricks.
inline es::Uuid dog_with_tricks(dogschool::DogSchool& school, int tricks, int per_save = 1)
{
    dogschool::Dog dog{"Fido"};
    school.save(dog);
    for (int t = 1; t <= tricks; ++t) {
        dog.add_trick("trick " + std::to_string(t));
        if (t % per_save == 0 || t == tricks) school.save(dog);
    }
    return dog.id();
}

// A recorder that counts the events selected through it, around another (to prove how many
// events a load replays).
class CountingRecorder : public es::Recorder {
public:
    explicit CountingRecorder(const es::Recorder& inner) : inner_(inner) {}

    void insert_events(const std::vector<es::StoredEvent>&) override { FAIL("a load stores nothing"); }
    std::vector<es::StoredEvent> select_events(const es::Uuid& id,
                                               const es::EventSelection& selection) const override
    {
        auto events = inner_.select_events(id, selection);
        selected += static_cast<std::int64_t>(events.size());
        return events;
    }
    std::vector<es::Notification> select_notifications(std::int64_t start, std::int64_t limit) const override
    {
        return inner_.select_notifications(start, limit);
    }
    std::int64_t max_notification_id() const override { return inner_.max_notification_id(); }

    mutable std::int64_t selected = 0;

private:
    const es::Recorder& inner_;
};

}  // namespace fixtures

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
