#include "mutator.hpp"

#include <string>
#include <utility>

namespace dogschool {

namespace {

std::string describe(const DogEvent& event)
{
    return std::string(event_name_of(event)) + " (version " + std::to_string(originator_version_of(event)) +
           ") for dog " + originator_id_of(event).to_string();
}

// Throws unless the event can be applied to this dog: it must be about this dog and come next.
void check_fits(const std::optional<Dog>& dog, const DogEvent& event)
{
    if (std::holds_alternative<Registered>(event)) {
        const std::int64_t expected = dog ? dog->version() : 0;
        if (dog || originator_version_of(event) != 0) throw EventOutOfOrder(event, expected);
        return;
    }
    if (!dog) throw NoSuchDog(event);
    if (originator_id_of(event) != dog->id()) throw WrongDog(*dog, event);
    if (originator_version_of(event) != dog->version()) throw EventOutOfOrder(event, dog->version());
}

}  // namespace

NoSuchDog::NoSuchDog(const DogEvent& event)
    : es::Error("cannot apply " + describe(event) +
                ": there is no such dog (it was never registered, or it was discarded)")
{
}

WrongDog::WrongDog(const Dog& dog, const DogEvent& event)
    : es::Error("cannot apply " + describe(event) + " to dog " + dog.id().to_string() +
                ": the event is about another dog")
{
}

EventOutOfOrder::EventOutOfOrder(const DogEvent& event, std::int64_t expected_version)
    : es::Error("cannot apply " + describe(event) + ": the dog's next version is " +
                std::to_string(expected_version) + "; events must be applied in order, each once")
{
}

// slide: mutate
std::optional<Dog> mutate(std::optional<Dog> dog, const DogEvent& event)
{
    check_fits(dog, event);
    // One handler per kind of event; the compiler insists that every kind has one.
    const auto handlers = overloaded{
        [&](const Registered& e) -> std::optional<Dog> {
            return Dog{e.originator_id, e.name};
        },
        [&](const TrickAdded& e) -> std::optional<Dog> {
            dog->tricks_.push_back(e.trick);
            return std::move(dog);
        },
        [&](const Renamed& e) -> std::optional<Dog> {
            dog->name_ = e.new_name;
            return std::move(dog);
        },
        [&](const Discarded&) -> std::optional<Dog> {
            // Nothing can happen to a dog after this event.
            return std::nullopt;
        },
    };
    std::optional<Dog> next = std::visit(handlers, event);
    if (next) next->version_ = originator_version_of(event) + 1;
    return next;
}
// end slide

std::optional<Dog> replay(const std::vector<DogEvent>& events)
{
    std::optional<Dog> dog;
    for (const DogEvent& event : events) dog = mutate(std::move(dog), event);
    return dog;
}

}  // namespace dogschool
