#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "events.hpp"
#include "mapper.hpp"
#include "sequenced_item.hpp"

using namespace dogschool;

namespace {

const es::Uuid fido_id = es::Uuid::parse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
const Timestamp noon{std::chrono::microseconds{1'700'000'000'123'456}};

// One event of every kind, in the order a dog's history could have them.
std::vector<DogEvent> every_kind_of_event()
{
    return {
        Registered{.originator_id = fido_id, .originator_version = 0, .timestamp = noon, .name = "Fido"},
        TrickAdded{.originator_id = fido_id, .originator_version = 1, .timestamp = noon, .trick = "sit"},
        Renamed{.originator_id = fido_id, .originator_version = 2, .timestamp = noon, .new_name = "Rex"},
        Discarded{.originator_id = fido_id, .originator_version = 3, .timestamp = noon},
    };
}

es::SequencedItem item_with(std::string topic, std::string state)
{
    return {fido_id.to_string(), 7, std::move(topic), std::move(state)};
}

}  // namespace

TEST_CASE("every kind of dog event has its own stable topic")
{
    const std::vector<DogEvent> events = every_kind_of_event();
    CHECK(topic_of(events[0]) == "dogschool.Dog.Registered");
    CHECK(topic_of(events[1]) == "dogschool.Dog.TrickAdded");
    CHECK(topic_of(events[2]) == "dogschool.Dog.Renamed");
    CHECK(topic_of(events[3]) == "dogschool.Dog.Discarded");
}

TEST_CASE("an event becomes an item: the dog's id, the event's version, its topic and its fields")
{
    const DogEvent event =
        TrickAdded{.originator_id = fido_id, .originator_version = 4, .timestamp = noon, .trick = "sit"};

    const es::SequencedItem item = to_sequenced_item(event);

    CHECK(item.sequence_id == "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    CHECK(item.position == 4);
    CHECK(item.topic == topics::trick_added);
    // The state is JSON text holding the trick and the timestamp (as microseconds since 1970).
    CHECK(item.state.front() == '{');
    CHECK(item.state.find("\"trick\":\"sit\"") != std::string::npos);
    CHECK(item.state.find("1700000000123456") != std::string::npos);
}

TEST_CASE("every kind of event comes back from its item exactly")
{
    for (const DogEvent& event : every_kind_of_event()) {
        const std::string kind{event_name_of(event)};
        CAPTURE(kind);
        CHECK(from_sequenced_item(to_sequenced_item(event)) == event);
    }
}

TEST_CASE("an item with an unknown topic is a MappingError naming the topic, sequence and position")
{
    const es::SequencedItem item = item_with("dogschool.Dog.Barked", R"({"timestamp":1})");
    CHECK_THROWS_WITH_AS(from_sequenced_item(item), doctest::Contains("dogschool.Dog.Barked"),
                         es::MappingError);
    CHECK_THROWS_WITH_AS(from_sequenced_item(item), doctest::Contains(fido_id.to_string().c_str()),
                         es::MappingError);
    CHECK_THROWS_WITH_AS(from_sequenced_item(item), doctest::Contains("position 7"), es::MappingError);
}

TEST_CASE("state that is not JSON is a MappingError naming the sequence and position")
{
    const char* const broken[] = {"", "not json", R"({"timestamp":1,"name":"Fido")", "{'name':'Fido'}"};
    for (const char* state : broken) {
        CAPTURE(state);
        const es::SequencedItem item = item_with(std::string(topics::registered), state);
        CHECK_THROWS_WITH_AS(from_sequenced_item(item), doctest::Contains(fido_id.to_string().c_str()),
                             es::MappingError);
        CHECK_THROWS_WITH_AS(from_sequenced_item(item), doctest::Contains("position 7"), es::MappingError);
    }
}

TEST_CASE("a missing field or a field of the wrong type is a MappingError naming the field")
{
    const std::string topic{topics::registered};
    SUBCASE("the name is missing")
    {
        CHECK_THROWS_WITH_AS(from_sequenced_item(item_with(topic, R"({"timestamp":1})")),
                             doctest::Contains("'name'"), es::MappingError);
    }
    SUBCASE("the name is a number")
    {
        CHECK_THROWS_WITH_AS(from_sequenced_item(item_with(topic, R"({"timestamp":1,"name":42})")),
                             doctest::Contains("'name'"), es::MappingError);
    }
    SUBCASE("the timestamp is missing")
    {
        CHECK_THROWS_WITH_AS(from_sequenced_item(item_with(topic, R"({"name":"Fido"})")),
                             doctest::Contains("'timestamp'"), es::MappingError);
    }
    SUBCASE("the timestamp is text")
    {
        CHECK_THROWS_WITH_AS(from_sequenced_item(item_with(topic, R"({"timestamp":"noon","name":"Fido"})")),
                             doctest::Contains("'timestamp'"), es::MappingError);
    }
    SUBCASE("the state is a JSON array, not an object")
    {
        CHECK_THROWS_AS(from_sequenced_item(item_with(topic, R"(["Fido"])")), es::MappingError);
    }
}

TEST_CASE("an item whose sequence id is not a UUID is a MappingError")
{
    es::SequencedItem item = to_sequenced_item(every_kind_of_event()[0]);
    item.sequence_id = "fido";
    CHECK_THROWS_WITH_AS(from_sequenced_item(item), doctest::Contains("sequence fido"), es::MappingError);
}
