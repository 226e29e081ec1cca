#pragma once
// A dog at a dog school, the library way. es::Aggregate keeps the id, the version and the pending
// events, so this file says only what is particular to dogs: what can happen to one (its events),
// what it can be asked to do (its commands) and how an event changes it (its mutator).
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "es/aggregate.hpp"

namespace dogschool {

// slide: events
// Each event has an explicit topic, the name it is stored under: never a C++ type name, which a
// compiler or a rename would change. A topic is a name you promise to keep.
// The dog was registered at the school: always a dog's first event (version 0).
// Its stored state changed twice, so it has a version (a struct without one is version 1): version 1
// had the name only; version 2 added the breed (dogs registered before were of breed "unknown");
// version 3 keeps a list of breeds, for a cross. Old states are upcast when read (dog_mapper.cpp).
struct Registered : es::DomainEvent {
    static constexpr std::string_view topic = "dogschool.Dog.Registered";
    static constexpr int version = 3;
    std::string name;
    std::vector<std::string> breeds;

    bool operator==(const Registered&) const = default;
};

// The dog learned a trick. Stored as "dogschool.Dog.TrickAdded" until this stage: those events are
// still read, as TrickLearned (dog_mapper.cpp lists the old topic), and never written again. A
// topic is never reused, so the old one can always be told from the new.
struct TrickLearned : es::DomainEvent {
    static constexpr std::string_view topic = "dogschool.Dog.TrickLearned";
    std::string trick;

    bool operator==(const TrickLearned&) const = default;
};

// The event's name before this stage, kept so that code written against earlier stages (the kit's
// contract: add_trick records a TrickAdded) still compiles. The same type: one event, one topic.
using TrickAdded = TrickLearned;

// Everything that can happen to a dog; a mutator that misses one does not compile.
using DogEvent = std::variant<Registered, TrickLearned>;
// end slide

// The breed of a dog registered without one, and of every dog registered before breeds were asked.
inline constexpr std::string_view unknown_breed = "unknown";

// slide: Dog
class Dog : public es::Aggregate<Dog, DogEvent> {
public:
    // The dog's state at one version, kept so that loading need not replay all of its history. Not
    // an event of the dog (it is in no DogEvent, never in the notification log): a cache of what
    // its events add up to, in a table of its own.
    struct Snapshot : es::DomainEvent {
        static constexpr std::string_view topic = "dogschool.Dog.Snapshot";
        static constexpr int version = 2;  // 1 (stage 13) had no breeds: upcast when read
        std::string name;
        std::vector<std::string> breeds;
        std::vector<std::string> tricks;

        bool operator==(const Snapshot&) const = default;
    };
    // Registers a new dog: records Registered, with a fresh id. Throws EmptyName for an empty name.
    // A dog of unknown breed (as every dog was before breeds were asked) is of breed "unknown".
    explicit Dog(std::string name);
    Dog(std::string name, std::string breed);
    // A cross of several breeds, in the order given. No breed at all is breed "unknown".
    Dog(std::string name, std::vector<std::string> breeds);

    const std::string& name() const;
    const std::vector<std::string>& breeds() const;
    const std::vector<std::string>& tricks() const;

    // Records TrickLearned. Throws TrickAlreadyKnown, recording nothing, if the dog knows it already.
    void add_trick(std::string trick);

    // The dog as it is now, as a snapshot at its version; and a dog made back from one, equal to
    // the dog replayed from the same events.
    Snapshot snapshot() const;
    static Dog from_snapshot(const Snapshot& snapshot);

    bool operator==(const Dog&) const = default;

    friend std::optional<Dog> mutate(std::optional<Dog> dog, const DogEvent& event);

private:
    friend Aggregate;  // es::Aggregate::start() makes the blank dog that Registered fills in
    Dog() = default;

    std::string name_;
    std::vector<std::string> breeds_;
    std::vector<std::string> tricks_;
};
// end slide

// slide: rules
// The school's rules, checked by the commands before they record anything. The mutator checks no
// rule: it applies what was decided, so events recorded under older rules still load.
class EmptyName : public es::Error {
public:
    EmptyName();
};

class TrickAlreadyKnown : public es::Error {
public:
    TrickAlreadyKnown(const Dog& dog, const std::string& trick);
};
// end slide

// The mutator: applies one event to a dog (std::nullopt: no dog yet) and returns the dog after it.
// es::Aggregate calls it unqualified, so it is found by argument-dependent lookup, here beside Dog.
// Throws es::AggregateNotFound, es::WrongAggregate or es::EventOutOfOrder if the event does not fit.
std::optional<Dog> mutate(std::optional<Dog> dog, const DogEvent& event);

}  // namespace dogschool
