#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dog.hpp"
#include "mutator.hpp"

using namespace dogschool;

namespace {

// Hand-written events for one dog; each starts with the id and version it needs.
Registered registered(const es::Uuid& id, std::string name, std::int64_t version = 0)
{
    return {.originator_id = id, .originator_version = version, .timestamp = now(), .name = std::move(name)};
}

TrickAdded trick_added(const es::Uuid& id, std::int64_t version, std::string trick)
{
    return {
        .originator_id = id, .originator_version = version, .timestamp = now(), .trick = std::move(trick)};
}

Renamed renamed(const es::Uuid& id, std::int64_t version, std::string new_name)
{
    return {.originator_id = id,
            .originator_version = version,
            .timestamp = now(),
            .new_name = std::move(new_name)};
}

Discarded discarded(const es::Uuid& id, std::int64_t version)
{
    return {.originator_id = id, .originator_version = version, .timestamp = now()};
}

}  // namespace

// Step 1: an event must fit the dog.

TEST_CASE("a change to no dog is refused: there is no such dog")
{
    const es::Uuid id = es::Uuid::random();
    SUBCASE("TrickAdded")
    {
        CHECK_THROWS_AS(mutate(std::nullopt, trick_added(id, 0, "sit")), NoSuchDog);
    }
    SUBCASE("Renamed")
    {
        CHECK_THROWS_AS(mutate(std::nullopt, renamed(id, 0, "Rex")), NoSuchDog);
    }
    SUBCASE("Discarded")
    {
        CHECK_THROWS_AS(mutate(std::nullopt, discarded(id, 0)), NoSuchDog);
    }
}

TEST_CASE("a dog's first event is at version 0")
{
    CHECK_THROWS_AS(mutate(std::nullopt, registered(es::Uuid::random(), "Fido", 3)), EventOutOfOrder);
}

// Step 2: Registered makes a dog.

TEST_CASE("a Registered event makes a dog at version 1")
{
    const es::Uuid id = es::Uuid::random();
    const std::optional<Dog> fido = mutate(std::nullopt, registered(id, "Fido"));

    REQUIRE(fido.has_value());
    CHECK(fido->id() == id);
    CHECK(fido->name() == "Fido");
    CHECK(fido->tricks().empty());
    CHECK(fido->version() == 1);
    CHECK_FALSE(fido->is_discarded());
}

TEST_CASE("a dog cannot be registered twice")
{
    const es::Uuid id = es::Uuid::random();
    const std::optional<Dog> fido = mutate(std::nullopt, registered(id, "Fido"));
    CHECK_THROWS_AS(mutate(fido, registered(id, "Fido")), EventOutOfOrder);
}

TEST_CASE("an event about another dog is refused")
{
    const std::optional<Dog> fido = mutate(std::nullopt, registered(es::Uuid::random(), "Fido"));
    const es::Uuid rex = es::Uuid::random();
    CHECK_THROWS_AS(mutate(fido, trick_added(rex, 1, "sit")), WrongDog);
}

TEST_CASE("an event must come exactly next in the dog's history")
{
    const es::Uuid id = es::Uuid::random();
    const std::optional<Dog> fido = mutate(std::nullopt, registered(id, "Fido"));  // version 1
    SUBCASE("not again")
    {
        CHECK_THROWS_AS(mutate(fido, trick_added(id, 0, "sit")), EventOutOfOrder);
    }
    SUBCASE("not later")
    {
        CHECK_THROWS_AS(mutate(fido, trick_added(id, 2, "sit")), EventOutOfOrder);
    }
}

TEST_CASE("a refused event says what was wrong")
{
    const es::Uuid id = es::Uuid::random();
    const std::optional<Dog> fido = mutate(std::nullopt, registered(id, "Fido"));
    try {
        mutate(fido, trick_added(id, 5, "sit"));
        FAIL("the event at version 5 was accepted by a dog at version 1");
    } catch (const EventOutOfOrder& e) {
        const std::string message = e.what();
        CHECK(message.find("TrickAdded") != std::string::npos);
        CHECK(message.find(id.to_string()) != std::string::npos);
    }
}

// Steps 3 and 4: the other events change the dog, or end it.

TEST_CASE("a TrickAdded event teaches the dog a trick and advances its version")
{
    const es::Uuid id = es::Uuid::random();
    std::optional<Dog> fido = mutate(std::nullopt, registered(id, "Fido"));
    fido = mutate(fido, trick_added(id, 1, "sit"));
    fido = mutate(fido, trick_added(id, 2, "fetch"));

    REQUIRE(fido.has_value());
    CHECK(fido->tricks() == std::vector<std::string>{"sit", "fetch"});
    CHECK(fido->version() == 3);
}

TEST_CASE("a Renamed event gives the dog its new name and advances its version")
{
    const es::Uuid id = es::Uuid::random();
    std::optional<Dog> fido = mutate(std::nullopt, registered(id, "Fido"));
    fido = mutate(fido, renamed(id, 1, "Rex"));

    REQUIRE(fido.has_value());
    CHECK(fido->name() == "Rex");
    CHECK(fido->version() == 2);
}

TEST_CASE("a Discarded event leaves no dog, and nothing can happen to it afterwards")
{
    const es::Uuid id = es::Uuid::random();
    std::optional<Dog> fido = mutate(std::nullopt, registered(id, "Fido"));
    fido = mutate(fido, discarded(id, 1));

    CHECK_FALSE(fido.has_value());
    CHECK_THROWS_AS(mutate(fido, trick_added(id, 2, "sit")), NoSuchDog);
}

TEST_CASE("the mutator leaves the dog it was given as it was")
{
    const es::Uuid id = es::Uuid::random();
    const std::optional<Dog> before = mutate(std::nullopt, registered(id, "Fido"));
    const std::optional<Dog> after = mutate(before, trick_added(id, 1, "sit"));

    CHECK(before->tricks().empty());
    CHECK(before->version() == 1);
    CHECK(after->version() == 2);
}
