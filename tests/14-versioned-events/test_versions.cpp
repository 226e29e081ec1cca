// The Dog's events and their versions: what is written, and how every older state is read.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"

using dogschool::Dog;
using dogschool::DogMapper;
using dogschool::Registered;
using fixtures::read_registered;
using fixtures::stored;

namespace {

using Breeds = std::vector<std::string>;

// The one event a new dog has recorded, as the mapper stores it, with its timestamp set to `moment`.
es::StoredEvent stored_registration(Dog dog)
{
    std::vector<Dog::Event> events = dog.collect_events();
    REQUIRE(events.size() == 1);
    std::get<Registered>(events[0]).timestamp = es::Timestamp{std::chrono::microseconds{fixtures::moment}};
    return DogMapper::to_stored(events[0]);
}

}  // namespace

TEST_CASE("a dog registered without a breed is of breed unknown, and a cross has its breeds in order")
{
    CHECK(Dog{"Fido"}.breeds() == Breeds{"unknown"});
    CHECK(Dog{"Rex", "beagle"}.breeds() == Breeds{"beagle"});
    CHECK(Dog{"Coco", Breeds{"labrador", "poodle"}}.breeds() == Breeds{"labrador", "poodle"});
    CHECK(Dog{"Nobody knows", Breeds{}}.breeds() == Breeds{"unknown"});
    CHECK_THROWS_AS(Dog("", "beagle"), dogschool::EmptyName);
}

TEST_CASE("a dog's Registered is stored at version 3, with its breeds")
{
    const es::StoredEvent event = stored_registration(Dog{"Coco", Breeds{"labrador", "poodle"}});
    CHECK(event.topic == "dogschool.Dog.Registered");
    CHECK(event.state ==
          R"({"breeds":["labrador","poodle"],"class_version":3,"name":"Coco","timestamp":1700000000123456})");
}

TEST_CASE("an event still at version 1 is stored with no version, as before versions existed")
{
    Dog dog{"Fido"};
    dog.add_trick("sit");
    std::vector<Dog::Event> events = dog.collect_events();
    auto& learned = std::get<dogschool::TrickLearned>(events.at(1));
    learned.timestamp = es::Timestamp{std::chrono::microseconds{fixtures::moment}};
    CHECK(DogMapper::to_stored(events[1]).state == R"({"timestamp":1700000000123456,"trick":"sit"})");
}

TEST_CASE("a state of the current version reads back as it was written")
{
    Dog coco{"Coco", Breeds{"labrador", "poodle"}};
    coco.add_trick("sit");
    for (const Dog::Event& event : coco.pending_events()) {
        CHECK(DogMapper::from_stored(DogMapper::to_stored(event)) == event);
    }
    // And as a school keeps it in an SQLite file, opened again.
    fixtures::TempDir dir;
    es::Uuid rex;
    {
        dogschool::DogSchool school{fixtures::sqlite_file(dir.file("dogs.db"))};
        rex = school.register_dog("Rex", "beagle");
        school.add_trick(rex, "fetch");
    }
    const dogschool::DogSchool school{fixtures::sqlite_file(dir.file("dogs.db"))};
    CHECK(school.breeds_of(rex) == Breeds{"beagle"});
    CHECK(school.get_dog(rex) == dogschool::DogDetails{"Rex", {"fetch"}});
}

TEST_CASE("a state from a newer version than this program knows is a clear error")
{
    const std::string message = fixtures::mapping_error(stored(
        0, "dogschool.Dog.Registered",
        R"({"breeds":["beagle"],"class_version":4,"name":"Rex","timestamp":1700000000123456,"vet":"Dr No"})"));
    CHECK(message.find("dogschool.Dog.Registered at position 0 of stream " + fixtures::fido_id.to_string()) !=
          std::string::npos);
    CHECK(message.find("version 4") != std::string::npos);
    CHECK(message.find("version 3") != std::string::npos);
    CHECK(message.find("newer program") != std::string::npos);
}

TEST_CASE("a stored version that is not a whole number from 1 is a clear error")
{
    for (const std::string version : {R"("3")", "0", "-1", "2.5", "null"}) {
        CAPTURE(version);
        const std::string message = fixtures::mapping_error(
            stored(0, "dogschool.Dog.Registered",
                   R"({"class_version":)" + version + R"(,"name":"Rex","timestamp":1700000000123456})"));
        CHECK(message.find("class_version") != std::string::npos);
        CHECK(message.find("position 0 of stream") != std::string::npos);
    }
}

TEST_CASE("a current state without its breeds is an error, not a dog of unknown breed")
{
    const std::string message = fixtures::mapping_error(stored(
        0, "dogschool.Dog.Registered", R"({"class_version":3,"name":"Rex","timestamp":1700000000123456})"));
    CHECK(message.find("\"breeds\" is missing") != std::string::npos);
}

TEST_CASE("a state with no version is version 1: the name only, read as a dog of unknown breed")
{
    const Registered fido = read_registered(R"({"name":"Fido","timestamp":1700000000123456})");
    CHECK(fido.name == "Fido");
    CHECK(fido.breeds == Breeds{"unknown"});
    CHECK(fido.originator_id == fixtures::fido_id);
    CHECK(fido.timestamp.time_since_epoch().count() == fixtures::moment);
    // Written as version 1 explicitly, it reads the same.
    CHECK(read_registered(R"({"class_version":1,"name":"Fido","timestamp":1700000000123456})") == fido);
}

TEST_CASE("a version-2 state goes through the second step only: its one breed becomes a list of one")
{
    const Registered rex =
        read_registered(R"({"breed":"beagle","class_version":2,"name":"Rex","timestamp":1700000000123456})");
    CHECK(rex.name == "Rex");
    CHECK(rex.breeds == Breeds{"beagle"});
}

TEST_CASE("every version of Registered reads as the same current event, whatever its age")
{
    const std::string ts = R"("timestamp":1700000000123456)";
    const Registered v1 = read_registered(R"({"name":"Fido",)" + ts + "}");
    const Registered v2 =
        read_registered(R"({"breed":"unknown","class_version":2,"name":"Fido",)" + ts + "}");
    const Registered v3 =
        read_registered(R"({"breeds":["unknown"],"class_version":3,"name":"Fido",)" + ts + "}");
    CHECK(v1 == v3);
    CHECK(v2 == v3);
    // Read again and again, in any order (the mapper reuses what it parsed): the same each time.
    CHECK(read_registered(R"({"name":"Fido",)" + ts + "}") == v3);
    CHECK(read_registered(R"({"breeds":["unknown"],"class_version":3,"name":"Fido",)" + ts + "}") == v1);
}
