// Stage 11's demo with breeds, on any persistence: ./workshop run 14 builds and runs it. Point it at
// a store an earlier stage's demo wrote (the same settings) and its dogs load, of breed "unknown".
// The school keeps its events where the environment says, the view its tables in TRICKS_DBNAME (in
// memory if unset). On
// PostgreSQL, with a server of your own and a database made for it (createdb dogs), set
//     PERSISTENCE_MODULE=postgres POSTGRES_DBNAME=dogs TRICKS_DBNAME=tricks.db
// and POSTGRES_HOST, POSTGRES_USER, POSTGRES_PASSWORD as your server needs, then ./workshop run 14.
// Run it twice: the second run finds the first run's dogs, and the view processes only what is new.
#include <cstdlib>
#include <iostream>

#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
#include "es/demo.hpp"

int main()
{
    return es::run_demo([] {
        dogschool::DogSchool school;
        const es::Uuid fido = school.register_dog("Fido");
        const es::Uuid rex = school.register_dog("Rex", "beagle");
        school.add_trick(fido, "sit");
        school.add_trick(rex, "sit");
        school.add_trick(rex, "play dead");

        const char* file = std::getenv("TRICKS_DBNAME");
        dogschool::TricksView view{file != nullptr ? file : ":memory:"};
        const std::int64_t processed = view.run(school.notification_log());
        std::cout << "Processed " << processed << " new notifications; the view is at notification "
                  << view.position() << ".\n\nDogs per trick:\n";
        for (const auto& [trick, dogs] : view.dogs_per_trick())
            std::cout << "  " << trick << ": " << dogs << '\n';
        std::cout << "Tricks taught per day:\n";
        for (const auto& [day, tricks] : view.tricks_per_day())
            std::cout << "  " << day << ": " << tricks << '\n';

        const dogschool::DogDetails young_rex = school.get_dog(rex, 2);
        std::cout << "\nRex at version 2 knew " << young_rex.tricks.size() << " trick(s); now he knows "
                  << school.get_dog(rex).tricks.size() << ".\n";
        std::cout << "Fido is of breed " << school.breeds_of(fido).front() << ", Rex a "
                  << school.breeds_of(rex).front() << ".\n";
    });
}
