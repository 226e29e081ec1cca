#pragma once
// Stores every event published on a bus, at the moment it is published. The dog never hears of
// storage: it publishes what happened, and the policy makes it last. Only then does it pass the
// event on, on its stored() bus: readers that listen there never hear of an event that was refused.
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

    // Every event the store has accepted, in the order it was stored.
    EventBus& stored() { return stored_; }

private:
    EventStore& store_;
    EventBus stored_;  // declared before the subscription, so it outlives it
    Subscription subscription_;
};

}  // namespace dogschool
