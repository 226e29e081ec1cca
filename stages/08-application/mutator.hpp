#pragma once
// The mutator: the one function that turns a dog's events into the dog. Commands use it to change
// a dog, and replaying a dog's history is nothing but calling it once per event.
#include <cstdint>
#include <optional>
#include <vector>

#include "dog.hpp"
#include "es/error.hpp"
#include "events.hpp"

namespace dogschool {

// An event was applied to no dog: the dog was never registered, or it has been discarded.
class NoSuchDog : public es::Error {
public:
    explicit NoSuchDog(const DogEvent& event);
};

// An event was applied to a dog it is not about (their ids differ).
class WrongDog : public es::Error {
public:
    WrongDog(const Dog& dog, const DogEvent& event);
};

// An event's version is not the dog's next version: one was skipped, repeated or reordered
// (a Registered event for a dog that already exists is one of these).
class EventOutOfOrder : public es::Error {
public:
    EventOutOfOrder(const DogEvent& event, std::int64_t expected_version);
};

// Applies one event to a dog's state; nothing (std::nullopt) means "no dog". Registered makes a
// dog, TrickAdded and Renamed change it, Discarded ends it: the result is std::nullopt again.
// Afterwards the dog's version is the event's originator_version + 1.
// Throws NoSuchDog, WrongDog or EventOutOfOrder if the event does not fit the dog.
std::optional<Dog> mutate(std::optional<Dog> dog, const DogEvent& event);

// A dog's state after all these events, applied in order to nothing.
std::optional<Dog> replay(const std::vector<DogEvent>& events);

}  // namespace dogschool
