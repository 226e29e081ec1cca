#include "dog.hpp"

#include <utility>

namespace dogschool {

Dog::Dog(std::string name)
{
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
    record<TrickAdded>(std::move(trick));
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
