// Stage 13's demo with breeds, on any persistence: ./workshop run 14 builds and runs it. Point it at
// a store an earlier stage wrote and its dogs and snapshots load, of breed "unknown". A dog learns
// 25 tricks at a school that keeps a snapshot every 10 events (SNAPSHOTTING_INTERVAL, 10 unless you set it);
// the school then loads the dog from its latest snapshot and the events after it. With
//     PERSISTENCE_MODULE=sqlite SQLITE_DBNAME=dogs.db ./workshop run 14
// see both tables with ./workshop show-store dogs.db.
#include <iostream>
#include <string>

#include "dogschool/dog_school.hpp"
#include "es/demo.hpp"

int main()
{
    return es::run_demo([] {
        es::Environment environment;
        if (environment.get("SNAPSHOTTING_INTERVAL").empty()) environment.set("SNAPSHOTTING_INTERVAL", "10");
        dogschool::DogSchool school{environment};
        const es::Uuid fido = school.register_dog("Fido");
        for (int trick = 1; trick <= 25; ++trick) school.add_trick(fido, "trick " + std::to_string(trick));

        const dogschool::Dog dog = school.repository().get(fido);
        std::cout << dog.name() << " is at version " << dog.version() << " and knows " << dog.tricks().size()
                  << " tricks.\n";
        if (const es::Recorder* snapshots = school.snapshot_recorder()) {
            const auto latest = snapshots->select_events(fido, {.desc = true, .limit = 1});
            if (!latest.empty()) {
                std::cout << "Loaded from the snapshot at version " << latest.front().originator_version
                          << ", then " << dog.version() - latest.front().originator_version
                          << " events after it.\n";
            }
        } else {
            std::cout << "Snapshotting is off (SNAPSHOTTING_INTERVAL=0): every event was replayed.\n";
        }
        std::cout << "At version 12 " << dog.name() << " knew " << school.get_dog(fido, 12).tricks.size()
                  << " tricks.\n";
        const es::Uuid rex = school.register_dog("Rex", "beagle");
        std::cout << dog.name() << " is of breed " << school.breeds_of(fido).front() << ", Rex a "
                  << school.breeds_of(rex).front() << ".\n";
    });
}
