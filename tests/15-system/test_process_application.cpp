// Step 3: what a process application does, whatever its policy: it reads an upstream's log after
// the last notification it tracked, gives each event to the policy, and stores what the policy
// saved with the notification's tracking record. Here with a policy of the test's own (enrol every
// registered dog, nothing else), so that no certificate rule is needed.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "certificates/certificates.hpp"
#include "dogschool/dog_mapper.hpp"
#include "dogschool/dog_school.hpp"
#include "fixtures.hpp"

namespace {

using Base = es::ProcessApplication<certificates::CertificatesMapper, certificates::TrickCounter,
                                    certificates::Certificate>;

// A follower of the school that enrols each registered dog, and counts the events it was given.
class Enroller : public Base {
public:
    explicit Enroller(const es::Environment& environment) : Base(environment, "Enroller")
    {
        policy_for<dogschool::DogMapper, dogschool::DogEvent>(
            "DogSchool", [this](const dogschool::DogEvent& event, Processing& processing) {
                ++seen;
                if (const auto* registered = std::get_if<dogschool::Registered>(&event)) {
                    certificates::TrickCounter counter{registered->originator_id, registered->name};
                    processing.save(counter);
                }
            });
    }
    std::int64_t seen = 0;
};

}  // namespace

TEST_CASE("a process application processes each upstream notification once, after the last it tracked")
{
    const fixtures::TempDir dir;
    dogschool::DogSchool school{fixtures::sqlite_file(dir, "school.db")};
    const es::Uuid fido = school.register_dog("Fido");
    school.add_trick(fido, "sit");
    const es::Uuid rex = school.register_dog("Rex");
    {
        Enroller enroller{fixtures::sqlite_file(dir, "enroller.db")};
        enroller.follow("DogSchool", school.notification_log());
        CHECK(enroller.pull_and_process("DogSchool", 2) == 2);
        CHECK(enroller.seen == 2);
        CHECK(enroller.recorder().max_tracking_id("DogSchool") == 2);
    }
    const es::Uuid lassie = school.register_dog("Lassie");
    Enroller enroller{fixtures::sqlite_file(dir, "enroller.db")};  // started again: from notification 3
    enroller.follow("DogSchool", school.notification_log());
    CHECK(enroller.pull_and_process("DogSchool", 1000) == 2);
    CHECK(enroller.seen == 2);
    CHECK(enroller.pull_and_process("DogSchool", 1000) == 0);
    CHECK(enroller.recorder().max_tracking_id("DogSchool") == 4);
    for (const es::Uuid& dog : {fido, rex, lassie})
        CHECK(enroller.repository().get<certificates::TrickCounter>(dog).version() == 1);
    CHECK(enroller.notification_log().max_id() == 3);  // three counters, one event each: no repeat
}

TEST_CASE("a process application stores the tracking record of a notification that changed nothing")
{
    dogschool::DogSchool school{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    const es::Uuid fido = school.register_dog("Fido");
    school.add_trick(fido, "sit");
    school.add_trick(fido, "paw");
    Enroller enroller{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    enroller.follow("DogSchool", school.notification_log());
    CHECK(enroller.pull_and_process("DogSchool", 1000) == 3);
    CHECK(enroller.recorder().max_tracking_id("DogSchool") == 3);
    CHECK(enroller.notification_log().max_id() == 1);
    CHECK(enroller.pull_and_process("DogSchool", 1000) == 0);
}

TEST_CASE("a process application reads each upstream from its own tracked position")
{
    // Two upstreams, both dog schools, followed by one application: the positions are apart.
    dogschool::DogSchool north{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    dogschool::DogSchool south{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    class TwoSchools : public Base {
    public:
        explicit TwoSchools(const es::Environment& environment) : Base(environment, "TwoSchools")
        {
            for (const char* upstream : {"North", "South"}) {
                policy_for<dogschool::DogMapper, dogschool::DogEvent>(
                    upstream, [](const dogschool::DogEvent& event, Processing& processing) {
                        if (const auto* registered = std::get_if<dogschool::Registered>(&event)) {
                            certificates::TrickCounter counter{registered->originator_id, registered->name};
                            processing.save(counter);
                        }
                    });
            }
        }
    } follower{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    follower.follow("North", north.notification_log());
    follower.follow("South", south.notification_log());
    for (const char* name : {"Fido", "Rex", "Lassie"}) north.register_dog(name);
    const es::Uuid bella = south.register_dog("Bella");
    CHECK(follower.pull_and_process("North", 1000) == 3);
    CHECK(follower.pull_and_process("South", 1000) == 1);
    CHECK(follower.recorder().max_tracking_id("North") == 3);
    CHECK(follower.recorder().max_tracking_id("South") == 1);
    south.register_dog("Max");
    CHECK(follower.pull_and_process("South", 1000) == 1);
    CHECK(follower.pull_and_process("North", 1000) == 0);
    CHECK(follower.repository().get<certificates::TrickCounter>(bella).dog_name() == "Bella");
    CHECK_THROWS_AS(follower.pull_and_process("West", 1000), es::UnknownUpstream);
}
