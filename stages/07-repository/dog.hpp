#pragma once
// A dog at a dog school, changed only by events. Each command builds the event that says what
// happened, applies it with the mutator (exactly as a replay of the dog's history would), and
// publishes it on the EventBus it is given, for whoever listens.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "es/uuid.hpp"
#include "events.hpp"

namespace dogschool {

class EventBus;

class Dog {
public:
    // Registers a new dog: a Registered event at version 0, with a fresh random id.
    static Dog register_dog(std::string name, EventBus& bus);

    const es::Uuid& id() const;
    std::int64_t version() const;  // how many events made this dog
    const std::string& name() const;
    const std::vector<std::string>& tricks() const;
    bool is_discarded() const;

    // The commands. On a discarded dog each throws NoSuchDog and changes nothing.
    void add_trick(std::string trick, EventBus& bus);
    void rename(std::string new_name, EventBus& bus);
    void discard(EventBus& bus);

    bool operator==(const Dog&) const = default;

    // The mutator is the only code that makes or changes a dog (see mutator.hpp).
    friend std::optional<Dog> mutate(std::optional<Dog> dog, const DogEvent& event);

private:
    Dog(es::Uuid id, std::string name);

    // The last step of every command: mutate, then publish.
    void apply(const DogEvent& event, EventBus& bus);

    es::Uuid id_;
    std::int64_t version_ = 0;
    std::string name_;
    std::vector<std::string> tricks_;
    // The mutator turns a Discarded event into "no dog"; this object remembers that it was that dog.
    bool discarded_ = false;
};

}  // namespace dogschool
