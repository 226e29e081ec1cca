// What the mapper writes, and what it reads back: a state that a store written by another program,
// an older one or a careless hand may hold is checked field by field, and refused with an error
// that names the topic, the stream and the position.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "fixtures.hpp"

using dogschool::DogSchool;

namespace {

// A dog school in memory that knows Fido, registered the usual way; store() adds a stored event
// by hand, with the recorder, as if another program had written it.
struct School {
    DogSchool app{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    es::Uuid fido = app.register_dog("Fido");

    void store(const es::Uuid& dog, std::int64_t position, const std::string& topic, const std::string& state)
    {
        const_cast<es::Recorder&>(app.recorder()).insert_events({{dog, position, topic, state}});
    }
};

const std::string trick_added_topic = "dogschool.Dog.TrickAdded";
const std::string registered_topic = "dogschool.Dog.Registered";

// A state as to_stored writes it, and the same with spaces, as another program might write it.
std::vector<std::string> both_layouts(const std::string& compact)
{
    std::string spaced;
    for (const char c : compact) {
        spaced += c;
        if (c == ':' || c == ',') spaced += ' ';
    }
    return {compact, spaced};
}

// With the stored event (a Registered as the first event of a new dog, anything else after Fido's),
// getting the dog is an es::MappingError whose message names the topic, the stream, the position
// and each of `what` (a field, the known topics...). In both layouts of the state.
void check_refused(const std::string& topic, const std::string& state, const std::vector<std::string>& what)
{
    for (const std::string& layout : both_layouts(state)) {
        CAPTURE(layout);
        School school;
        const bool first = topic == registered_topic;
        const es::Uuid dog = first ? es::Uuid::random() : school.fido;
        const std::int64_t position = first ? 0 : 1;
        school.store(dog, position, topic, layout);
        try {
            (void)school.app.repository().get(dog);
            FAIL("the dog was read, bad stored event and all");
        } catch (const es::MappingError& e) {
            const std::string message = e.what();
            CAPTURE(message);
            CHECK(message.find(topic) != std::string::npos);
            CHECK(message.find(dog.to_string()) != std::string::npos);
            CHECK(message.find("position " + std::to_string(position)) != std::string::npos);
            for (const std::string& word : what) CHECK(message.find(word) != std::string::npos);
        }
    }
}

}  // namespace

TEST_CASE("a stored timestamp must be a whole number of microseconds that fits 64 bits")
{
    std::string timestamp;
    SUBCASE("not a fraction")
    {
        timestamp = "1.5";
    }
    SUBCASE("not a number too large for any integer")
    {
        timestamp = "1e300";
    }
    SUBCASE("not 2^64 - 1, which fits 64 bits only unsigned")
    {
        timestamp = "18446744073709551615";
    }
    SUBCASE("not one past the largest")
    {
        timestamp = "9223372036854775808";
    }
    SUBCASE("not one below the smallest")
    {
        timestamp = "-9223372036854775809";
    }
    SUBCASE("not a string of digits")
    {
        timestamp = "\"1700000000000000\"";
    }
    SUBCASE("not null")
    {
        timestamp = "null";
    }
    check_refused(trick_added_topic, "{\"timestamp\":" + timestamp + ",\"trick\":\"sit\"}",
                  {"\"timestamp\"", "integer"});
}

TEST_CASE("the largest and the smallest timestamps are read exactly")
{
    School school;
    const std::int64_t largest = INT64_MAX;
    const std::int64_t smallest = INT64_MIN;
    school.store(school.fido, 1, trick_added_topic, "{\"timestamp\":9223372036854775807,\"trick\":\"sit\"}");
    school.store(school.fido, 2, trick_added_topic,
                 "{\"timestamp\": -9223372036854775808, \"trick\": \"stay\"}");

    CHECK(school.app.get_dog(school.fido).tricks == std::vector<std::string>{"sit", "stay"});
    const auto stored = school.app.recorder().select_events(school.fido, {.gt = 0});
    REQUIRE(stored.size() == 2);
    CHECK(es::header_of(dogschool::DogMapper::from_stored(stored[0])).timestamp.time_since_epoch().count() ==
          largest);
    CHECK(es::header_of(dogschool::DogMapper::from_stored(stored[1])).timestamp.time_since_epoch().count() ==
          smallest);
}

TEST_CASE("a stored field of the wrong type is a clear error naming the field")
{
    std::string trick;
    SUBCASE("a number")
    {
        trick = "42";
    }
    SUBCASE("a fraction")
    {
        trick = "1.5";
    }
    SUBCASE("true")
    {
        trick = "true";
    }
    SUBCASE("null")
    {
        trick = "null";
    }
    SUBCASE("an array")
    {
        trick = "[\"sit\"]";
    }
    SUBCASE("an object")
    {
        trick = "{\"name\":\"sit\"}";
    }
    check_refused(trick_added_topic, "{\"timestamp\":1,\"trick\":" + trick + "}", {"\"trick\"", "string"});
}

TEST_CASE("a dog's first event with a name of the wrong type is a clear error naming the field")
{
    check_refused(registered_topic, "{\"name\":7,\"timestamp\":1}", {"\"name\"", "string"});
}

TEST_CASE("a stored event missing a field is a clear error naming the field")
{
    std::string topic = trick_added_topic;
    std::string state;
    std::string field;
    SUBCASE("the trick")
    {
        state = "{\"timestamp\":1}";
        field = "\"trick\"";
    }
    SUBCASE("the timestamp")
    {
        state = "{\"trick\":\"sit\"}";
        field = "\"timestamp\"";
    }
    SUBCASE("the name of a first event")
    {
        topic = registered_topic;
        state = "{\"timestamp\":1}";
        field = "\"name\"";
    }
    SUBCASE("every field")
    {
        state = "{}";
        field = "\"timestamp\"";
    }
    check_refused(topic, state, {field, "missing"});
}

TEST_CASE("a stored state that is not a JSON object is a clear error")
{
    std::string state;
    SUBCASE("an array")
    {
        state = "[1,\"sit\"]";
    }
    SUBCASE("a string")
    {
        state = "\"sit\"";
    }
    SUBCASE("a number")
    {
        state = "42";
    }
    SUBCASE("null")
    {
        state = "null";
    }
    check_refused(trick_added_topic, state, {"object"});
}

TEST_CASE("an unknown topic is a clear error that lists the topics the program knows")
{
    check_refused("dogschool.Dog.Vanished", "{\"timestamp\":1}",
                  {"unknown topic", registered_topic, trick_added_topic});
}

TEST_CASE("a stored state keeps its form: the event's fields and the timestamp in microseconds, in key order")
{
    School school;
    dogschool::Dog rex{"Rex"};
    rex.add_trick("sit");
    const auto events = rex.pending_events();
    school.app.save(rex);

    const auto micros = [&](std::size_t i) {
        return std::to_string(es::header_of(events.at(i)).timestamp.time_since_epoch().count());
    };
    const auto stored = school.app.recorder().select_events(rex.id(), {});
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].state == "{\"name\":\"Rex\",\"timestamp\":" + micros(0) + "}");
    CHECK(stored[1].state == "{\"timestamp\":" + micros(1) + ",\"trick\":\"sit\"}");
}

