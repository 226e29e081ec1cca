#include <doctest/doctest.h>

#include <optional>
#include <vector>

#include "dog.hpp"
#include "event_bus.hpp"
#include "event_store.hpp"
#include "mutator.hpp"
#include "persistence_policy.hpp"

using namespace dogschool;

TEST_CASE("the persistence policy stores every event published on its bus")
{
    EventStore store{":memory:"};
    EventBus bus;
    const PersistencePolicy policy{store, bus};

    Dog fido = Dog::register_dog("Fido", bus);
    fido.add_trick("sit", bus);
    fido.rename("Rex", bus);

    CHECK(store.get_events(fido.id()).size() == 3);
    CHECK(replay(store.get_events(fido.id())) == fido);
}

TEST_CASE("a persistence policy stores nothing once it is closed or destroyed")
{
    EventStore store{":memory:"};
    EventBus bus;
    std::optional<Dog> fido;
    {
        PersistencePolicy policy{store, bus};
        fido = Dog::register_dog("Fido", bus);

        SUBCASE("closed")
        {
            policy.close();
        }
        SUBCASE("destroyed")
        {
        }
    }
    fido->add_trick("sit", bus);

    CHECK(store.get_events(fido->id()).size() == 1);
    CHECK(bus.subscriber_count() == 0);
}

TEST_CASE("a command on a stale copy of a dog is a ConcurrencyError and stores nothing")
{
    EventStore store{":memory:"};
    EventBus bus;
    const PersistencePolicy policy{store, bus};
    const Dog fido = Dog::register_dog("Fido", bus);
    Dog here = fido;
    Dog there = fido;  // two users working on the same version of Fido

    here.add_trick("sit", bus);
    CHECK_THROWS_AS(there.add_trick("beg", bus), es::ConcurrencyError);

    CHECK(replay(store.get_events(fido.id())) == here);
}

TEST_CASE("only the events the store accepted reach the readers of stored events")
{
    EventStore store{":memory:"};
    EventBus bus;
    PersistencePolicy policy{store, bus};
    std::vector<DogEvent> heard;
    const Subscription reader = policy.stored().subscribe([&](const DogEvent& e) { heard.push_back(e); });
    const Dog fido = Dog::register_dog("Fido", bus);
    Dog here = fido;
    Dog there = fido;  // two users working on the same version of Fido

    here.add_trick("sit", bus);
    CHECK_THROWS_AS(there.add_trick("beg", bus), es::ConcurrencyError);

    // Registered and "sit" were stored and passed on; the refused "beg" reached no reader.
    REQUIRE(heard.size() == 2);
    CHECK(std::get<TrickAdded>(heard[1]).trick == "sit");
}
