// A tiny program to play with events: build and run it with ./workshop run 2.
#include <iostream>
#include <vector>

#include "es/demo.hpp"
#include "events.hpp"

using namespace dogschool;

int main()
{
    return es::run_demo([] {
        // Fido's life so far, as facts. Nothing here is a Dog yet: stage 03 turns these into one.
        const es::Uuid fido = es::Uuid::random();
        const std::vector<DogEvent> history{
            Registered{.originator_id = fido, .originator_version = 0, .timestamp = now(), .name = "Fido"},
            TrickAdded{
                .originator_id = fido, .originator_version = 1, .timestamp = now(), .trick = "roll over"},
            Renamed{.originator_id = fido,
                    .originator_version = 2,
                    .timestamp = now(),
                    .new_name = "Fido the Great"},
            Discarded{.originator_id = fido, .originator_version = 3, .timestamp = now()},
        };

        for (const DogEvent& event : history) {
            std::cout << originator_version_of(event) << "  " << event_name_of(event) << "  dog "
                      << originator_id_of(event).to_string() << "  at "
                      << timestamp_of(event).time_since_epoch().count() << " us\n";
        }
    });
}
