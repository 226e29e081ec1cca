// Two writers on one SQLite file: what a refused save leaves behind (nothing), and what the school
// does next (runs the command again on a fresh copy, which decides again).
#include <doctest/doctest.h>

#include "dogschool/dog_school.hpp"
#include "fixtures.hpp"

using dogschool::Dog;
using dogschool::DogDetails;
using dogschool::DogSchool;

TEST_CASE("a dog school refuses a trick the dog knows, and stores nothing")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const es::Uuid id = school.register_dog("Fido");
    school.add_trick(id, "sit");

    CHECK_THROWS_AS(school.add_trick(id, "sit"), dogschool::TrickAlreadyKnown);
    CHECK_THROWS_AS(school.register_dog(""), dogschool::EmptyName);
    CHECK(school.notification_log().select(1, 10).size() == 2);
}

TEST_CASE(
    "a refused save leaves nothing half-done: the log and the stored dog are as the other writer left them")
{
    const fixtures::TempDir dir;
    DogSchool front_desk{fixtures::sqlite_file(dir)};
    DogSchool trainer{fixtures::sqlite_file(dir)};
    const es::Uuid id = front_desk.register_dog("Fido");

    Dog fido = front_desk.repository().get(id);  // the front desk loads Fido...
    trainer.add_trick(id, "sit");                // ...and the trainer saves him first
    fido.add_trick("fetch");

    CHECK_THROWS_AS(front_desk.save(fido), es::ConcurrencyError);
    CHECK(front_desk.notification_log().select(1, 10).size() == 2);
    CHECK(trainer.notification_log().select(1, 10).size() == 2);
    CHECK(front_desk.get_dog(id) == DogDetails{"Fido", {"sit"}});
}

TEST_CASE("after a refused save, the command runs again on a fresh copy and decides again")
{
    const fixtures::TempDir dir;
    DogSchool front_desk{fixtures::sqlite_file(dir)};
    DogSchool trainer{fixtures::sqlite_file(dir)};
    const es::Uuid id = front_desk.register_dog("Fido");
    Dog fido = front_desk.repository().get(id);

    SUBCASE("the fresh copy takes the trick")
    {
        trainer.add_trick(id, "sit");
        fido.add_trick("fetch");
        CHECK_THROWS_AS(front_desk.save(fido), es::ConcurrencyError);

        front_desk.add_trick(id, "fetch");  // loads Fido as stored now, then saves
        CHECK(front_desk.get_dog(id) == DogDetails{"Fido", {"sit", "fetch"}});
    }
    SUBCASE("the fresh copy knows the trick already: a rule refuses it")
    {
        trainer.add_trick(id, "fetch");
        fido.add_trick("fetch");  // the stale copy did not know it
        CHECK_THROWS_AS(front_desk.save(fido), es::ConcurrencyError);

        CHECK_THROWS_AS(front_desk.add_trick(id, "fetch"), dogschool::TrickAlreadyKnown);
        CHECK(front_desk.get_dog(id) == DogDetails{"Fido", {"fetch"}});
    }
}
