#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "application.hpp"
#include "es/sqlite.hpp"
#include "kit_testing/temp_dir.hpp"

using kit_testing::TempDir;

using namespace dogschool;
using Tricks = std::vector<std::string>;

TEST_CASE("a registered dog can be read back at once")
{
    Application app{":memory:"};
    const es::Uuid id = app.register_dog("Fido");

    const Dog fido = app.get_dog(id);

    CHECK(fido.id() == id);
    CHECK(fido.name() == "Fido");
    CHECK(fido.version() == 1);
    CHECK(app.event_store().get_events(id).size() == 1);
}

TEST_CASE("the application teaches, renames and discards a stored dog")
{
    Application app{":memory:"};
    const es::Uuid id = app.register_dog("Fido");

    app.add_trick(id, "sit");
    app.rename_dog(id, "Rex");
    CHECK(app.get_dog(id).tricks() == Tricks{"sit"});
    CHECK(app.get_dog(id).name() == "Rex");

    app.discard_dog(id);
    CHECK_FALSE(app.repository().contains(id));
    CHECK_THROWS_AS(app.get_dog(id), es::AggregateNotFound);
    SUBCASE("and a discarded dog can no longer be taught")
    {
        CHECK_THROWS_AS(app.add_trick(id, "fetch"), es::AggregateNotFound);
    }
}

TEST_CASE("create, read, update and discard a dog, closing and reopening the file in between")
{
    const TempDir dir;
    const std::string path = dir.file("school.db");
    es::Uuid id;
    {
        Application app{path};
        id = app.register_dog("Fido");
        app.add_trick(id, "sit");
    }
    {
        Application app{path};
        CHECK(app.get_dog(id).name() == "Fido");
        CHECK(app.get_dog(id).tricks() == Tricks{"sit"});
        app.rename_dog(id, "Rex");
        app.add_trick(id, "fetch");
    }
    {
        Application app{path};
        const Dog rex = app.get_dog(id);
        CHECK(rex.name() == "Rex");
        CHECK(rex.tricks() == Tricks{"sit", "fetch"});
        CHECK(rex.version() == 4);
        app.discard_dog(id);
    }
    Application app{path};
    CHECK_THROWS_AS(app.get_dog(id), es::AggregateNotFound);
    CHECK(app.repository().get(id, 4).name() == "Rex");  // its history is still there
}

