// A tiny program to play with the mutator: build and run it with ./workshop run 3.
#include <iostream>
#include <vector>

#include "dog.hpp"
#include "es/demo.hpp"
#include "mutator.hpp"

using namespace dogschool;

int main()
{
    return es::run_demo([] {
        // A dog's whole history, written by hand: this is all an event store will keep.
        const es::Uuid id = es::Uuid::random();
        const std::vector<DogEvent> history{
            Registered{.originator_id = id, .originator_version = 0, .timestamp = now(), .name = "Fido"},
            TrickAdded{
                .originator_id = id, .originator_version = 1, .timestamp = now(), .trick = "roll over"},
            Renamed{.originator_id = id,
                    .originator_version = 2,
                    .timestamp = now(),
                    .new_name = "Fido the Great"},
        };

        const std::optional<Dog> fido = replay(history);
        std::cout << fido->name() << " (version " << fido->version() << ") knows:";
        for (const auto& trick : fido->tricks()) std::cout << " [" << trick << "]";
        std::cout << '\n';

        // A command decides before anything happens: a rule refuses it, and no event is made.
        Dog rex = Dog::register_dog("Rex");
        rex.add_trick("sit");
        try {
            rex.add_trick("sit");
        } catch (const TrickAlreadyKnown& e) {
            std::cout << "refused by a rule: " << e.what() << '\n';
        }
        std::cout << "Rex is still at version " << rex.version() << '\n';

        rex.discard();
        try {
            rex.add_trick("fetch");
        } catch (const DogDiscarded& e) {
            std::cout << "refused by a rule: " << e.what() << '\n';
        }
    });
}
