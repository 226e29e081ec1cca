#include "dogschool/dog.hpp"

#include <algorithm>
#include <utility>

namespace dogschool {

Dog::Dog(std::string name) : Dog(std::move(name), std::string(unknown_breed))
{
}

Dog::Dog(std::string name, std::string breed)
    : Dog(std::move(name), std::vector<std::string>{std::move(breed)})
{
}

Dog::Dog(std::string name, std::vector<std::string> breeds)
{
    if (name.empty()) throw EmptyName();
    if (breeds.empty()) breeds.emplace_back(unknown_breed);
    record<Registered>(std::move(name), std::move(breeds));
}

const std::string& Dog::name() const
{
    return name_;
}

const std::vector<std::string>& Dog::breeds() const
{
    return breeds_;
}

const std::vector<std::string>& Dog::tricks() const
{
    return tricks_;
}

void Dog::add_trick(std::string trick)
{
    if (std::ranges::find(tricks_, trick) != tricks_.end()) throw TrickAlreadyKnown(*this, trick);
    record<TrickLearned>(std::move(trick));
}

// slide: Dog::snapshot
Dog::Snapshot Dog::snapshot() const
{
    return Snapshot{snapshot_header(), name_, breeds_, tricks_};
}

Dog Dog::from_snapshot(const Snapshot& snapshot)
{
    Dog dog = restore(snapshot);  // the id and the version
    dog.name_ = snapshot.name;
    dog.breeds_ = snapshot.breeds;
    dog.tricks_ = snapshot.tricks;
    return dog;
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
                   [&](const Registered& e) {
                       Dog& registered = Dog::start(dog, e);
                       registered.name_ = e.name;
                       registered.breeds_ = e.breeds;
                   },
                   [&](const TrickLearned& e) { Dog::advance(dog, e).tricks_.push_back(e.trick); },
               },
               event);
    return dog;
}

}  // namespace dogschool