TEST_CASE("closing the application closes its database")
{
    const TempDir dir;
    const std::string path = dir.file("school.db");
    {
        Application app{path};
        app.register_dog("Fido");
        // An open SQLite database in WAL mode has a write-ahead log beside it...
        CHECK(std::filesystem::exists(path + "-wal"));
    }
    // ...which the last connection to close folds back into the database file and removes.
    CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST_CASE("two applications on one file see each other's dogs")
{
    const TempDir dir;
    const std::string path = dir.file("school.db");
    Application front_desk{path};
    Application trainer{path};

    const es::Uuid id = front_desk.register_dog("Fido");
    trainer.add_trick(id, "sit");

    CHECK(front_desk.get_dog(id).tricks() == Tricks{"sit"});
}

TEST_CASE("teaching, renaming or discarding a dog that was never registered is an AggregateNotFound")
{
    const TempDir dir;
    Application app{dir.file("school.db")};
    const es::Uuid nobody = es::Uuid::random();

    CHECK_THROWS_AS(app.add_trick(nobody, "sit"), es::AggregateNotFound);
    CHECK_THROWS_AS(app.rename_dog(nobody, "Rex"), es::AggregateNotFound);
    CHECK_THROWS_AS(app.discard_dog(nobody), es::AggregateNotFound);
}

TEST_CASE("every error the application reports is an es::Error")
{
    const TempDir dir;
    const std::string path = dir.file("school.db");
    Application app{path};
    const es::Uuid id = app.register_dog("Fido");

    SUBCASE("a dog that is not there")
    {
        CHECK_THROWS_AS(app.get_dog(es::Uuid::random()), es::Error);
    }
    SUBCASE("a stale dog")
    {
        Dog stale = app.get_dog(id);
        app.add_trick(id, "sit");
        CHECK_THROWS_AS(stale.add_trick("beg", app.bus()), es::Error);
    }
    SUBCASE("a stored event that cannot be read")
    {
        es::sqlite::Database db{path};
        db.execute("UPDATE sequenced_items SET state = 'oops'");
        CHECK_THROWS_WITH_AS(app.get_dog(id), doctest::Contains(id.to_string().c_str()), es::Error);
    }
}

TEST_CASE("a rule refuses a command before anything is stored")
{
    Application app{":memory:"};
    const es::Uuid id = app.register_dog("Fido");
    app.add_trick(id, "sit");

    CHECK_THROWS_AS(app.add_trick(id, "sit"), TrickAlreadyKnown);
    CHECK_THROWS_AS(app.rename_dog(id, ""), EmptyName);
    CHECK_THROWS_AS(app.register_dog(""), EmptyName);
    CHECK(app.event_store().get_events(id).size() == 2);
}

// Two writers on one file: a command of the first loads Fido, then the second saves Fido first.
// The first one's save is refused; the application loads Fido again and runs the command again.
namespace {

// The front desk and the trainer, two applications on one file; Fido, registered at the front
// desk; and what the front desk's readers hear of the events it stored.
struct TwoWriters {
    TempDir dir;
    Application front_desk{dir.file("school.db")};
    Application trainer{dir.file("school.db")};
    es::Uuid id = front_desk.register_dog("Fido");
    std::vector<DogEvent> heard;
    Subscription reader =
        front_desk.stored_events().subscribe([this](const DogEvent& e) { heard.push_back(e); });
};

}  // namespace

TEST_CASE("a command whose save is refused runs again on a fresh copy of the dog")
{
    TwoWriters school;
    Application& front_desk = school.front_desk;
    Application& trainer = school.trainer;
    const es::Uuid id = school.id;
    const std::vector<DogEvent>& heard = school.heard;

    int attempts = 0;
    front_desk.update_dog(id, [&](Dog& fido, EventBus& bus) {
        if (++attempts == 1) trainer.add_trick(id, "sit");  // saved between our load and our save
        fido.add_trick("fetch", bus);
    });

    CHECK(attempts == 2);
    CHECK(front_desk.get_dog(id).tricks() == Tricks{"sit", "fetch"});
    // The refused first attempt reached no reader: they heard "fetch" once, at version 2.
    REQUIRE(heard.size() == 1);
    CHECK(originator_version_of(heard[0]) == 2);
}

TEST_CASE("a command run again decides again: a rule may refuse it on the fresh copy")
{
    TwoWriters school;
    Application& front_desk = school.front_desk;
    Application& trainer = school.trainer;
    const es::Uuid id = school.id;
    const std::vector<DogEvent>& heard = school.heard;

    int attempts = 0;
    CHECK_THROWS_AS(front_desk.update_dog(id,
                                          [&](Dog& fido, EventBus& bus) {
                                              if (++attempts == 1) trainer.add_trick(id, "fetch");
                                              fido.add_trick("fetch", bus);
                                          }),
                    TrickAlreadyKnown);

    CHECK(attempts == 2);
    CHECK(front_desk.get_dog(id).tricks() == Tricks{"fetch"});  // the trainer's, taught once
    CHECK(heard.empty());
}

TEST_CASE("a command refused at every attempt is a ConcurrencyError, and nothing of it is kept")
{
    TwoWriters school;
    Application& front_desk = school.front_desk;
    Application& trainer = school.trainer;
    const es::Uuid id = school.id;
    const std::vector<DogEvent>& heard = school.heard;

    int attempts = 0;
    CHECK_THROWS_AS(front_desk.update_dog(id,
                                          [&](Dog& fido, EventBus& bus) {
                                              trainer.add_trick(id, "trick " + std::to_string(++attempts));
                                              fido.add_trick("fetch", bus);
                                          }),
                    es::ConcurrencyError);

    CHECK(attempts == Application::max_attempts);
    CHECK(front_desk.get_dog(id).tricks() == Tricks{"trick 1", "trick 2", "trick 3"});
    CHECK(heard.empty());
}
