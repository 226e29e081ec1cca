#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dogschool/dog.hpp"

using dogschool::Dog;
using dogschool::DogEvent;
using dogschool::EmptyName;
using dogschool::Registered;
using dogschool::TrickAdded;
using dogschool::TrickAlreadyKnown;

namespace {

// What folding the events through mutate() from nothing makes of them.
std::optional<Dog> fold(const std::vector<DogEvent>& events)
{
    std::optional<Dog> dog;
    for (const DogEvent& event : events) dog = mutate(std::move(dog), event);
    return dog;
}

}  // namespace

TEST_CASE("a new dog has its name, no tricks, an id and version 1")
{
    const Dog fido{"Fido"};
    CHECK(fido.name() == "Fido");
    CHECK(fido.tricks().empty());
    CHECK_FALSE(fido.id().is_nil());
    CHECK(fido.version() == 1);
}

TEST_CASE("every new dog gets an id of its own")
{
    const Dog fido{"Fido"};
    const Dog rex{"Rex"};
    CHECK(fido.id() != rex.id());
}

TEST_CASE("a new dog has recorded one Registered event, pending")
{
    const es::Timestamp before = es::now();
    const Dog fido{"Fido"};
    const es::Timestamp after = es::now();

    REQUIRE(fido.pending_events().size() == 1);
    const auto* registered = std::get_if<Registered>(&fido.pending_events()[0]);
    REQUIRE(registered != nullptr);
    CHECK(registered->originator_id == fido.id());
    CHECK(registered->originator_version == 0);
    CHECK(registered->name == "Fido");
    CHECK(registered->timestamp >= before);
    CHECK(registered->timestamp <= after);
}

TEST_CASE("a dog learns tricks in order, one version per trick")
{
    Dog fido{"Fido"};
    fido.add_trick("roll over");
    fido.add_trick("fetch ball");
    CHECK(fido.tricks() == std::vector<std::string>{"roll over", "fetch ball"});
    CHECK(fido.version() == 3);
}

TEST_CASE("each trick is recorded as a TrickAdded event at the dog's next version")
{
    Dog fido{"Fido"};
    fido.add_trick("roll over");
    REQUIRE(fido.pending_events().size() == 2);
    const auto* added = std::get_if<TrickAdded>(&fido.pending_events()[1]);
    REQUIRE(added != nullptr);
    CHECK(added->originator_id == fido.id());
    CHECK(added->originator_version == 1);
    CHECK(added->trick == "roll over");
}

TEST_CASE("collecting the events hands them over and empties the pending list")
{
    Dog fido{"Fido"};
    fido.add_trick("roll over");
    const std::vector<DogEvent> pending = fido.pending_events();

    const std::vector<DogEvent> collected = fido.collect_events();
    CHECK(collected == pending);
    CHECK(fido.pending_events().empty());

    SUBCASE("and the next command starts a new list")
    {
        fido.add_trick("fetch ball");
        CHECK(fido.pending_events().size() == 1);
        CHECK(fido.collect_events().size() == 1);
    }
}

TEST_CASE("folding the collected events through mutate from nothing gives an equal dog")
{
    Dog fido{"Fido"};
    fido.add_trick("roll over");
    fido.add_trick("fetch ball");

    const std::optional<Dog> copy = fold(fido.collect_events());
    REQUIRE(copy.has_value());
    CHECK(*copy == fido);
    CHECK(copy->id() == fido.id());
    CHECK(copy->version() == 3);
    CHECK(copy->tricks() == fido.tricks());
}

TEST_CASE("a dog folded from fewer events is the dog as it was then")
{
    Dog fido{"Fido"};
    fido.add_trick("roll over");
    const Dog then = fido;
    fido.add_trick("fetch ball");

    std::vector<DogEvent> events = fido.collect_events();
    events.pop_back();
    CHECK(fold(events) == then);
    CHECK_FALSE(fold(events) == fido);
}