TEST_CASE("a store written before the mapper was the library's still loads")
{
    School school;
    const es::Uuid rex = es::Uuid::random();
    school.store(rex, 0, registered_topic, "{\"name\":\"Rex\",\"timestamp\":1700000000000000}");
    school.store(rex, 1, trick_added_topic, "{\"timestamp\":1700000000000001,\"trick\":\"sit\"}");

    const dogschool::Dog dog = school.app.repository().get(rex);
    CHECK(dog.name() == "Rex");
    CHECK(dog.tricks() == std::vector<std::string>{"sit"});
    CHECK(dog.version() == 2);
}

TEST_CASE("each stored event is read as it is, whatever the event before it held")
{
    School school;
    school.store(school.fido, 1, trick_added_topic, "{\"timestamp\":1,\"trick\":\"sit\"}");
    school.store(school.fido, 2, trick_added_topic, "{\"extra\":true,\"timestamp\":2,\"trick\":\"stay\"}");
    school.store(school.fido, 3, trick_added_topic,
                 "{\"timestamp\":3,\"trick\":\"a trick with a longer name than most\"}");
    school.store(school.fido, 4, trick_added_topic, "{\"timestamp\":4,\"trick\":\"sit up\"}");
    CHECK(school.app.get_dog(school.fido).tricks ==
          std::vector<std::string>{"sit", "stay", "a trick with a longer name than most", "sit up"});

    SUBCASE("a field missing from one is not taken from the one before")
    {
        school.store(school.fido, 5, trick_added_topic, "{\"timestamp\":5}");
        CHECK_THROWS_AS((void)school.app.get_dog(school.fido), es::MappingError);
    }
    SUBCASE("a field of the wrong type in one is not read as the one before's")
    {
        school.store(school.fido, 5, trick_added_topic, "{\"timestamp\":5,\"trick\":6}");
        CHECK_THROWS_AS((void)school.app.get_dog(school.fido), es::MappingError);
    }
}
