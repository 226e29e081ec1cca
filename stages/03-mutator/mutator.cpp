#include "mutator.hpp"

#include <string>
#include <utility>
#include "es/not_implemented.hpp"

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
    // >>> step 1: check_fits
    throw es::NotImplemented("check_fits", 1);
    // <<<
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
            // >>> step 2: mutate Registered
            throw es::NotImplemented("mutate Registered", 2);
            // <<<
        },
        [&](const TrickAdded& e) -> std::optional<Dog> {
            // >>> step 3: mutate TrickAdded
            throw es::NotImplemented("mutate TrickAdded", 3);
            // <<<
        },
        [&](const Renamed& e) -> std::optional<Dog> {
            // >>> step 3: mutate Renamed
            throw es::NotImplemented("mutate Renamed", 3);
            // <<<
        },
        [&](const Discarded&) -> std::optional<Dog> {
            // Nothing can happen to a dog after this event.
            // >>> step 4: mutate Discarded
            throw es::NotImplemented("mutate Discarded", 4);
            // <<<
        },
    };
    std::optional<Dog> next = std::visit(handlers, event);
    // >>> step 2: mutate sets the version
    throw es::NotImplemented("mutate sets the version", 2);
    // <<<
    return next;
}
// end slide

std::optional<Dog> replay(const std::vector<DogEvent>& events)
{
    // >>> step 7: replay
    throw es::NotImplemented("replay", 7);
    // <<<
}

}  // namespace dogschool
