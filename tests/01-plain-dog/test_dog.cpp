#include <doctest/doctest.h>

#include "dog.hpp"

using dogschool::Dog;

TEST_CASE("a dog is registered with its name")
{
    const Dog fido{"Fido"};
    CHECK(fido.name() == "Fido");
}

TEST_CASE("a new dog knows no tricks")
{
    const Dog fido{"Fido"};
    CHECK(fido.tricks().empty());
}

TEST_CASE("a dog learns tricks in the order it is taught them")
{
    Dog fido{"Fido"};
    fido.add_trick("roll over");
    fido.add_trick("play dead");
    CHECK(fido.tricks() == std::vector<std::string>{"roll over", "play dead"});
}

TEST_CASE("two dogs taught the same tricks are equal, whatever their history in memory")
{
    Dog fido{"Fido"};
    Dog twin{"Fido"};
    fido.add_trick("sit");
    twin.add_trick("sit");
    CHECK(fido == twin);

    SUBCASE("and stop being equal when one learns more")
    {
        twin.add_trick("fetch");
        CHECK_FALSE(fido == twin);
    }
}

TEST_CASE("a dog's name can hold any text")
{
    const std::string name = "Rex \"the\" 'Wonder' Dog \xF0\x9F\x90\x95";
    const Dog rex{name};
    CHECK(rex.name() == name);
}
