#pragma once
// What the stage-12 tests share: temporary directories, process environment variables set for one
// test, the persistence modules every behaviour runs against (PostgreSQL among them), a small school
// to project, and readable failure messages.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
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

// A new, empty database on the test server (see postgres_server.hpp), as an application's settings.
inline es::Environment postgres_database()
{
    const es::postgres::Settings server = test_postgres::fresh_database();
    return es::Environment{{"PERSISTENCE_MODULE", "postgres"}, {"POSTGRES_DBNAME", server.dbname},
                           {"POSTGRES_HOST", server.host},     {"POSTGRES_PORT", server.port},
                           {"POSTGRES_USER", server.user},     {"POSTGRES_PASSWORD", server.password}};
}

// The settings of the database an application environment from postgres_database() names.
inline es::postgres::Settings server_of(const es::Environment& environment)
{
    return {environment.get("POSTGRES_DBNAME"), environment.get("POSTGRES_HOST"),
            environment.get("POSTGRES_PORT"), environment.get("POSTGRES_USER"),
            environment.get("POSTGRES_PASSWORD")};
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

// The same, for what needs another process to see the same events: no in-memory module.
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

// A trick taught again, as the school allowed before its rule "a dog learns each trick once". The
// school's commands can no longer record it, but old logs hold such events and every reader must
// still take them: it goes straight into the school's recorder, as an old store would hold it.
inline void teach_again_under_old_rules(dogschool::DogSchool& school, const es::Uuid& dog, std::string trick)
{
    const dogschool::DogEvent again =
        dogschool::TrickAdded{{dog, school.repository().get(dog).version(), es::now()}, std::move(trick)};
    const_cast<es::Recorder&>(school.recorder()).insert_events({dogschool::DogMapper::to_stored(again)});
}

// Three dogs and what they were taught, in this order:
//   Fido: sit, roll over   Rex: sit, play dead, sit (again)   Lassie: nothing yet
// 3 registrations and 5 tricks: 8 notifications.
struct School {
    explicit School(dogschool::DogSchool& school)
        : fido(school.register_dog("Fido")),
          rex(school.register_dog("Rex")),
          lassie(school.register_dog("Lassie"))
    {
        school.add_trick(fido, "sit");
        school.add_trick(rex, "sit");
        school.add_trick(rex, "play dead");
        school.add_trick(fido, "roll over");
        teach_again_under_old_rules(school, rex, "sit");
    }
    es::Uuid fido;
    es::Uuid rex;
    es::Uuid lassie;
    static constexpr std::int64_t notifications = 8;
};

// How many dogs know each trick in School.
inline std::map<std::string, std::int64_t> school_counts()
{
    return {{"play dead", 1}, {"roll over", 1}, {"sit", 2}};
}

// Everything a TricksView answers, to compare two views.
struct ViewContent {
    std::map<std::string, std::int64_t> dogs_per_trick;
    std::map<std::string, std::int64_t> tricks_per_day;
    std::map<std::string, std::vector<es::Uuid>> dogs_knowing;
    std::int64_t position = 0;

    bool operator==(const ViewContent&) const = default;
};

inline ViewContent content_of(const dogschool::TricksView& view)
{
    ViewContent content{view.dogs_per_trick(), view.tricks_per_day(), {}, view.position()};
    for (const auto& [trick, count] : content.dogs_per_trick)
        content.dogs_knowing[trick] = view.dogs_knowing(trick);
    return content;
}

}  // namespace fixtures

// Failure messages show the values (support/doctest_printers.hpp does vectors, optionals and UUIDs).
template <>
struct doctest::StringMaker<std::map<std::string, std::int64_t>> {
    static doctest::String convert(const std::map<std::string, std::int64_t>& counts)
    {
        std::string text = "{";
        for (const auto& [key, value] : counts) {
            text += (text.size() > 1 ? ", \"" : "\"") + key + "\": " + std::to_string(value);
        }
        return (text + "}").c_str();
    }
};

template <>
struct doctest::StringMaker<fixtures::ViewContent> {
    static doctest::String convert(const fixtures::ViewContent& content)
    {
        const auto counts = [](const std::map<std::string, std::int64_t>& map) {
            return std::string(StringMaker<std::map<std::string, std::int64_t>>::convert(map).c_str());
        };
        return ("{position: " + std::to_string(content.position) + ", dogs_per_trick: " +
                counts(content.dogs_per_trick) + ", tricks_per_day: " + counts(content.tricks_per_day) + "}")
            .c_str();
    }
};

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
