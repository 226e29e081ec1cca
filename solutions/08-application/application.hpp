#pragma once
// The dog school as one object. It opens the event store, starts the persistence policy and offers
// a repository; destroying it stops the policy and closes the database, in that order. Its
// commands are what a user interface (or a test) calls: no SQL, no events, just dogs.
#include <functional>
#include <string>

#include "dog.hpp"
#include "es/uuid.hpp"
#include "event_bus.hpp"
#include "event_store.hpp"
#include "persistence_policy.hpp"
#include "repository.hpp"

namespace dogschool {

class Application {
public:
    // A database file (created if missing, reopened if not), or ":memory:".
    explicit Application(const std::string& path);
    Application(const Application&) = delete;
    Application& operator=(const Application&) = delete;

    // Create: a new dog, stored at once. Returns its id.
    es::Uuid register_dog(std::string name);
    // Read: the dog as it is now. Throws es::AggregateNotFound if there is no such dog (any more).
    Dog get_dog(const es::Uuid& id) const;
    // Update and discard, each through update_dog. Throws es::AggregateNotFound if there is no such
    // dog (any more), and the school's rule errors (TrickAlreadyKnown, EmptyName) as the dog does.
    void add_trick(const es::Uuid& id, std::string trick);
    void rename_dog(const es::Uuid& id, std::string new_name);
    void discard_dog(const es::Uuid& id);

    // Runs a command on a fresh copy of the stored dog; the policy stores the event it publishes.
    // If the store refuses it (es::ConcurrencyError: another writer saved this dog first), the
    // copy is dropped, and the dog is loaded again and the command run again on it: the command
    // decides anew, against the dog as it now is. After max_attempts refusals the last
    // ConcurrencyError is thrown. Any other error is thrown at once.
    static constexpr int max_attempts = 3;
    void update_dog(const es::Uuid& id, const std::function<void(Dog&, EventBus&)>& command);

    // The bus the dogs publish on: the policy listens here first. Readers that must only hear
    // what was kept (a screen, a report) subscribe to stored_events() instead.
    EventBus& bus() { return bus_; }
    EventBus& stored_events() { return policy_.stored(); }
    EventStore& event_store() { return store_; }
    const DogRepository& repository() const { return repository_; }

private:
    // slide: members
    // Members are made in this order and destroyed in the opposite one: the policy stops listening
    // before the store closes, and the bus outlives the policy's subscription.
    EventBus bus_;
    EventStore store_;
    PersistencePolicy policy_;
    DogRepository repository_;
    // end slide
};

}  // namespace dogschool
