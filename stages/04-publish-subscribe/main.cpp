// A tiny program to play with publish / subscribe: build and run it with ./workshop run 4.
#include <iostream>
#include <vector>

#include "dog.hpp"
#include "es/demo.hpp"
#include "event_bus.hpp"
#include "mutator.hpp"

using namespace dogschool;

int main()
{
    return es::run_demo([] {
        // slide: record-and-replay
        EventBus bus;
        std::vector<DogEvent> history;
        const Subscription recorder = bus.subscribe([&](const DogEvent& event) { history.push_back(event); });
        const Subscription printer = bus.subscribe([](const DogEvent& event) {
            std::cout << "published: " << event_name_of(event) << " (version " << originator_version_of(event)
                      << ")\n";
        });

        Dog fido = Dog::register_dog("Fido", bus);
        fido.add_trick("roll over", bus);
        fido.rename("Fido the Great", bus);
        fido.add_trick("play dead", bus);

        const std::optional<Dog> again = replay(history);
        std::cout << "replayed " << history.size() << " events: " << again->name() << ", version "
                  << again->version() << (again == fido ? ", equal to the original\n" : ", NOT equal!\n");
        // end slide
    });
}
