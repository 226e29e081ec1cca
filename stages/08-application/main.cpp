// A tiny program that uses the application on an SQLite file, closing and reopening it, then lets
// two writers change one dog: build and run it with ./workshop run 8 [FILE] (default: dogs.db).
#include <iostream>
#include <string>

#include "application.hpp"
#include "es/demo.hpp"

using namespace dogschool;

namespace {

void show(const Application& app, const es::Uuid& id)
{
    const Dog dog = app.get_dog(id);
    std::cout << "  " << dog.name() << " (version " << dog.version() << ") knows:";
    for (const std::string& trick : dog.tricks()) std::cout << " [" << trick << "]";
    std::cout << '\n';
}

}  // namespace

int main(int argc, char** argv)
{
    return es::run_demo([&] {
        const std::string path = argc > 1 ? argv[1] : "dogs.db";
        es::Uuid id;
        {
            Application app{path};
            id = app.register_dog("Fido");
            app.add_trick(id, "roll over");
            std::cout << "registered Fido, id " << id.to_string() << '\n';
            show(app, id);
        }  // the application is closed here: policy stopped, database closed
        {
            Application app{path};
            std::cout << "reopened " << path << '\n';
            show(app, id);
            app.rename_dog(id, "Fido the Great");
            app.add_trick(id, "play dead");
            show(app, id);

            // Two writers on one file. The second one saves Fido while the first still holds an
            // old copy: the first one's save is refused, and nothing of it is kept.
            Application trainer{path};
            Dog old_copy = app.get_dog(id);
            trainer.add_trick(id, "sit");
            std::cout << "the trainer taught Fido [sit]; the front desk's copy is still at version "
                      << old_copy.version() << '\n';
            try {
                old_copy.add_trick("fetch", app.bus());
            } catch (const es::ConcurrencyError& e) {
                std::cout << "refused save (es::ConcurrencyError): " << e.what() << '\n';
            }
            // The application's way: each attempt loads a fresh copy and decides again.
            int attempts = 0;
            app.update_dog(id, [&](Dog& fido, EventBus& bus) {
                if (++attempts == 1) trainer.add_trick(id, "beg");  // the trainer is quicker once more
                fido.add_trick("fetch", bus);
            });
            std::cout << "taught [fetch] on attempt " << attempts << ":\n";
            show(app, id);
            try {
                app.add_trick(id, "fetch");
            } catch (const TrickAlreadyKnown& e) {
                std::cout << "refused by a rule: " << e.what() << '\n';
            }

            app.discard_dog(id);
            std::cout << "discarded: " << (app.repository().contains(id) ? "still there?!" : "gone") << '\n';
        }
        std::cout << "look inside: ./workshop show-store " << path << '\n';
    });
}
