#pragma once
// What the stage-15 tests share: temporary directories, the persistence modules, a database per
// application on the test PostgreSQL server, the scripted scenario the system runs, and the final
// state of every application, to compare two runs of it.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "certificates/certificates.hpp"
#include "dogschool/dog_school.hpp"
#include "es/system.hpp"
#include "kit_testing/postgres_server.hpp"
#include "kit_testing/scoped_env.hpp"
#include "kit_testing/temp_dir.hpp"

namespace fixtures {

using kit_testing::ScopedEnv;
using kit_testing::TempDir;

inline es::Environment sqlite_file(const TempDir& dir, const std::string& name = "events.db")
{
    return es::Environment{{"PERSISTENCE_MODULE", "sqlite"}, {"SQLITE_DBNAME", dir.file(name)}};
}

// A new, empty database on the test server (see postgres_server.hpp), as an application's settings.
inline es::Environment postgres_database()
{
    const es::postgres::Settings server = test_postgres::fresh_database();
    return es::Environment{{"PERSISTENCE_MODULE", "postgres"}, {"POSTGRES_DBNAME", server.dbname},
                           {"POSTGRES_HOST", server.host},     {"POSTGRES_PORT", server.port},
                           {"POSTGRES_USER", server.user},     {"POSTGRES_PASSWORD", server.password}};
}

// The settings of the database an environment from postgres_database() names.
inline es::postgres::Settings server_of(const es::Environment& environment)
{
    return {environment.get("POSTGRES_DBNAME"), environment.get("POSTGRES_HOST"),
            environment.get("POSTGRES_PORT"), environment.get("POSTGRES_USER"),
            environment.get("POSTGRES_PASSWORD")};
}

// Every recorder must behave the same: one SUBCASE per module.
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

// The system of the tests and the demo: the certificates office follows the school.
inline es::System dog_school_system()
{
    return es::System{{{"DogSchool", "Certificates"}}};
}

// An environment for the whole system on PostgreSQL: a database of its own for each application
// (DOGSCHOOL_POSTGRES_DBNAME, CERTIFICATES_POSTGRES_DBNAME), the server's settings shared.
inline es::Environment postgres_system()
{
    es::Environment environment = postgres_database();
    const es::Environment certificates = postgres_database();
    environment.set("DOGSCHOOL_POSTGRES_DBNAME", environment.get("POSTGRES_DBNAME"));
    environment.set("CERTIFICATES_POSTGRES_DBNAME", certificates.get("POSTGRES_DBNAME"));
    environment.unset("POSTGRES_DBNAME");  // so that an application without its own would fail
    return environment;
}

// A trick taught again, as the school allowed before its rule "a dog learns each trick once": it
// goes straight into the school's recorder, as an old store would hold it.
inline void teach_again_under_old_rules(dogschool::DogSchool& school, const es::Uuid& dog, std::string trick)
{
    const dogschool::DogEvent again =
        dogschool::TrickAdded{{dog, school.repository().get(dog).version(), es::now()}, std::move(trick)};
    const_cast<es::Recorder&>(school.recorder()).insert_events({dogschool::DogMapper::to_stored(again)});
}

// The scripted scenario: five dogs, in this order.
//   Fido: sit, roll over, play dead           -> a certificate for those three
//   Rex: sit, sit (again, old rules), paw      -> two different tricks: none
//   Lassie: fetch, sit, beg, roll over         -> a certificate for the first three, one only
//   Bella: nothing                             -> none
//   Max: paw, beg, sit                         -> a certificate
// 5 registrations and 13 tricks: 18 notifications of the school.
inline std::vector<es::Uuid> run_script(dogschool::DogSchool& school)
{
    const std::vector<std::pair<std::string, std::vector<std::string>>> dogs{
        {"Fido", {"sit", "roll over", "play dead"}},
        {"Rex", {"sit", "paw"}},
        {"Lassie", {"fetch", "sit", "beg", "roll over"}},
        {"Bella", {}},
        {"Max", {"paw", "beg", "sit"}},
    };
    std::vector<es::Uuid> ids;
    for (const auto& [name, tricks] : dogs) {
        ids.push_back(school.register_dog(name));
        for (const std::string& trick : tricks) {
            school.add_trick(ids.back(), trick);
            if (name == "Rex" && trick == "sit") teach_again_under_old_rules(school, ids.back(), "sit");
        }
    }
    return ids;
}
inline constexpr std::int64_t script_notifications = 18;

// The certificates the scenario ends with, dog by dog.
inline std::vector<std::optional<certificates::CertificateDetails>> script_certificates()
{
    return {certificates::CertificateDetails{"Fido", {"sit", "roll over", "play dead"}}, std::nullopt,
            certificates::CertificateDetails{"Lassie", {"fetch", "sit", "beg"}}, std::nullopt,
            certificates::CertificateDetails{"Max", {"paw", "beg", "sit"}}};
}

// What every application of the system shows at the end: the dogs, their certificates, and how
// much each application stored and tracked.
struct FinalState {
    std::vector<dogschool::DogDetails> dogs;
    std::vector<std::optional<certificates::CertificateDetails>> certificates;
    std::int64_t school_notifications = 0;
    std::int64_t certificates_notifications = 0;
    std::int64_t tracked = 0;

