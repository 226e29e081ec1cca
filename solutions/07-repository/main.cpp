// A tiny program to travel back in a dog's history: build and run it with
// ./workshop run 7 [FILE] (default: dogs.db).
#include <iostream>
#include <string>

#include "dog.hpp"
#include "es/demo.hpp"
#include "event_bus.hpp"
#include "event_store.hpp"
#include "repository.hpp"

using namespace dogschool;

int main(int argc, char** argv)
{
    return es::run_demo([&] {
        const std::string path = argc > 1 ? argv[1] : "dogs.db";
        EventStore store{path};
        EventBus bus;
        const Subscription saver = bus.subscribe([&](const DogEvent& event) { store.append({event}); });

        Dog fido = Dog::register_dog("Fido", bus);
        fido.add_trick("roll over", bus);
        fido.rename("Fido the Great", bus);
        fido.add_trick("play dead", bus);

        const DogRepository dogs{store};
        for (std::int64_t version = 1; version <= fido.version(); ++version) {
            const Dog then = dogs.get(fido.id(), version);
            std::cout << "version " << version << ": " << then.name() << " knows " << then.tricks().size()
                      << " trick(s)\n";
        }
        fido.discard(bus);
        std::cout << "after discard, the repository "
                  << (dogs.contains(fido.id()) ? "still has" : "no longer has") << " dog "
                  << fido.id().to_string() << '\n';
    });
}
