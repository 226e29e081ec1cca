// Writes stage10-dogs.sqlite again: a real store of an old program, kept as test data for stage 14.
// Built against solutions/10-dog-school (not stage 14's code: that is the point), by the CMake target
// in this folder:
//     cmake --build build/dev --target stage14_old_store
// It writes the events as stage 10 wrote them: Registered without a breed nor a version, tricks under
// the old topic "dogschool.Dog.TrickAdded". Stage 14's tests (test_old_store.cpp) list the dogs they
// expect to find in it: change the dogs here, change them there.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "es/sqlite.hpp"

namespace {

struct OldDog {
    std::string name;
    std::vector<std::string> tricks;
};

std::vector<OldDog> old_dogs()
{
    std::vector<std::string> many;
    for (int i = 1; i <= 40; ++i) many.push_back("trick number " + std::to_string(i));
    return {
        {"Fido", {"roll over", "fetch ball", "play dead"}},
        {"Rex", many},
        {"Zoë 🐕 Ünïcødé", {"sitz", "платц", "お手", "🎾 fetch"}},
        {"Sir \"Barks\" O'Malley'); DROP TABLE sequenced_items;--", {"say \"please\"", "it's a 'bow'"}},
        {"Back\\slash\nnew line\ttab", {"{\"json\": \"in a trick\"}", "\\u0041 is not A"}},
        {"Shy", {}},
    };
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: " << argv[0] << " FILE   (the store to write; it is replaced)\n";
        return 2;
    }
    const std::filesystem::path path = argv[1];
    try {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
        {
            dogschool::DogSchool school{
                es::Environment{{"PERSISTENCE_MODULE", "sqlite"}, {"SQLITE_DBNAME", path.string()}}};
            const std::vector<OldDog> dogs = old_dogs();
            std::vector<es::Uuid> ids;
            for (const OldDog& dog : dogs) ids.push_back(school.register_dog(dog.name));
            // Round by round, a trick for each dog that has one left: the streams interleave in the
            // notification log, as they do in a school that runs for a while.
            for (std::size_t round = 0;; ++round) {
                bool taught = false;
                for (std::size_t i = 0; i < dogs.size(); ++i) {
                    if (round < dogs[i].tricks.size()) {
                        school.add_trick(ids[i], dogs[i].tricks[round]);
                        taught = true;
                    }
                }
                if (!taught) break;
            }
        }
        // One file, no write-ahead log beside it: the log is checkpointed into the file and removed.
        es::sqlite::Database database{path.string()};
        database.execute("PRAGMA journal_mode = DELETE");
    } catch (const std::exception& error) {
        std::cerr << "cannot write " << path << ": " << error.what() << '\n';
        return 1;
    }
    std::cout << "wrote " << path << '\n';
    return 0;
}
