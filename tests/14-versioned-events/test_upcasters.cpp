// The dog's upcasters (dog_mapper.cpp), one step at a time, on the JSON fields they are given.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

namespace dogschool {  // defined in dog_mapper.cpp, declared here for these tests only
void upcast_registered_v1_v2(nlohmann::json& fields);
void upcast_registered_v2_v3(nlohmann::json& fields);
}  // namespace dogschool

using nlohmann::json;

TEST_CASE("upcasting Registered from version 1 to 2 adds the breed, unknown, and changes nothing else")
{
    json fields = {{"name", "Fido"}, {"timestamp", 1700000000123456}};
    dogschool::upcast_registered_v1_v2(fields);
    CHECK(fields == json{{"breed", "unknown"}, {"name", "Fido"}, {"timestamp", 1700000000123456}});
}

TEST_CASE("upcasting Registered from version 2 to 3 makes its one breed a list of one")
{
    json fields = {{"breed", "beagle"}, {"name", "Rex"}, {"timestamp", 1700000000123456}};
    dogschool::upcast_registered_v2_v3(fields);
    CHECK(fields == json{{"breeds", {"beagle"}}, {"name", "Rex"}, {"timestamp", 1700000000123456}});
}

TEST_CASE("the two steps in order bring version 1 to version 3")
{
    json fields = {{"name", "Fido"}, {"timestamp", 1}};
    dogschool::upcast_registered_v1_v2(fields);
    dogschool::upcast_registered_v2_v3(fields);
    CHECK(fields == json{{"breeds", {"unknown"}}, {"name", "Fido"}, {"timestamp", 1}});
}
