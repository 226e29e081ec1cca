// A tiny program to see events as sequenced items: build and run it with ./workshop run 5.
#include <iostream>
#include <vector>

#include "dog.hpp"
#include "es/demo.hpp"
#include "event_bus.hpp"
#include "mapper.hpp"
#include "mutator.hpp"

using namespace dogschool;

int main()
{
    return es::run_demo([] {
        EventBus bus;
        std::vector<es::SequencedItem> items;
        const Subscription recorder = bus.subscribe([&](const DogEvent& event) {
            items.push_back(to_sequenced_item(event));
            const es::SequencedItem& item = items.back();
            std::cout << item.sequence_id << "  " << item.position << "  " << item.topic << "  " << item.state
                      << '\n';
        });

        Dog fido = Dog::register_dog("Fido", bus);
        fido.add_trick("roll over", bus);
        fido.rename("Fido \"the Great\"", bus);

        std::vector<DogEvent> events;
        for (const es::SequencedItem& item : items) events.push_back(from_sequenced_item(item));
        const std::optional<Dog> again = replay(events);
        std::cout << "read back " << events.size() << " events: " << again->name()
                  << (again == fido ? ", equal to the original\n" : ", NOT equal!\n");
    });
}
