// Steps 3 and 4: the certificates office's policy alone, fed the school's events by hand (no
// school, no log, no system), and what a process application stores for one notification.
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "certificates/certificates.hpp"
#include "dogschool/dog.hpp"
#include "fixtures.hpp"

using certificates::CertificateDetails;
using certificates::Certificates;

namespace {

// Feeds a dog's events to the policy as notifications 1, 2, 3... of the school would be, each
// processed and recorded on its own: what pull_and_process does with each notification.
struct Feeder {
    Certificates& office;
    std::int64_t next = 1;

    void feed(dogschool::Dog& dog)
    {
        for (const dogschool::DogEvent& event : dog.collect_events()) {
            Certificates::Processing processing{{"DogSchool", next++}};
            office.policy(event, processing);
            office.record(processing);
        }
    }
};

}  // namespace

TEST_CASE("a dog that knows three tricks is awarded its certificate")
{
    Certificates office{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    Feeder feeder{office};
    dogschool::Dog fido{"Fido"};
    fido.add_trick("sit");
    fido.add_trick("roll over");
    feeder.feed(fido);
    CHECK(office.certificate_of(fido.id()) == std::nullopt);
    fido.add_trick("play dead");
    feeder.feed(fido);
    CHECK(office.certificate_of(fido.id()) == CertificateDetails{"Fido", {"sit", "roll over", "play dead"}});
    CHECK(office.recorder().max_tracking_id("DogSchool") == 4);
}

TEST_CASE("a dog is awarded one certificate however many tricks it learns")
{
    Certificates office{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    Feeder feeder{office};
    dogschool::Dog lassie{"Lassie"};
    for (const char* trick : {"fetch", "sit", "beg", "roll over", "paw"}) lassie.add_trick(trick);
    feeder.feed(lassie);
    CHECK(office.certificate_of(lassie.id()) == CertificateDetails{"Lassie", {"fetch", "sit", "beg"}});
    const auto topics = fixtures::topics_of(office.notification_log());
    CHECK(fixtures::count_of(topics, certificates::Awarded::topic) == 1);
    CHECK(fixtures::count_of(topics, certificates::Certified::topic) == 1);
}

TEST_CASE("a trick taught twice under old rules counts once")
{
    Certificates office{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    Feeder feeder{office};
    dogschool::Dog rex{"Rex"};
    rex.add_trick("sit");
    feeder.feed(rex);
    // The school's commands no longer record a trick twice; old logs hold such events.
    const dogschool::DogEvent again = dogschool::TrickAdded{{rex.id(), rex.version(), es::now()}, "sit"};
    Certificates::Processing processing{{"DogSchool", feeder.next++}};
    office.policy(again, processing);
    office.record(processing);
    rex.add_trick("paw");
    feeder.feed(rex);
    CHECK(office.certificate_of(rex.id()) == std::nullopt);
    CHECK(office.repository().get<certificates::TrickCounter>(rex.id()).tricks() ==
          std::vector<std::string>{"sit", "paw"});
}

TEST_CASE("each dog's certificate is its own")
{
    Certificates office{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    Feeder feeder{office};
    dogschool::Dog fido{"Fido"};
    dogschool::Dog max{"Max"};
    feeder.feed(fido);
    feeder.feed(max);
    for (const char* trick : {"sit", "paw", "beg"}) {
        max.add_trick(trick);
        feeder.feed(max);
        if (std::string(trick) != "beg") {
            fido.add_trick(trick);
            feeder.feed(fido);
        }
    }
    CHECK(office.certificate_of(fido.id()) == std::nullopt);
    CHECK(office.certificate_of(max.id()) == CertificateDetails{"Max", {"sit", "paw", "beg"}});
    CHECK(office.certificate_of(es::Uuid::random()) == std::nullopt);
}

TEST_CASE("a notification processed again is refused, and nothing the policy saved for it is stored")
{
    const fixtures::TempDir dir;
    Certificates office{fixtures::sqlite_file(dir, "certificates.db")};
    dogschool::Dog fido{"Fido"};
    const std::vector<dogschool::DogEvent> events = fido.collect_events();
    Certificates::Processing first{{"DogSchool", 1}};
    office.policy(events.front(), first);
    office.record(first);
    // The same notification once more, as a second process of the office would: its counter, made
    // again, must not be stored, nor anything else.
    dogschool::Dog rex{"Rex"};
    const dogschool::DogEvent rex_registered = rex.collect_events().front();
    Certificates::Processing again{{"DogSchool", 1}};
    office.policy(rex_registered, again);
    CHECK_THROWS_AS(office.record(again), es::AlreadyProcessed);
    CHECK_THROWS_AS(office.repository().get<certificates::TrickCounter>(rex.id()), es::AggregateNotFound);
    CHECK(office.notification_log().max_id() == 1);
}
