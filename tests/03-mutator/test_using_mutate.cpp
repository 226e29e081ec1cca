#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dog.hpp"
#include "mutator.hpp"

using namespace dogschool;

// Step 5: the factory.

TEST_CASE("a registered dog has a fresh id, its name, no tricks, and version 1")
{
    const Dog fido = Dog::register_dog("Fido");
    const Dog twin = Dog::register_dog("Fido");

    CHECK(fido.name() == "Fido");
    CHECK(fido.tricks().empty());
    CHECK(fido.version() == 1);
    CHECK_FALSE(fido.id().is_nil());
    CHECK(fido.id() != twin.id());
}

// Step 6: the commands.

TEST_CASE("a dog learns tricks in the order it is taught them, one version each")
{
    Dog fido = Dog::register_dog("Fido");
    fido.add_trick("roll over");
    fido.add_trick("play dead");

    CHECK(fido.tricks() == std::vector<std::string>{"roll over", "play dead"});
    CHECK(fido.version() == 3);
}

TEST_CASE("a dog can be renamed")
{
    Dog fido = Dog::register_dog("Fido");
    fido.rename("Fido the Great");

    CHECK(fido.name() == "Fido the Great");
    CHECK(fido.version() == 2);
}

TEST_CASE("a discarded dog cannot learn tricks")
{
    Dog fido = Dog::register_dog("Fido");
    fido.add_trick("sit");
    fido.discard();

    CHECK(fido.is_discarded());
    CHECK_THROWS_AS(fido.add_trick("fetch"), NoSuchDog);

    SUBCASE("and keeps what it knew")
    {
        CHECK(fido.tricks() == std::vector<std::string>{"sit"});
    }
    SUBCASE("nor be renamed")
    {
        CHECK_THROWS_AS(fido.rename("Rex"), NoSuchDog);
    }
    SUBCASE("nor be discarded twice")
    {
        CHECK_THROWS_AS(fido.discard(), NoSuchDog);
    }
}

// Step 7: replay.

TEST_CASE("replaying nothing gives no dog")
{
    CHECK_FALSE(replay({}).has_value());
}

TEST_CASE("replaying a dog's events from nothing rebuilds an equal dog")
{
    Dog fido = Dog::register_dog("Fido");
    const es::Uuid id = fido.id();
    fido.add_trick("roll over");
    fido.rename("Fido the Great");

    // The events those commands applied, written out by hand (stage 04 lets the dog tell us).
    const std::vector<DogEvent> history{
        Registered{.originator_id = id, .originator_version = 0, .timestamp = now(), .name = "Fido"},
        TrickAdded{.originator_id = id, .originator_version = 1, .timestamp = now(), .trick = "roll over"},
        Renamed{
            .originator_id = id, .originator_version = 2, .timestamp = now(), .new_name = "Fido the Great"},
    };
    const std::optional<Dog> rebuilt = replay(history);

    REQUIRE(rebuilt.has_value());
    CHECK(*rebuilt == fido);
}

TEST_CASE("replaying a discarded dog's events gives no dog")
{
    const es::Uuid id = es::Uuid::random();
    const std::vector<DogEvent> history{
        Registered{.originator_id = id, .originator_version = 0, .timestamp = now(), .name = "Fido"},
        Discarded{.originator_id = id, .originator_version = 1, .timestamp = now()},
    };
    CHECK_FALSE(replay(history).has_value());
}

TEST_CASE("replaying events in the wrong order is refused")
{
    const es::Uuid id = es::Uuid::random();
    const std::vector<DogEvent> history{
        Registered{.originator_id = id, .originator_version = 0, .timestamp = now(), .name = "Fido"},
        TrickAdded{.originator_id = id, .originator_version = 2, .timestamp = now(), .trick = "fetch"},
        TrickAdded{.originator_id = id, .originator_version = 1, .timestamp = now(), .trick = "sit"},
    };
    CHECK_THROWS_AS(replay(history), EventOutOfOrder);
}
