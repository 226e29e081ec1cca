// es::Aggregate knows nothing about dogs: a step counter uses it unchanged.
#include <doctest/doctest.h>

#include <optional>
#include <variant>
#include <vector>

#include "es/aggregate.hpp"

namespace pedometer {

struct Started : es::DomainEvent {
    bool operator==(const Started&) const = default;
};

struct Walked : es::DomainEvent {
    int steps = 0;
    bool operator==(const Walked&) const = default;
};

using CounterEvent = std::variant<Started, Walked>;

class Counter : public es::Aggregate<Counter, CounterEvent> {
public:
    static Counter start_counting()
    {
        Counter counter;
        counter.record<Started>();
        return counter;
    }
    void walk(int steps) { record<Walked>(steps); }
    int total() const { return total_; }

    bool operator==(const Counter&) const = default;

    friend std::optional<Counter> mutate(std::optional<Counter> counter, const CounterEvent& event)
    {
        std::visit(es::overloaded{
                       [&](const Started& e) { Counter::start(counter, e); },
                       [&](const Walked& e) { Counter::advance(counter, e).total_ += e.steps; },
                   },
                   event);
        return counter;
    }

private:
    friend Aggregate;
    Counter() = default;

    int total_ = 0;
};

}  // namespace pedometer

// What the library asks of an aggregate and its events, as concepts: the step counter meets them.
static_assert(es::EventSourced<pedometer::Counter>);
static_assert(es::DomainEventType<pedometer::Walked>);
static_assert(!es::DomainEventType<int>);

TEST_CASE("another aggregate records, collects and folds its own events with the same base")
{
    pedometer::Counter counter = pedometer::Counter::start_counting();
    counter.walk(1200);
    counter.walk(300);
    CHECK(counter.total() == 1500);
    CHECK(counter.version() == 3);

    std::optional<pedometer::Counter> copy;
    for (const auto& event : counter.collect_events()) copy = mutate(std::move(copy), event);
    CHECK(copy == counter);
    CHECK(counter.pending_events().empty());
}
