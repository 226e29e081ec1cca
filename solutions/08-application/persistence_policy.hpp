#pragma once
// Stores every event published on a bus, at the moment it is published. The dog never hears of
// storage: it publishes what happened, and the policy makes it last.
#include "event_bus.hpp"
#include "event_store.hpp"

namespace dogschool {

class PersistencePolicy {
public:
    // Subscribes to the bus at once. The store and the bus must outlive the policy.
    PersistencePolicy(EventStore& store, EventBus& bus);
    // Its subscriber points at this object, so it stays where it was made.
    PersistencePolicy(const PersistencePolicy&) = delete;
    PersistencePolicy& operator=(const PersistencePolicy&) = delete;

    // Stops storing events. The destructor does it too (the subscription's destructor), so calling
    // close() is only needed to stop early.
    void close() { subscription_.unsubscribe(); }

private:
    EventStore& store_;
    Subscription subscription_;
};

}  // namespace dogschool
