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

TEST_CASE("a dog cannot be registered with an empty name")
{
    CHECK_THROWS_AS(Dog::register_dog(""), EmptyName);
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
    CHECK_THROWS_AS(fido.add_trick("fetch"), DogDiscarded);

    SUBCASE("and keeps what it knew")
    {
        CHECK(fido.tricks() == std::vector<std::string>{"sit"});
    }
    SUBCASE("nor be renamed")
    {
        CHECK_THROWS_AS(fido.rename("Rex"), DogDiscarded);
    }
    SUBCASE("nor be discarded twice")
    {
        CHECK_THROWS_AS(fido.discard(), DogDiscarded);
    }
}

TEST_CASE("a dog does not learn the same trick twice")
{
    Dog fido = Dog::register_dog("Fido");
    fido.add_trick("sit");
    const Dog before = fido;

    CHECK_THROWS_WITH_AS(fido.add_trick("sit"), doctest::Contains("already knows the trick 'sit'"),
                         TrickAlreadyKnown);
    CHECK(fido == before);  // refused before any event: the dog is as it was
}

TEST_CASE("a dog cannot be renamed to an empty name")
{
    Dog fido = Dog::register_dog("Fido");

    CHECK_THROWS_AS(fido.rename(""), EmptyName);
    CHECK(fido.name() == "Fido");
    CHECK(fido.version() == 1);
}

TEST_CASE("renaming a dog to the name it has records nothing and is no error")
{
    Dog fido = Dog::register_dog("Fido");

    CHECK_NOTHROW(fido.rename("Fido"));
    CHECK(fido.version() == 1);
}

TEST_CASE("every rule a command enforces is an es::Error")
{
    Dog fido = Dog::register_dog("Fido");
    fido.add_trick("sit");

    CHECK_THROWS_AS(fido.add_trick("sit"), es::Error);
    CHECK_THROWS_AS(fido.rename(""), es::Error);
    fido.discard();
    CHECK_THROWS_AS(fido.discard(), es::Error);
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

TEST_CASE("replay does not check the rules: an event recorded under older rules still loads")
{
    // Written when the school still let a dog learn a trick twice. The rule changed; history did not.
    const es::Uuid id = es::Uuid::random();
    const std::vector<DogEvent> history{
        Registered{.originator_id = id, .originator_version = 0, .timestamp = now(), .name = "Fido"},
        TrickAdded{.originator_id = id, .originator_version = 1, .timestamp = now(), .trick = "sit"},
        TrickAdded{.originator_id = id, .originator_version = 2, .timestamp = now(), .trick = "sit"},
    };
    const std::optional<Dog> fido = replay(history);

    REQUIRE(fido.has_value());
    CHECK(fido->tricks() == std::vector<std::string>{"sit", "sit"});
    CHECK(fido->version() == 3);
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
