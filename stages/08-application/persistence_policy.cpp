#include "persistence_policy.hpp"
#include "es/not_implemented.hpp"

namespace dogschool {

PersistencePolicy::PersistencePolicy(EventStore& store, EventBus& bus) : store_(store)
{
    // >>> step 1: PersistencePolicy::PersistencePolicy
    throw es::NotImplemented("PersistencePolicy::PersistencePolicy", 1);
    // <<<
}

}  // namespace dogschool
