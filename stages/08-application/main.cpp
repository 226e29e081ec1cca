// A tiny program that uses the application on an SQLite file, closing and reopening it: build and
// run it with ./workshop run 8 [FILE] (default: dogs.db).
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
            app.discard_dog(id);
            std::cout << "discarded: " << (app.repository().contains(id) ? "still there?!" : "gone") << '\n';
        }
        std::cout << "look inside: ./workshop show-store " << path << '\n';
    });
}