TEST_CASE("the mutator makes a dog from a Registered event, with the event's id")
{
    const es::Uuid id = es::Uuid::random();
    const std::optional<Dog> dog = mutate(std::nullopt, DogEvent{Registered{{id, 0, es::now()}, "Rex"}});
    REQUIRE(dog.has_value());
    CHECK(dog->id() == id);
    CHECK(dog->name() == "Rex");
    CHECK(dog->version() == 1);
    CHECK(dog->pending_events().empty());
}

TEST_CASE("the mutator leaves the caller's dog as it was")
{
    Dog fido{"Fido"};
    const Dog before = fido;
    const std::optional<Dog> after = mutate(fido, DogEvent{TrickAdded{{fido.id(), 1, es::now()}, "sit"}});
    CHECK(fido == before);
    CHECK(after->tricks() == std::vector<std::string>{"sit"});
}

TEST_CASE("an event about another dog is rejected")
{
    const Dog fido{"Fido"};
    const DogEvent elsewhere = TrickAdded{{es::Uuid::random(), 1, es::now()}, "sit"};
    CHECK_THROWS_AS(mutate(fido, elsewhere), es::WrongAggregate);
}

TEST_CASE("an event that does not come next is rejected")
{
    const Dog fido{"Fido"};  // version 1: its next event is version 1
    SUBCASE("one skipped")
    {
        CHECK_THROWS_AS(mutate(fido, DogEvent{TrickAdded{{fido.id(), 2, es::now()}, "sit"}}),
                        es::EventOutOfOrder);
    }
    SUBCASE("one repeated")
    {
        CHECK_THROWS_AS(mutate(fido, DogEvent{TrickAdded{{fido.id(), 0, es::now()}, "sit"}}),
                        es::EventOutOfOrder);
    }
}

TEST_CASE("a dog is registered only once")
{
    const Dog fido{"Fido"};
    const DogEvent again = Registered{{fido.id(), 0, es::now()}, "Fido"};
    CHECK_THROWS_AS(mutate(fido, again), es::EventOutOfOrder);
}

TEST_CASE("a dog's first event must be version 0")
{
    const DogEvent late = Registered{{es::Uuid::random(), 3, es::now()}, "Rex"};
    CHECK_THROWS_AS(mutate(std::nullopt, late), es::EventOutOfOrder);
}

TEST_CASE("a trick for a dog that was never registered is rejected")
{
    const DogEvent orphan = TrickAdded{{es::Uuid::random(), 0, es::now()}, "sit"};
    CHECK_THROWS_AS(mutate(std::nullopt, orphan), es::AggregateNotFound);
}

// The school's rules: commands check them before they record anything; the mutator never does.

TEST_CASE("a dog cannot be registered with an empty name")
{
    CHECK_THROWS_AS(Dog{""}, EmptyName);
}

TEST_CASE("a dog does not learn the same trick twice, and a refused command records nothing")
{
    Dog fido{"Fido"};
    fido.add_trick("sit");
    (void)fido.collect_events();

    CHECK_THROWS_WITH_AS(fido.add_trick("sit"), doctest::Contains("already knows the trick 'sit'"),
                         TrickAlreadyKnown);
    CHECK(fido.version() == 2);
    CHECK(fido.tricks() == std::vector<std::string>{"sit"});
    CHECK(fido.collect_events().empty());
}

TEST_CASE("the mutator checks no rule: a trick recorded twice under older rules still folds")
{
    const es::Uuid id = es::Uuid::random();
    const std::optional<Dog> fido = fold({
        Registered{{id, 0, es::now()}, "Fido"},
        TrickAdded{{id, 1, es::now()}, "sit"},
        TrickAdded{{id, 2, es::now()}, "sit"},
    });

    REQUIRE(fido.has_value());
    CHECK(fido->tricks() == std::vector<std::string>{"sit", "sit"});
}
