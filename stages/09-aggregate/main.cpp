// A tiny program to play with the aggregate: build and run it with ./workshop run 9.
#include <iostream>
#include <optional>

#include "dogschool/dog.hpp"
#include "es/demo.hpp"

using namespace dogschool;

int main()
{
    return es::run_demo([] {
        Dog fido{"Fido"};
        fido.add_trick("roll over");
        fido.add_trick("fetch ball");

        // slide: fold
        const auto events = fido.collect_events();
        std::cout << fido.name() << " (" << fido.id().to_string() << ") recorded " << events.size()
                  << " events, now pending: " << fido.pending_events().size() << '\n';

        std::optional<Dog> copy;
        for (const DogEvent& event : events) copy = mutate(std::move(copy), event);
        std::cout << "folded into version " << copy->version()
                  << (copy == fido ? ": equal to Fido\n" : ": NOT equal to Fido!\n");
        // end slide

        try {
            fido.add_trick("roll over");
        } catch (const TrickAlreadyKnown& e) {
            std::cout << "refused by a rule: " << e.what() << "; pending: " << fido.pending_events().size()
                      << '\n';
        }
    });
}
