#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dog.hpp"
#include "event_bus.hpp"
#include "event_store.hpp"
#include "kit_testing/temp_dir.hpp"
#include "repository.hpp"

using kit_testing::TempDir;

// Failure messages show a dog's name, tricks and version, not doctest's "{?}".
template <>
struct doctest::StringMaker<dogschool::Dog> {
    static doctest::String convert(const dogschool::Dog& dog)
    {
        std::string text = "{name: \"" + dog.name() + "\", tricks: [";
        for (std::size_t i = 0; i < dog.tricks().size(); ++i)
            text += (i ? ", \"" : "\"") + dog.tricks()[i] + "\"";
        return (text + "], version: " + std::to_string(dog.version()) + "}").c_str();
    }
};

using namespace dogschool;

namespace {

// A bus whose every event is stored at once, as a persistence policy will do in stage 08.
struct StoredWorld {
    explicit StoredWorld(const std::string& path = ":memory:") : store(path) {}

    EventStore store;
    EventBus bus;
    Subscription saver = bus.subscribe([this](const DogEvent& e) { store.append({e}); });
};

}  // namespace

TEST_CASE("a stored dog is in the repository, and a dog never stored is not")
{
    StoredWorld world;
    const Dog fido = Dog::register_dog("Fido", world.bus);
    const DogRepository dogs{world.store};

    CHECK(dogs.contains(fido.id()));
    CHECK_FALSE(dogs.contains(es::Uuid::random()));
}

TEST_CASE("the repository gives back the dog as it was saved")
{
    StoredWorld world;
    Dog fido = Dog::register_dog("Fido", world.bus);
    fido.add_trick("sit", world.bus);
    fido.rename("Rex", world.bus);
    const DogRepository dogs{world.store};

    const Dog found = dogs.get(fido.id());

    CHECK(found == fido);
    CHECK(found.version() == 3);
    SUBCASE("and dogs[id] is the same as dogs.get(id)")
    {
        CHECK(dogs[fido.id()] == fido);
    }
}

TEST_CASE("getting a dog that was never stored is an AggregateNotFound naming its id")
{
    StoredWorld world;
    const DogRepository dogs{world.store};
    const es::Uuid nobody = es::Uuid::random();

    CHECK_THROWS_WITH_AS(dogs.get(nobody), doctest::Contains(nobody.to_string().c_str()),
                         es::AggregateNotFound);
    CHECK_THROWS_AS(dogs[nobody], es::AggregateNotFound);
}

TEST_CASE("a discarded dog is gone from the repository")
{
    StoredWorld world;
    Dog fido = Dog::register_dog("Fido", world.bus);
    fido.add_trick("sit", world.bus);
    fido.discard(world.bus);
    const DogRepository dogs{world.store};

    CHECK_FALSE(dogs.contains(fido.id()));
    CHECK_THROWS_AS(dogs.get(fido.id()), es::AggregateNotFound);
    CHECK_THROWS_AS(dogs[fido.id()], es::AggregateNotFound);
}

TEST_CASE("get(id, version) gives the dog as it was at that version")
{
    StoredWorld world;
    std::vector<Dog> as_it_was;  // as_it_was[n - 1] is the dog at version n
    Dog fido = Dog::register_dog("Fido", world.bus);
    as_it_was.push_back(fido);
    fido.add_trick("sit", world.bus);
    as_it_was.push_back(fido);
    fido.rename("Rex", world.bus);
    as_it_was.push_back(fido);
    fido.add_trick("fetch", world.bus);
    as_it_was.push_back(fido);
    const DogRepository dogs{world.store};

    for (std::int64_t version = 1; version <= 4; ++version) {
        CAPTURE(version);
        CHECK(dogs.get(fido.id(), version) == as_it_was[static_cast<std::size_t>(version - 1)]);
    }
}

TEST_CASE("a discarded dog can still be seen as it was before it left")
{
    StoredWorld world;
    Dog fido = Dog::register_dog("Fido", world.bus);
    fido.add_trick("sit", world.bus);
    const Dog before = fido;
    fido.discard(world.bus);
    const DogRepository dogs{world.store};

    CHECK(dogs.get(fido.id(), 2) == before);
}

TEST_CASE("a version the dog never had is an AggregateNotFound")
{
    StoredWorld world;
    Dog fido = Dog::register_dog("Fido", world.bus);
    fido.add_trick("sit", world.bus);  // now at version 2
    const DogRepository dogs{world.store};

    SUBCASE("before it was registered")
    {
        CHECK_THROWS_AS(dogs.get(fido.id(), 0), es::AggregateNotFound);
    }
    SUBCASE("after its last event")
    {
        CHECK_THROWS_WITH_AS(dogs.get(fido.id(), 3), doctest::Contains("version 3"), es::AggregateNotFound);
    }
    SUBCASE("once it was discarded")
    {
        fido.discard(world.bus);
        CHECK_THROWS_AS(dogs.get(fido.id(), 3), es::AggregateNotFound);
    }
    SUBCASE("a dog never stored")
    {
        CHECK_THROWS_AS(dogs.get(es::Uuid::random(), 1), es::AggregateNotFound);
    }
}

TEST_CASE("a dog stored in a file is found again by a repository opened later")
{
    const TempDir dir;
    const std::string path = dir.file("dogs.db");
    Dog fido = [&] {
        StoredWorld world{path};
        Dog dog = Dog::register_dog("Fido", world.bus);
        dog.add_trick("sit", world.bus);
        return dog;
    }();

    EventStore reopened{path};
    const DogRepository dogs{reopened};
    CHECK(dogs.contains(fido.id()));
    CHECK(dogs.get(fido.id()) == fido);
}
