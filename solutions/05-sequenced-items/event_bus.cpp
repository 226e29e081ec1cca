#include "event_bus.hpp"

#include <exception>

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
    if (bus_ == nullptr) return;
    std::erase_if(bus_->subscribers_, [this](const auto& entry) { return entry.first == id_; });
    bus_ = nullptr;
}

bool Subscription::is_active() const
{
    return bus_ != nullptr;
}

Subscription EventBus::subscribe(Subscriber subscriber)
{
    const std::uint64_t id = next_id_++;
    subscribers_.emplace_back(id, std::move(subscriber));
    return Subscription{*this, id};
}

// slide: publish
void EventBus::publish(const DogEvent& event)
{
    std::exception_ptr first_failure;
    for (const auto& [id, subscriber] : subscribers_) {
        try {
            subscriber(event);
        } catch (...) {
            if (!first_failure) first_failure = std::current_exception();
        }
    }
    if (first_failure) std::rethrow_exception(first_failure);
}
// end slide

std::size_t EventBus::subscriber_count() const
{
    return subscribers_.size();
}

}  // namespace dogschool
