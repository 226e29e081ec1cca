#include "dogschool/dog.hpp"

#include <algorithm>
#include <utility>
#include "es/not_implemented.hpp"

namespace dogschool {

Dog::Dog(std::string name)
{
    if (name.empty()) throw EmptyName();
    record<Registered>(std::move(name));
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
    if (std::ranges::find(tricks_, trick) != tricks_.end()) throw TrickAlreadyKnown(*this, trick);
    record<TrickAdded>(std::move(trick));
}

// slide: Dog::snapshot
Dog::Snapshot Dog::snapshot() const
{
    // >>> step 2: Dog::snapshot
    throw es::NotImplemented("Dog::snapshot", 2);
    // <<<
}

Dog Dog::from_snapshot(const Snapshot& snapshot)
{
    // >>> step 2: Dog::from_snapshot
    throw es::NotImplemented("Dog::from_snapshot", 2);
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

std::optional<Dog> mutate(std::optional<Dog> dog, const DogEvent& event)
{
    std::visit(es::overloaded{
                   [&](const Registered& e) { Dog::start(dog, e).name_ = e.name; },
                   [&](const TrickAdded& e) { Dog::advance(dog, e).tricks_.push_back(e.trick); },
               },
               event);
    return dog;
}

}  // namespace dogschool
