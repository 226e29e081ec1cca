// A tiny program that stores a dog's events in an SQLite file, then lets two writers race for the
// same position: build and run it with
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
                  << " tricks" << (again == fido ? ", equal to the original\n" : ", NOT equal!\n");

        // Two writers, each with its own copy of Fido (version 3) and its own connection to the file.
        EventStore front_desk{path};
        EventStore trainer{path};
        Dog at_desk = fido;
        Dog at_trainer = fido;
        std::vector<DogEvent> desk_events;
        std::vector<DogEvent> trainer_events;
        EventBus desk_bus;
        EventBus trainer_bus;
        const Subscription desk =
            desk_bus.subscribe([&](const DogEvent& event) { desk_events.push_back(event); });
        const Subscription coach =
            trainer_bus.subscribe([&](const DogEvent& event) { trainer_events.push_back(event); });
        at_trainer.add_trick("sit", trainer_bus);
        at_desk.add_trick("fetch", desk_bus);  // both events claim position 3

        trainer.append(trainer_events);
        std::cout << "the trainer saved [sit] at position 3\n";
        try {
            front_desk.append(desk_events);
        } catch (const es::ConcurrencyError& e) {
            std::cout << "the front desk's save of [fetch] is refused (es::ConcurrencyError): " << e.what()
                      << '\n';
        }
        std::cout << "stored now: " << front_desk.get_events(fido.id()).size() << " events\n"
                  << "look inside: ./workshop show-store " << path << '\n';
    });
}