    bool operator==(const FinalState&) const = default;
};

inline FinalState final_state(const dogschool::DogSchool& school, const certificates::Certificates& office,
                              const std::vector<es::Uuid>& dogs)
{
    FinalState state;
    for (const es::Uuid& dog : dogs) {
        state.dogs.push_back(school.get_dog(dog));
        state.certificates.push_back(office.certificate_of(dog));
    }
    state.school_notifications = school.notification_log().max_id();
    state.certificates_notifications = office.notification_log().max_id();
    state.tracked = office.recorder().max_tracking_id("DogSchool");
    return state;
}

// The topics of every notification of an application's log, in order.
inline std::vector<std::string> topics_of(const es::NotificationLog& log)
{
    std::vector<std::string> topics;
    for (std::int64_t start = 1;; start += es::NotificationLog::max_limit) {
        const auto page = log.select(start, es::NotificationLog::max_limit);
        for (const es::Notification& n : page) topics.push_back(n.event.topic);
        if (static_cast<std::int64_t>(page.size()) < es::NotificationLog::max_limit) return topics;
    }
}

inline std::int64_t count_of(const std::vector<std::string>& topics, std::string_view topic)
{
    std::int64_t count = 0;
    for (const std::string& t : topics) count += t == topic ? 1 : 0;
    return count;
}

}  // namespace fixtures

template <>
struct doctest::StringMaker<dogschool::DogDetails> {
    static doctest::String convert(const dogschool::DogDetails& details)
    {
        std::string text = "{name: \"" + details.name + "\", tricks: [";
        for (std::size_t i = 0; i < details.tricks.size(); ++i)
            text += (i ? ", \"" : "\"") + details.tricks[i] + "\"";
        return (text + "]}").c_str();
    }
};

template <>
struct doctest::StringMaker<certificates::CertificateDetails> {
    static doctest::String convert(const certificates::CertificateDetails& details)
    {
        std::string text = "{certificate of \"" + details.dog_name + "\" for [";
        for (std::size_t i = 0; i < details.tricks.size(); ++i)
            text += (i ? ", \"" : "\"") + details.tricks[i] + "\"";
        return (text + "]}").c_str();
    }
};

template <>
struct doctest::StringMaker<fixtures::FinalState> {
    static doctest::String convert(const fixtures::FinalState& state)
    {
        std::string text =
            "{school: " + std::to_string(state.school_notifications) +
            " notifications, certificates: " + std::to_string(state.certificates_notifications) +
            " notifications, tracked up to " + std::to_string(state.tracked) + ", certificates: [";
        for (const auto& certificate : state.certificates) {
            text += certificate ? StringMaker<certificates::CertificateDetails>::convert(*certificate).c_str()
                                : std::string("none");
            text += " ";
        }
        return (text + "]}").c_str();
    }
};
