#include <doctest/doctest.h>

#include <chrono>
#include <type_traits>
#include <vector>

#include "events.hpp"

using namespace dogschool;

namespace {

// One event of each kind, all about the same dog, in the order they could happen.
std::vector<DogEvent> a_dogs_life(const es::Uuid& id, Timestamp at)
{
    return {
        Registered{.originator_id = id, .originator_version = 0, .timestamp = at, .name = "Fido"},
        TrickAdded{.originator_id = id, .originator_version = 1, .timestamp = at, .trick = "sit"},
        Renamed{.originator_id = id, .originator_version = 2, .timestamp = at, .new_name = "Rex"},
        Discarded{.originator_id = id, .originator_version = 3, .timestamp = at},
    };
}

}  // namespace

TEST_CASE("now() is the current time, to the microsecond")
{
    static_assert(std::is_same_v<Timestamp::duration, std::chrono::microseconds>);
    const auto before = std::chrono::system_clock::now();
    const Timestamp stamp = now();
    const auto after = std::chrono::system_clock::now();

    CHECK(before - std::chrono::microseconds{1} < stamp);
    CHECK(stamp <= after);
}

TEST_CASE("any event tells which dog it is about")
{
    const es::Uuid fido = es::Uuid::random();
    for (const DogEvent& event : a_dogs_life(fido, Timestamp{})) {
        CAPTURE(event.index());
        CHECK(originator_id_of(event) == fido);
    }
}

TEST_CASE("any event tells where it sits in its dog's history")
{
    std::vector<std::int64_t> versions;
    for (const DogEvent& event : a_dogs_life(es::Uuid::random(), Timestamp{})) {
        versions.push_back(originator_version_of(event));
    }
    CHECK(versions == std::vector<std::int64_t>{0, 1, 2, 3});
}

TEST_CASE("any event tells when it happened")
{
    const Timestamp at = now();
    for (const DogEvent& event : a_dogs_life(es::Uuid::random(), at)) {
        CAPTURE(event.index());
        CHECK(timestamp_of(event) == at);
    }
}

TEST_CASE("each kind of event has its own name")
{
    std::vector<std::string_view> names;
    for (const DogEvent& event : a_dogs_life(es::Uuid::random(), Timestamp{})) {
        names.push_back(event_name_of(event));
    }
    CHECK(names == std::vector<std::string_view>{"Registered", "TrickAdded", "Renamed", "Discarded"});
}

TEST_CASE("events are values: equal when every field is equal")
{
    const Registered original{
        .originator_id = es::Uuid::random(), .originator_version = 0, .timestamp = now(), .name = "Fido"};
    Registered copy = original;
    CHECK(copy == original);

    SUBCASE("changing a copy leaves the original as it was")
    {
        copy.name = "Rex";
        CHECK(copy != original);
        CHECK(original.name == "Fido");
    }
    SUBCASE("the same fields in another kind of event make a different event")
    {
        const DogEvent registered = original;
        const DogEvent discarded = Discarded{.originator_id = original.originator_id,
                                             .originator_version = original.originator_version,
                                             .timestamp = original.timestamp};
        CHECK(registered != discarded);
    }
}
