#include <doctest/doctest.h>

#include <string>

#include "events.hpp"
#include "mapper.hpp"
#include "sequenced_item.hpp"

using namespace dogschool;

namespace {

DogEvent registered(std::string name)
{
    return Registered{.originator_id = es::Uuid::random(),
                      .originator_version = 0,
                      .timestamp = now(),
                      .name = std::move(name)};
}

void check_round_trip(const std::string& name)
{
    const DogEvent event = registered(name);
    const es::SequencedItem item = to_sequenced_item(event);
    const DogEvent back = from_sequenced_item(item);
    REQUIRE(std::holds_alternative<Registered>(back));
    CHECK(std::get<Registered>(back).name.size() == name.size());
    CHECK(back == event);
}

}  // namespace

TEST_CASE("names that could break JSON or SQL come back from an item exactly")
{
    SUBCASE("quotes and backslashes")
    {
        check_round_trip(R"(Rex "the" 'Wonder' \Dog\ \" \\")");
    }
    SUBCASE("an SQL injection")
    {
        check_round_trip("Robert'); DROP TABLE sequenced_items; --");
    }
    SUBCASE("JSON of its own")
    {
        check_round_trip(R"(", "name": "Impostor", "x": {)");
    }
    SUBCASE("NUL bytes and control characters")
    {
        check_round_trip(std::string("Fi\0do\0", 6) + "\n\t\r\x01\x1f");
    }
    SUBCASE("multi-byte UTF-8")
    {
        check_round_trip("Bärli 犬 \xF0\x9F\x90\x95 Ωmega");
    }
    SUBCASE("a one-megabyte name")
    {
        check_round_trip(std::string(1'000'000, 'x') + "\xC3\xA9");
    }
    SUBCASE("an empty name")
    {
        check_round_trip("");
    }
}

TEST_CASE("a name that is not valid UTF-8 is refused with a MappingError")
{
    CHECK_THROWS_AS(to_sequenced_item(registered("Fido \xFF\xFE")), es::MappingError);
}
