#include "event_bus.hpp"

#include <exception>
#include "es/not_implemented.hpp"

namespace dogschool {

Subscription::Subscription(EventBus& bus, std::uint64_t id) : bus_(&bus), id_(id)
{
}

Subscription::Subscription(Subscription&& other) noexcept
    : bus_(std::exchange(other.bus_, nullptr)), id_(other.id_)
{
}

Subscription& Subscription::operator=(Subscription&& other) noexcept
{
    if (this != &other) {
        const Subscription old{std::move(*this)};  // ends the one this held as it goes out of scope
        bus_ = std::exchange(other.bus_, nullptr);
        id_ = other.id_;
    }
    return *this;
}

// slide: subscription-ends
Subscription::~Subscription()
{
    // Destructors never throw: whatever goes wrong while unsubscribing stays here.
    try {
        unsubscribe();
    } catch (...) {
    }
}
// end slide

void Subscription::unsubscribe()
{
    // >>> step 3: Subscription::unsubscribe
    throw es::NotImplemented("Subscription::unsubscribe", 3);
    // <<<
}

bool Subscription::is_active() const
{
    return bus_ != nullptr;
}

Subscription EventBus::subscribe(Subscriber subscriber)
{
    // >>> step 1: EventBus::subscribe
    throw es::NotImplemented("EventBus::subscribe", 1);
    // <<<
}

// slide: publish
void EventBus::publish(const DogEvent& event)
{
    // >>> step 2: EventBus::publish
    throw es::NotImplemented("EventBus::publish", 2);
    // <<<
}
// end slide

std::size_t EventBus::subscriber_count() const
{
    return subscribers_.size();
}

}  // namespace dogschool
