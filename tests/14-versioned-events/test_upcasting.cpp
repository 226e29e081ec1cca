// The library's upcasting, on a small domain of its own (a kennel), apart from the dog's: a chain
// of steps run in order and each once, a missing step, a renamed topic that is never written.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "es/json_mapper.hpp"

namespace kennel {

// Version 3. Each step of its chain writes its number into "steps", so a test sees which ran, in
// which order, and how often.
struct Collared : es::DomainEvent {
    static constexpr std::string_view topic = "kennel.Collared";
    static constexpr int version = 3;
    std::string colour;
    std::vector<int> steps;
};

// Never changed: version 1, stored with no version.
struct Fed : es::DomainEvent {
    static constexpr std::string_view topic = "kennel.Fed";
};

// Version 3, but its domain forgot the step from 2 to 3.
struct Leashed : es::DomainEvent {
    static constexpr std::string_view topic = "kennel.Leashed";
    static constexpr int version = 3;
};

// Its domain lists its own topic as an old one, by mistake.
struct Walked : es::DomainEvent {
    static constexpr std::string_view topic = "kennel.Walked";
};

using Event = std::variant<Collared, Fed>;
using Forgetful = std::variant<Leashed>;
using Mistaken = std::variant<Walked>;

void to_json(nlohmann::json& fields, const Collared& e)
{
    fields["colour"] = e.colour;
    fields["steps"] = e.steps;
}

void from_json(const nlohmann::json& fields, Collared& e)
{
    es::get_field(fields, "colour", e.colour);
    es::get_field(fields, "steps", e.steps);
}

template <typename E>
requires(!std::same_as<E, Collared>) void to_json(nlohmann::json&, const E&)
{
}

template <typename E>
requires(!std::same_as<E, Collared>) void from_json(const nlohmann::json&, E&)
{
}

void collared_v1_v2(nlohmann::json& fields)
{
    fields["colour"] = "red";  // every collar was red before colours were kept
    fields["steps"].push_back(1);
}

void collared_v2_v3(nlohmann::json& fields)
{
    fields["steps"].push_back(2);
}

void leashed_v1_v2(nlohmann::json&)
{
}

const es::Upcasting& upcasting(es::UpcastingOf<Event>)
{
    static const es::Upcasting table{
        .renamed_topics = {{"kennel.Fed.v0", Fed::topic}},
        .upcasters = {{Collared::topic, 2, collared_v2_v3}, {Collared::topic, 1, collared_v1_v2}}};
    return table;
}

const es::Upcasting& upcasting(es::UpcastingOf<Forgetful>)
{
    static const es::Upcasting table{.upcasters = {{Leashed::topic, 1, leashed_v1_v2}}};
    return table;
}

const es::Upcasting& upcasting(es::UpcastingOf<Mistaken>)
{
    static const es::Upcasting table{.renamed_topics = {{Walked::topic, "kennel.Strolled"}}};
    return table;
}

}  // namespace kennel

template class es::JsonVariantMapper<kennel::Event>;
template class es::JsonVariantMapper<kennel::Forgetful>;
template class es::JsonVariantMapper<kennel::Mistaken>;

namespace {

const es::Uuid rover = es::Uuid::parse("3c4d5e6f-0000-4000-8000-000000000003");

kennel::Collared read_collared(const std::string& state)
{
    const kennel::Event event =
        es::JsonVariantMapper<kennel::Event>::from_stored({rover, 0, "kennel.Collared", state});
    return std::get<kennel::Collared>(event);
}

template <typename Variant>
std::string error_reading(std::string topic, std::string state)
{
    try {
        (void)es::JsonVariantMapper<Variant>::from_stored({rover, 7, std::move(topic), std::move(state)});
    } catch (const es::MappingError& error) {
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a state is upcast from its own version by each later step, in order, each once")
{
    // The table lists the steps in any order: the library picks them by version.
    CHECK(read_collared(R"({"timestamp":1})").steps == std::vector<int>{1, 2});
    CHECK(read_collared(R"({"class_version":2,"colour":"blue","steps":[],"timestamp":1})").steps ==
          std::vector<int>{2});
    CHECK(read_collared(R"({"class_version":3,"colour":"blue","steps":[],"timestamp":1})").steps.empty());
    // A step sees the fields as the step before it left them.
    CHECK(read_collared(R"({"timestamp":1})").colour == "red");
    CHECK(read_collared(R"({"class_version":2,"colour":"blue","steps":[],"timestamp":1})").colour == "blue");
}

TEST_CASE("an event of version 1 is stored with no version, and one above 1 with its version")
{
    const kennel::Fed fed{{rover, 1, es::Timestamp{}}};
    CHECK(es::JsonVariantMapper<kennel::Event>::to_stored(fed).state == R"({"timestamp":0})");
    const kennel::Collared collared{{rover, 0, es::Timestamp{}}, "green", {}};
    CHECK(es::JsonVariantMapper<kennel::Event>::to_stored(collared).state ==
          R"({"class_version":3,"colour":"green","steps":[],"timestamp":0})");
}

TEST_CASE("a step missing from the chain is a clear error naming the event, its place and the versions")
{
    const std::string message = error_reading<kennel::Forgetful>("kennel.Leashed", R"({"timestamp":1})");
    CHECK(message.find("kennel.Leashed at position 7 of stream " + rover.to_string()) != std::string::npos);
    CHECK(message.find("version 1") != std::string::npos);
    CHECK(message.find("no upcaster brings version 2 to version 3") != std::string::npos);
}

TEST_CASE("a state newer than the program is a clear error, not read as if it were current")
{
    const std::string message =
        error_reading<kennel::Event>("kennel.Fed", R"({"class_version":2,"timestamp":1})");
    CHECK(message.find("kennel.Fed at position 7") != std::string::npos);
    CHECK(message.find("version 2 of kennel.Fed") != std::string::npos);
    CHECK(message.find("reads version 1") != std::string::npos);
}

TEST_CASE("an event stored under an old topic is read as the event it was renamed to")
{
    const kennel::Event event =
        es::JsonVariantMapper<kennel::Event>::from_stored({rover, 1, "kennel.Fed.v0", R"({"timestamp":5})"});
    REQUIRE(std::holds_alternative<kennel::Fed>(event));
    CHECK(std::get<kennel::Fed>(event).timestamp.time_since_epoch().count() == 5);
    CHECK(es::JsonVariantMapper<kennel::Event>::current_topic("kennel.Fed.v0") == "kennel.Fed");
    CHECK(es::JsonVariantMapper<kennel::Event>::current_topic("kennel.Fed") == "kennel.Fed");
    // A topic neither current nor old is still unknown.
    CHECK(error_reading<kennel::Event>("kennel.Fled", R"({"timestamp":5})").find("unknown topic") !=
          std::string::npos);
}

TEST_CASE("an event whose topic its domain lists as old is never written under it")
{
    const kennel::Walked walked{{rover, 0, es::Timestamp{}}};
    CHECK_THROWS_WITH_AS(es::JsonVariantMapper<kennel::Mistaken>::to_stored(walked),
                         doctest::Contains("only read, never written"), es::MappingError);
}
