#pragma once
// Publish / subscribe for dog events, with no global state: whoever publishes and whoever listens
// share an EventBus object, and a test makes a fresh one whenever it wants a quiet world.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "events.hpp"

namespace dogschool {

class EventBus;

// Proof of a subscription. Destroying it (or calling unsubscribe()) ends the subscription, so a
// subscriber can never outlive the code that subscribed it by accident. Movable, not copyable:
// one subscription, one owner. The EventBus must outlive its subscriptions.
class Subscription {
public:
    Subscription() = default;  // subscribed to nothing
    Subscription(Subscription&& other) noexcept;
    Subscription& operator=(Subscription&& other) noexcept;
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    ~Subscription();

    void unsubscribe();  // stops delivery now; does nothing the second time
    bool is_active() const;

private:
    friend class EventBus;
    Subscription(EventBus& bus, std::uint64_t id);

    EventBus* bus_ = nullptr;  // null once unsubscribed (or moved from)
    std::uint64_t id_ = 0;
};

class EventBus {
public:
    using Subscriber = std::function<void(const DogEvent&)>;

    EventBus() = default;
    // Subscriptions point at their bus, so a bus stays where it was made.
    EventBus(const EventBus&) = delete;
    EventBus& operator=(const EventBus&) = delete;

    // From now on, subscriber is called with every published event, until the subscription ends.
    [[nodiscard]] Subscription subscribe(Subscriber subscriber);

    // Calls every subscriber with the event, in the order they subscribed. If one throws, the others
    // are still called; then the first exception is rethrown, unchanged. Subscribers must not
    // subscribe or unsubscribe while they are being called.
    void publish(const DogEvent& event);

    std::size_t subscriber_count() const;

private:
    friend class Subscription;

    std::vector<std::pair<std::uint64_t, Subscriber>> subscribers_;  // in the order they subscribed
    std::uint64_t next_id_ = 1;
};

}  // namespace dogschool
