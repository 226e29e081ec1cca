// A tiny program to play with the dog school: build and run it with ./workshop run 10. It keeps
// its dogs where the environment says, e.g.
//     PERSISTENCE_MODULE=sqlite SQLITE_DBNAME=dogs.db ./workshop run 10
// (run it twice: each run registers a new Fido, and the log then shows both runs' events;
// ./workshop show-store dogs.db shows them too).
#include <iostream>

#include "dogschool/dog_school.hpp"
#include "es/demo.hpp"

int main()
{
    return es::run_demo([] {
        dogschool::DogSchool school;
        const es::Uuid fido = school.register_dog("Fido");
        school.add_trick(fido, "roll over");
        school.add_trick(fido, "fetch ball");

        const dogschool::DogDetails details = school.get_dog(fido);
        std::cout << details.name << " knows:";
        for (const auto& trick : details.tricks) std::cout << " [" << trick << "]";
        // slide: notification-log
        std::cout << "\n\nThe notification log, from the start:\n";
        for (const es::Notification& n :
             school.notification_log().select(1, es::NotificationLog::max_limit)) {
            const es::StoredEvent& event = n.event;
            std::cout << n.id << "  " << event.originator_id.to_string() << " v" << event.originator_version
                      << "  " << event.topic << "  " << event.state << '\n';
        }
        // end slide
    });
}
