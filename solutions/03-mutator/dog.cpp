#include "dog.hpp"

#include <algorithm>
#include <utility>

#include "mutator.hpp"

namespace dogschool {

Dog::Dog(es::Uuid id, std::string name) : id_(id), name_(std::move(name))
{
}

Dog Dog::register_dog(std::string name)
{
    // >>> step 5: Dog::register_dog
    if (name.empty()) throw EmptyName();
    const Registered event{.originator_id = es::Uuid::random(),
                           .originator_version = 0,
                           .timestamp = now(),
                           .name = std::move(name)};
    return mutate(std::nullopt, event).value();
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
    // Decide: refuse what breaks a rule, before any event exists.
    if (discarded_) throw DogDiscarded(*this);
    if (std::ranges::find(tricks_, trick) != tricks_.end()) throw TrickAlreadyKnown(*this, trick);
    // Then apply: the event records the decision.
    apply(TrickAdded{
        .originator_id = id_, .originator_version = version_, .timestamp = now(), .trick = std::move(trick)});
    // <<<
}
// end slide

void Dog::rename(std::string new_name)
{
    // >>> step 6: Dog::rename
    if (discarded_) throw DogDiscarded(*this);
    if (new_name.empty()) throw EmptyName();
    if (new_name == name_) return;  // nothing would change, so nothing happened: no event
    apply(Renamed{.originator_id = id_,
                  .originator_version = version_,
                  .timestamp = now(),
                  .new_name = std::move(new_name)});
    // <<<
}

void Dog::discard()
{
    // >>> step 6: Dog::discard
    if (discarded_) throw DogDiscarded(*this);
    apply(Discarded{.originator_id = id_, .originator_version = version_, .timestamp = now()});
    // <<<
}

// slide: apply
void Dog::apply(const DogEvent& event)
{
    // The mutator works on a copy: if it refuses the event, this dog is left as it was.
    // >>> step 6: Dog::apply
    std::optional<Dog> next = mutate(discarded_ ? std::nullopt : std::optional<Dog>{*this}, event);
    if (next) {
        *this = std::move(*next);
    } else {
        discarded_ = true;
    }
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
