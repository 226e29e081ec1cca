#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "dog.hpp"
#include "es/sqlite.hpp"
#include "event_bus.hpp"
#include "event_store.hpp"
#include "kit_testing/temp_dir.hpp"
#include "mapper.hpp"
#include "mutator.hpp"

using kit_testing::TempDir;

// Failure messages show each event by its kind and version ("TrickAdded@2"), not as doctest's "{?}".
template <>
struct doctest::StringMaker<dogschool::DogEvent> {
    static doctest::String convert(const dogschool::DogEvent& event)
    {
        return (std::string(dogschool::event_name_of(event)) + "@" +
                std::to_string(dogschool::originator_version_of(event)))
            .c_str();
    }
};

using namespace dogschool;

namespace {

// The events of a dog that was registered, learned two tricks and was renamed.
struct History {
    std::vector<DogEvent> events;
    std::optional<Dog> dog;
};

History fido_history()
{
    History history;
    EventBus bus;
    const Subscription recorder = bus.subscribe([&](const DogEvent& e) { history.events.push_back(e); });
    Dog fido = Dog::register_dog("Fido", bus);
    fido.add_trick("sit", bus);
    fido.add_trick("fetch", bus);
    fido.rename("Rex", bus);
    history.dog = fido;
    return history;
}

// Writes a row into the table directly, behind the event store's back.
void write_row(const std::string& path, const std::string& sequence_id, std::int64_t position,
               const std::string& topic, const std::string& state)
{
    es::sqlite::Database db{path};
    es::sqlite::Statement insert = db.prepare(
        "INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES (?1, ?2, ?3, ?4)");
    insert.bind(1, sequence_id).bind(2, position).bind(3, topic).bind(4, state);
    (void)insert.step();
}

}  // namespace

TEST_CASE("the event store gives back a dog's events, and replaying them rebuilds the dog")
{
    const History history = fido_history();
    EventStore store{":memory:"};
    store.append(history.events);

    const std::vector<DogEvent> stored = store.get_events(history.dog->id());

    CHECK(stored == history.events);
    CHECK(replay(stored) == history.dog);
}

TEST_CASE("the event store reads a dog's events between two versions")
{
    const History history = fido_history();
    EventStore store{":memory:"};
    store.append(history.events);
    const es::Uuid id = history.dog->id();

    CHECK(store.get_events(id, {.lte = 1}) ==
          std::vector<DogEvent>{history.events.begin(), history.events.begin() + 2});
    CHECK(store.get_events(id, {.gt = 2}) ==
          std::vector<DogEvent>{history.events.begin() + 3, history.events.end()});
    CHECK(store.get_events(es::Uuid::random()).empty());
}

TEST_CASE("storing a second event at a version already stored is a ConcurrencyError")
{
    const History history = fido_history();
    EventStore store{":memory:"};
    store.append(history.events);

    // Someone else's version 1 of the same dog, with another trick.
    const DogEvent rival = TrickAdded{
        .originator_id = history.dog->id(), .originator_version = 1, .timestamp = now(), .trick = "beg"};
    CHECK_THROWS_AS(store.append({rival}), es::ConcurrencyError);
    CHECK(store.get_events(history.dog->id()) == history.events);
}

TEST_CASE("a save of several events where one conflicts stores none of them")
{
    const History history = fido_history();
    EventStore store{":memory:"};
    store.append({history.events[0], history.events[1]});

    // Versions 2 and 3 are new, but the rival's version 1 is taken: the whole save is refused, in
    // one transaction, the new events before the conflict included.
    const DogEvent rival = TrickAdded{
        .originator_id = history.dog->id(), .originator_version = 1, .timestamp = now(), .trick = "beg"};
    CHECK_THROWS_AS(store.append({history.events[2], rival, history.events[3]}), es::ConcurrencyError);
    CHECK(store.get_events(history.dog->id()) == std::vector<DogEvent>{history.events[0], history.events[1]});
}

TEST_CASE("names that could break JSON or SQL come back from a database file exactly")
{
    const TempDir dir;
    const std::string path = dir.file("hostile.db");
    std::string name;
    SUBCASE("quotes")
    {
        name = R"(Rex "the" 'Wonder' Dog \")";
    }
    SUBCASE("an SQL injection")
    {
        name = "Robert'); DROP TABLE sequenced_items; --";
    }
    SUBCASE("NUL bytes")
    {
        name = std::string("Fi\0do\0", 6);
    }
    SUBCASE("multi-byte UTF-8")
    {
        name = "Bärli 犬 \xF0\x9F\x90\x95";
    }
    SUBCASE("a one-megabyte name")
    {
        name = std::string(1'000'000, 'x');
    }

    EventBus bus;
    std::vector<DogEvent> events;
    const Subscription recorder = bus.subscribe([&](const DogEvent& e) { events.push_back(e); });
    Dog dog = Dog::register_dog(name, bus);
    dog.rename(name + name, bus);
    EventStore{path}.append(events);

    EventStore reopened{path};
    const std::optional<Dog> back = replay(reopened.get_events(dog.id()));
    REQUIRE(back.has_value());
    CHECK(back->name().size() == 2 * name.size());
    CHECK(back == dog);
}

TEST_CASE("corrupt state in the table is a MappingError naming the dog and the position")
{
    const TempDir dir;
    const std::string path = dir.file("corrupt.db");
    EventStore store{path};
    const History history = fido_history();
    const es::Uuid id = history.dog->id();
    store.append({history.events[0]});

    SUBCASE("state that is not JSON")
    {
        write_row(path, id.to_string(), 1, std::string(topics::trick_added), "{oops");
    }
    SUBCASE("an unknown topic")
    {
        write_row(path, id.to_string(), 1, "dogschool.Dog.Barked", R"({"timestamp":1})");
    }
    SUBCASE("a field of the wrong type")
    {
        write_row(path, id.to_string(), 1, std::string(topics::trick_added), R"({"timestamp":1,"trick":[]})");
    }

    CHECK_THROWS_WITH_AS(store.get_events(id), doctest::Contains(id.to_string().c_str()), es::MappingError);
    CHECK_THROWS_WITH_AS(store.get_events(id), doctest::Contains("position 1"), es::MappingError);
    // The good event before it can still be read.
    CHECK(store.get_events(id, {.lte = 0}) == std::vector<DogEvent>{history.events[0]});
}
