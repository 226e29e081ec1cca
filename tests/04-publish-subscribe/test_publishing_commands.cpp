#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "dog.hpp"
#include "event_bus.hpp"
#include "mutator.hpp"

using namespace dogschool;

TEST_CASE("registering a dog publishes its Registered event")
{
    std::vector<DogEvent> published;
    EventBus bus;
    const Subscription recorder = bus.subscribe([&](const DogEvent& e) { published.push_back(e); });

    const Dog fido = Dog::register_dog("Fido", bus);

    REQUIRE(published.size() == 1);
    const auto* registered = std::get_if<Registered>(&published[0]);
    REQUIRE(registered != nullptr);
    CHECK(registered->originator_id == fido.id());
    CHECK(registered->originator_version == 0);
    CHECK(registered->name == "Fido");
}

TEST_CASE("every command publishes the event it applied, in order")
{
    std::vector<DogEvent> published;
    EventBus bus;
    const Subscription recorder = bus.subscribe([&](const DogEvent& e) { published.push_back(e); });

    Dog fido = Dog::register_dog("Fido", bus);
    fido.add_trick("sit", bus);
    fido.rename("Rex", bus);
    fido.discard(bus);

    REQUIRE(published.size() == 4);
    for (std::size_t i = 0; i < published.size(); ++i) {
        CAPTURE(i);
        CHECK(originator_id_of(published[i]) == fido.id());
        CHECK(originator_version_of(published[i]) == static_cast<std::int64_t>(i));
    }
    CHECK(std::get<TrickAdded>(published[1]).trick == "sit");
    CHECK(std::get<Renamed>(published[2]).new_name == "Rex");
    CHECK(std::holds_alternative<Discarded>(published[3]));
}

TEST_CASE("replaying the published events rebuilds an equal dog")
{
    std::vector<DogEvent> published;
    EventBus bus;
    const Subscription recorder = bus.subscribe([&](const DogEvent& e) { published.push_back(e); });

    Dog fido = Dog::register_dog("Fido", bus);
    fido.add_trick("roll over", bus);
    fido.rename("Fido the Great", bus);
    fido.add_trick("play dead", bus);

    const std::optional<Dog> rebuilt = replay(published);
    REQUIRE(rebuilt.has_value());
    CHECK(*rebuilt == fido);
}

TEST_CASE("a command a rule refuses publishes nothing")
{
    std::vector<DogEvent> published;
    EventBus bus;
    const Subscription recorder = bus.subscribe([&](const DogEvent& e) { published.push_back(e); });
    Dog fido = Dog::register_dog("Fido", bus);
    fido.add_trick("sit", bus);
    published.clear();

    SUBCASE("a trick the dog knows")
    {
        CHECK_THROWS_AS(fido.add_trick("sit", bus), TrickAlreadyKnown);
    }
    SUBCASE("an empty name")
    {
        CHECK_THROWS_AS(fido.rename("", bus), EmptyName);
        CHECK_THROWS_AS(Dog::register_dog("", bus), EmptyName);
    }
    SUBCASE("a discarded dog")
    {
        fido.discard(bus);
        published.clear();
        CHECK_THROWS_AS(fido.add_trick("fetch", bus), DogDiscarded);
    }
    CHECK(published.empty());
}

TEST_CASE("renaming a dog to the name it has publishes nothing")
{
    std::vector<DogEvent> published;
    EventBus bus;
    Dog fido = Dog::register_dog("Fido", bus);
    const Subscription recorder = bus.subscribe([&](const DogEvent& e) { published.push_back(e); });

    fido.rename("Fido", bus);

    CHECK(published.empty());
    CHECK(fido.version() == 1);
}

TEST_CASE("a subscriber that throws leaves the dog changed, consistent and usable")
{
    std::vector<DogEvent> published;
    EventBus bus;
    Dog fido = Dog::register_dog("Fido", bus);  // before anyone listens
    Subscription failing = bus.subscribe([](const DogEvent&) { throw std::runtime_error("disk full"); });
    const Subscription recorder = bus.subscribe([&](const DogEvent& e) { published.push_back(e); });

    CHECK_THROWS_AS(fido.add_trick("sit", bus), std::runtime_error);

    // The event happened: the dog has it, and the other subscriber heard of it.
    CHECK(fido.tricks() == std::vector<std::string>{"sit"});
    CHECK(fido.version() == 2);
    REQUIRE(published.size() == 1);
    CHECK(originator_version_of(published[0]) == 1);

    // The next command carries on from there.
    failing.unsubscribe();
    fido.add_trick("fetch", bus);
    CHECK(fido.version() == 3);
    CHECK(originator_version_of(published.back()) == 2);
}
