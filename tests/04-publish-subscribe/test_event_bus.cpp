#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "event_bus.hpp"
#include "events.hpp"

using namespace dogschool;

namespace {

DogEvent trick_added(std::int64_t version, std::string trick)
{
    return TrickAdded{.originator_id = es::Uuid::random(),
                      .originator_version = version,
                      .timestamp = now(),
                      .trick = std::move(trick)};
}

struct Bark : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace

// In every test the state a subscriber captures is declared before the bus, and the bus before
// its subscriptions: each outlives what refers to it.

TEST_CASE("a subscriber receives a published event")
{
    std::vector<DogEvent> seen;
    EventBus bus;
    const Subscription subscription = bus.subscribe([&](const DogEvent& e) { seen.push_back(e); });

    const DogEvent event = trick_added(1, "sit");
    bus.publish(event);

    REQUIRE(seen.size() == 1);
    CHECK(seen[0] == event);
}

TEST_CASE("a subscriber receives every event in the order it was published")
{
    std::vector<std::int64_t> versions;
    EventBus bus;
    const Subscription subscription =
        bus.subscribe([&](const DogEvent& e) { versions.push_back(originator_version_of(e)); });

    for (std::int64_t version = 1; version <= 5; ++version) bus.publish(trick_added(version, "sit"));

    CHECK(versions == std::vector<std::int64_t>{1, 2, 3, 4, 5});
}

TEST_CASE("subscribers are called in the order they subscribed")
{
    std::vector<std::string> calls;
    EventBus bus;
    const Subscription first = bus.subscribe([&](const DogEvent&) { calls.push_back("first"); });
    const Subscription second = bus.subscribe([&](const DogEvent&) { calls.push_back("second"); });

    bus.publish(trick_added(1, "sit"));

    CHECK(calls == std::vector<std::string>{"first", "second"});
}

TEST_CASE("publishing with no subscribers does nothing")
{
    EventBus bus;
    CHECK_NOTHROW(bus.publish(trick_added(1, "sit")));
    CHECK(bus.subscriber_count() == 0);
}

TEST_CASE("an unsubscribed subscriber hears nothing more")
{
    int heard = 0;
    EventBus bus;
    Subscription subscription = bus.subscribe([&](const DogEvent&) { ++heard; });
    bus.publish(trick_added(1, "sit"));

    subscription.unsubscribe();
    bus.publish(trick_added(2, "fetch"));

    CHECK(heard == 1);
    CHECK_FALSE(subscription.is_active());
    CHECK(bus.subscriber_count() == 0);

    SUBCASE("and unsubscribing again is harmless")
    {
        CHECK_NOTHROW(subscription.unsubscribe());
    }
}

TEST_CASE("unsubscribing one subscriber leaves the others subscribed")
{
    int first_heard = 0;
    int second_heard = 0;
    EventBus bus;
    Subscription first = bus.subscribe([&](const DogEvent&) { ++first_heard; });
    const Subscription second = bus.subscribe([&](const DogEvent&) { ++second_heard; });

    first.unsubscribe();
    bus.publish(trick_added(1, "sit"));

    CHECK(first_heard == 0);
    CHECK(second_heard == 1);
}

TEST_CASE("a subscription that goes out of scope unsubscribes itself")
{
    int heard = 0;
    EventBus bus;
    {
        const Subscription subscription = bus.subscribe([&](const DogEvent&) { ++heard; });
        bus.publish(trick_added(1, "sit"));
        CHECK(bus.subscriber_count() == 1);
    }
    bus.publish(trick_added(2, "fetch"));

    CHECK(heard == 1);
    CHECK(bus.subscriber_count() == 0);
}

TEST_CASE("a subscription can be moved to a new owner")
{
    int heard = 0;
    EventBus bus;
    Subscription original = bus.subscribe([&](const DogEvent&) { ++heard; });

    SUBCASE("by construction: the new owner keeps it, the old one holds nothing")
    {
        const Subscription owner{std::move(original)};
        bus.publish(trick_added(1, "sit"));
        CHECK(heard == 1);
        CHECK(owner.is_active());
        CHECK_FALSE(original.is_active());  // NOLINT(bugprone-use-after-move): checking the moved-from state
    }
    SUBCASE("by assignment: the subscription the owner held before ends")
    {
        int other_heard = 0;
        Subscription owner = bus.subscribe([&](const DogEvent&) { ++other_heard; });
        owner = std::move(original);
        bus.publish(trick_added(1, "sit"));
        CHECK(heard == 1);
        CHECK(other_heard == 0);
        CHECK(bus.subscriber_count() == 1);
    }
}

TEST_CASE("a subscriber that throws does not stop the others, and its error reaches the publisher")
{
    int heard_after = 0;
    EventBus bus;
    const Subscription barking = bus.subscribe([](const DogEvent&) { throw Bark("woof"); });
    const Subscription quiet = bus.subscribe([&](const DogEvent&) { ++heard_after; });

    CHECK_THROWS_AS(bus.publish(trick_added(1, "sit")), Bark);
    CHECK(heard_after == 1);

    SUBCASE("when several throw, the first error is the one rethrown")
    {
        const Subscription grumbling = bus.subscribe([](const DogEvent&) { throw std::logic_error("grr"); });
        CHECK_THROWS_WITH_AS(bus.publish(trick_added(2, "fetch")), "woof", Bark);
        CHECK(heard_after == 2);
    }
}

TEST_CASE("each bus has its own subscribers")
{
    int heard = 0;
    EventBus mine;
    EventBus other;
    const Subscription subscription = mine.subscribe([&](const DogEvent&) { ++heard; });

    other.publish(trick_added(1, "sit"));

    CHECK(heard == 0);
    CHECK(other.subscriber_count() == 0);
}
