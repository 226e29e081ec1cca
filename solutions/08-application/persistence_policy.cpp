#include "persistence_policy.hpp"

namespace dogschool {

PersistencePolicy::PersistencePolicy(EventStore& store, EventBus& bus) : store_(store)
{
    // >>> step 1: PersistencePolicy::PersistencePolicy
    // An error while storing (a ConcurrencyError, say) reaches the command that published the event,
    // and the event goes no further: only a stored event is passed on to the readers of stored().
    subscription_ = bus.subscribe([this](const DogEvent& event) {
        store_.append({event});
        stored_.publish(event);
    });
    // <<<
}

}  // namespace dogschool
