#pragma once
// Dogs by id. The repository is the only thing the rest of the program needs to find a dog: it
// reads the dog's events from the event store and replays them with the mutator.
#include <cstdint>
#include <string>

#include "dog.hpp"
#include "es/error.hpp"
#include "es/uuid.hpp"
#include "event_store.hpp"

namespace es {

// Nothing to give back for this id: it was never stored, or it was discarded (or, when a version
// is asked for, it did not have that version).
class AggregateNotFound : public Error {
public:
    explicit AggregateNotFound(const Uuid& id)
        : Error("nothing found with id " + id.to_string() + ": it was never stored, or it was discarded")
    {
    }
    AggregateNotFound(const Uuid& id, std::int64_t version)
        : Error("nothing found with id " + id.to_string() + " at version " + std::to_string(version) +
                ": it never had that version, or it was discarded by then")
    {
    }
};

}  // namespace es

namespace dogschool {

class DogRepository {
public:
    // The event store must outlive the repository.
    explicit DogRepository(EventStore& store) : store_(store) {}

    // True if the dog is stored and not discarded.
    bool contains(const es::Uuid& id) const;

    // The dog as it is now. Throws es::AggregateNotFound if it was never stored or was discarded.
    Dog get(const es::Uuid& id) const;
    Dog operator[](const es::Uuid& id) const { return get(id); }

    // The dog as it was at this version, that is after its first `version` events (a dog is at
    // version 1 once registered). Throws es::AggregateNotFound if it never had that version, or had
    // been discarded by then.
    Dog get(const es::Uuid& id, std::int64_t version) const;

private:
    EventStore& store_;
};

}  // namespace dogschool
