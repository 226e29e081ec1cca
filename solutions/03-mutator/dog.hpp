#pragma once
// A dog at a dog school, changed only by events. Each command first decides: it checks the school's
// rules against the dog as it is, and refuses (throws) before any event exists. Then it builds the
// event that says what happened and applies it with the mutator, exactly as a replay would.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "es/error.hpp"
#include "es/uuid.hpp"
#include "events.hpp"

namespace dogschool {

class Dog {
public:
    // Registers a new dog: a Registered event at version 0, with a fresh random id.
    // Throws EmptyName if the name is empty.
    static Dog register_dog(std::string name);

    const es::Uuid& id() const;
    std::int64_t version() const;  // how many events made this dog
    const std::string& name() const;
    const std::vector<std::string>& tricks() const;
    bool is_discarded() const;

    // The commands. Each checks its rules first; a command refused by a rule throws one of the
    // errors below, records no event and changes nothing. On a discarded dog each throws DogDiscarded.
    // add_trick: TrickAlreadyKnown if the dog knows it already. rename: EmptyName for "", and
    // renaming a dog to the name it has records nothing (nothing happened; it is not an error).
    void add_trick(std::string trick);
    void rename(std::string new_name);
    void discard();

    bool operator==(const Dog&) const = default;

    // The mutator is the only code that makes or changes a dog (see mutator.hpp).
    friend std::optional<Dog> mutate(std::optional<Dog> dog, const DogEvent& event);

private:
    Dog(es::Uuid id, std::string name);

    // The last step of every command.
    void apply(const DogEvent& event);

    es::Uuid id_;
    std::int64_t version_ = 0;
    std::string name_;
    std::vector<std::string> tricks_;
    // The mutator turns a Discarded event into "no dog"; this object remembers that it was that dog.
    bool discarded_ = false;
};

// slide: rules
// The school's rules, each broken one an error of its own. Commands throw them; the mutator never
// does: it applies events that were already decided, and replay must accept every old one.
class EmptyName : public es::Error {
public:
    EmptyName();
};

class TrickAlreadyKnown : public es::Error {
public:
    TrickAlreadyKnown(const Dog& dog, const std::string& trick);
};

class DogDiscarded : public es::Error {
public:
    explicit DogDiscarded(const Dog& dog);
};
// end slide

}  // namespace dogschool
