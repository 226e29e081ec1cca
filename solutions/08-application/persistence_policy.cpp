#include "persistence_policy.hpp"

namespace dogschool {

PersistencePolicy::PersistencePolicy(EventStore& store, EventBus& bus) : store_(store)
{
    // >>> step 1: PersistencePolicy::PersistencePolicy
    // An error while storing (a ConcurrencyError, say) reaches the command that published the event.
    subscription_ = bus.subscribe([this](const DogEvent& event) { store_.append({event}); });
    // <<<
}

}  // namespace dogschool
