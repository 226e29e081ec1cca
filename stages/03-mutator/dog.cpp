#include "dog.hpp"

#include <algorithm>
#include <utility>

#include "mutator.hpp"
#include "es/not_implemented.hpp"

namespace dogschool {

Dog::Dog(es::Uuid id, std::string name) : id_(id), name_(std::move(name))
{
}

Dog Dog::register_dog(std::string name)
{
    // >>> step 5: Dog::register_dog
    throw es::NotImplemented("Dog::register_dog", 5);
    // <<<
}

const es::Uuid& Dog::id() const
{
    return id_;
}

std::int64_t Dog::version() const
{
    return version_;
}

const std::string& Dog::name() const
{
    return name_;
}

const std::vector<std::string>& Dog::tricks() const
{
    return tricks_;
}

bool Dog::is_discarded() const
{
    return discarded_;
}

// slide: add_trick
void Dog::add_trick(std::string trick)
{
    // >>> step 6: Dog::add_trick
    throw es::NotImplemented("Dog::add_trick", 6);
    // <<<
}
// end slide

void Dog::rename(std::string new_name)
{
    // >>> step 6: Dog::rename
    throw es::NotImplemented("Dog::rename", 6);
    // <<<
}

void Dog::discard()
{
    // >>> step 6: Dog::discard
    throw es::NotImplemented("Dog::discard", 6);
    // <<<
}

// slide: apply
void Dog::apply(const DogEvent& event)
{
    // The mutator works on a copy: if it refuses the event, this dog is left as it was.
    // >>> step 6: Dog::apply
    throw es::NotImplemented("Dog::apply", 6);
    // <<<
}
// end slide

EmptyName::EmptyName() : es::Error("a dog's name cannot be empty")
{
}

TrickAlreadyKnown::TrickAlreadyKnown(const Dog& dog, const std::string& trick)
    : es::Error(dog.name() + " (dog " + dog.id().to_string() + ") already knows the trick '" + trick +
                "': a dog learns each trick once")
{
}

DogDiscarded::DogDiscarded(const Dog& dog)
    : es::Error(dog.name() + " (dog " + dog.id().to_string() +
                ") has left the school: a discarded dog does nothing more")
{
}

}  // namespace dogschool
