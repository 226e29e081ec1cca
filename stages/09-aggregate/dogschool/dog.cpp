#include "dogschool/dog.hpp"

#include <algorithm>
#include <utility>
#include "es/not_implemented.hpp"

namespace dogschool {

Dog::Dog(std::string name)
{
    // >>> step 4: Dog::Dog
    throw es::NotImplemented("Dog::Dog", 4);
    // <<<
}

const std::string& Dog::name() const
{
    return name_;
}

const std::vector<std::string>& Dog::tricks() const
{
    return tricks_;
}

void Dog::add_trick(std::string trick)
{
    // >>> step 4: Dog::add_trick
    throw es::NotImplemented("Dog::add_trick", 4);
    // <<<
}

EmptyName::EmptyName() : es::Error("a dog's name cannot be empty")
{
}

TrickAlreadyKnown::TrickAlreadyKnown(const Dog& dog, const std::string& trick)
    : es::Error(dog.name() + " (dog " + dog.id().to_string() + ") already knows the trick '" + trick +
                "': a dog learns each trick once")
{
}

std::optional<Dog> mutate(std::optional<Dog> dog, const DogEvent& event)
{
    // >>> step 2: mutate
    throw es::NotImplemented("mutate", 2);
    // <<<
}

}  // namespace dogschool
