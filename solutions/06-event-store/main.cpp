// A tiny program that stores a dog's events in an SQLite file: build and run it with
// ./workshop run 6 [FILE] (default: dogs.db), then look inside the file with
// ./workshop show-store FILE.
#include <iostream>
#include <string>
#include <vector>

#include "dog.hpp"
#include "es/demo.hpp"
#include "event_bus.hpp"
#include "event_store.hpp"
#include "mutator.hpp"

using namespace dogschool;

int main(int argc, char** argv)
{
    return es::run_demo([&] {
        const std::string path = argc > 1 ? argv[1] : "dogs.db";
        EventBus bus;
        std::vector<DogEvent> history;
        const Subscription recorder = bus.subscribe([&](const DogEvent& event) { history.push_back(event); });

        Dog fido = Dog::register_dog("Fido", bus);
        fido.add_trick("roll over", bus);
        fido.add_trick("play dead", bus);

        EventStore store{path};
        store.append(history);  // one transaction: all three events, or none

        const std::optional<Dog> again = replay(store.get_events(fido.id()));
        std::cout << "stored " << history.size() << " events of dog " << fido.id().to_string() << " in "
                  << path << "\nread back: " << again->name() << " knows " << again->tricks().size()
                  << " tricks" << (again == fido ? ", equal to the original\n" : ", NOT equal!\n")
                  << "look inside: ./workshop show-store " << path << '\n';
    });
}
