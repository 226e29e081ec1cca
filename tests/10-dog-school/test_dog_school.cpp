// The workshop's example application, as its own test says it should behave, on every persistence.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "fixtures.hpp"

using dogschool::DogDetails;
using dogschool::DogSchool;

TEST_CASE("the dog school registers a dog and teaches it tricks")
{
    const fixtures::TempDir dir;
    // Construct the application.
    DogSchool app{fixtures::each_persistence(dir)};

    // Register a dog.
    const es::Uuid dog_id = app.register_dog("Fido");

    // Check the dog has been registered.
    CHECK(app.get_dog(dog_id) == DogDetails{"Fido", {}});

    // Add tricks.
    app.add_trick(dog_id, "roll over");
    app.add_trick(dog_id, "fetch ball");

    // Check the tricks have been added.
    CHECK(app.get_dog(dog_id) == DogDetails{"Fido", {"roll over", "fetch ball"}});
}

TEST_CASE("each dog at the school keeps its own tricks")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    const es::Uuid fido = app.register_dog("Fido");
    const es::Uuid rex = app.register_dog("Rex");
    app.add_trick(fido, "roll over");
    app.add_trick(rex, "play dead");
    app.add_trick(fido, "fetch ball");

    CHECK(fido != rex);
    CHECK(app.get_dog(fido) == DogDetails{"Fido", {"roll over", "fetch ball"}});
    CHECK(app.get_dog(rex) == DogDetails{"Rex", {"play dead"}});
}

TEST_CASE("the school knows no dog it did not register")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    app.register_dog("Fido");
    const es::Uuid stranger = es::Uuid::random();

    CHECK_THROWS_AS(app.get_dog(stranger), es::AggregateNotFound);
    CHECK_THROWS_AS(app.add_trick(stranger, "sit"), es::AggregateNotFound);
}

TEST_CASE("names and tricks come back exactly as they were given, whatever they hold")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::each_persistence(dir)};
    const std::vector<std::string> hostile = {
        "",
        "O'Brien \"the\" \\ dog",
        "'); DROP TABLE sequenced_items; --",
        std::string("nul\0inside", 10),
        "\xF0\x9F\x90\x95 Hund \xC3\xBC\xC3\x9F \xE7\x8A\xAC",
        "line\nbreak\ttab\r",
        std::string(1 << 20, 'x'),  // 1 MB
    };
    const es::Uuid dog_id = app.register_dog(hostile[2]);
    for (const std::string& trick : hostile) app.add_trick(dog_id, trick);

    const DogDetails details = app.get_dog(dog_id);
    CHECK(details.name == hostile[2]);
    REQUIRE(details.tricks.size() == hostile.size());
    for (std::size_t i = 0; i < hostile.size(); ++i) CHECK(details.tricks[i] == hostile[i]);
}
