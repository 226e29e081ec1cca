// Where the events go: the environment chooses, and SQLite keeps them in the workshop's table.
#include <doctest/doctest.h>

#include <string>

#include "dogschool/dog_school.hpp"
#include "es/popo_recorder.hpp"
#include "es/sqlite.hpp"
#include "es/sqlite_recorder.hpp"
#include "fixtures.hpp"

using dogschool::DogSchool;

TEST_CASE("the environment chooses where events are kept")
{
    const fixtures::TempDir dir;
    SUBCASE("PERSISTENCE_MODULE=popo keeps them in memory")
    {
        const DogSchool app{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
        CHECK(dynamic_cast<const es::PopoRecorder*>(&app.recorder()) != nullptr);
    }
    SUBCASE("PERSISTENCE_MODULE=sqlite keeps them in the SQLITE_DBNAME file")
    {
        const DogSchool app{fixtures::sqlite_file(dir)};
        CHECK(dynamic_cast<const es::SqliteRecorder*>(&app.recorder()) != nullptr);
    }
}

TEST_CASE("with nothing said anywhere, a dog school keeps its dogs in memory")
{
    const fixtures::ScopedEnv no_module{"PERSISTENCE_MODULE", std::nullopt};
    DogSchool app;
    CHECK(dynamic_cast<const es::PopoRecorder*>(&app.recorder()) != nullptr);
    const es::Uuid id = app.register_dog("Fido");
    CHECK(app.get_dog(id).name == "Fido");
}

TEST_CASE("an empty PERSISTENCE_MODULE counts as none: the dogs are kept in memory")
{
    const DogSchool app{es::Environment{{"PERSISTENCE_MODULE", ""}}};
    CHECK(dynamic_cast<const es::PopoRecorder*>(&app.recorder()) != nullptr);
}

TEST_CASE("settings not given to the environment come from the process environment")
{
    const fixtures::TempDir dir;
    const fixtures::ScopedEnv module{"PERSISTENCE_MODULE", "sqlite"};
    const fixtures::ScopedEnv dbname{"SQLITE_DBNAME", dir.file("from-process.db")};

    const DogSchool app;
    CHECK(dynamic_cast<const es::SqliteRecorder*>(&app.recorder()) != nullptr);

    SUBCASE("and settings given win over the process environment")
    {
        const DogSchool given{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
        CHECK(dynamic_cast<const es::PopoRecorder*>(&given.recorder()) != nullptr);
    }
    SUBCASE("es::Environment::get looks in the same order")
    {
        const es::Environment environment{{"PERSISTENCE_MODULE", "popo"}};
        CHECK(environment.get("PERSISTENCE_MODULE") == "popo");
        CHECK(environment.get("SQLITE_DBNAME") == dir.file("from-process.db"));
        CHECK(environment.get("KIT_NO_SUCH_SETTING", "fallback") == "fallback");
    }
}

TEST_CASE("an unknown persistence module is a clear error")
{
    try {
        DogSchool app{es::Environment{{"PERSISTENCE_MODULE", "carrier-pigeon"}}};
        FAIL("a DogSchool was made with an unknown persistence module");
    } catch (const es::ConfigurationError& e) {
        CHECK(std::string(e.what()).find("carrier-pigeon") != std::string::npos);
    }
}

TEST_CASE("SQLite without a database name is a clear error")
{
    const fixtures::ScopedEnv no_dbname{"SQLITE_DBNAME", std::nullopt};
    const es::Environment sqlite_only{{"PERSISTENCE_MODULE", "sqlite"}};
    CHECK_THROWS_AS(DogSchool{sqlite_only}, es::ConfigurationError);
}

TEST_CASE("SQLite keeps each event as a row of the sequenced_items table")
{
    const fixtures::TempDir dir;
    es::Uuid dog_id;
    {
        DogSchool app{fixtures::sqlite_file(dir)};
        dog_id = app.register_dog("Fido");
        app.add_trick(dog_id, "roll over");
    }
    es::sqlite::Database database{dir.file("dogs.db")};
    auto rows = database.prepare(
        "SELECT notification_id, sequence_id, position, topic, state FROM sequenced_items ORDER BY "
        "notification_id");
    REQUIRE(rows.step());
    CHECK(rows.column_int64(0) == 1);
    CHECK(rows.column_text(1) == dog_id.to_string());
    CHECK(rows.column_int64(2) == 0);
    CHECK(rows.column_text(3) == "dogschool.Dog.Registered");
    CHECK(rows.column_text(4).find("\"name\":\"Fido\"") != std::string::npos);
    REQUIRE(rows.step());
    CHECK(rows.column_int64(2) == 1);
    CHECK(rows.column_text(3) == "dogschool.Dog.TrickAdded");
    CHECK_FALSE(rows.step());
}

TEST_CASE("a stored event that cannot be read is a clear error naming its topic, stream and position")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::sqlite_file(dir)};
    const es::Uuid dog_id = app.register_dog("Fido");

    std::string topic = "dogschool.Dog.TrickAdded";
    std::string state;
    SUBCASE("corrupt JSON")
    {
        state = "{\"timestamp\": 1, \"trick\": ";
    }
    SUBCASE("a field of the wrong type")
    {
        state = "{\"timestamp\": 1, \"trick\": 42}";
    }
    SUBCASE("a missing field")
    {
        state = "{\"timestamp\": 1}";
    }
    SUBCASE("a missing comma")
    {
        state = "{\"timestamp\":1\"trick\":\"sit\"}";
    }
    SUBCASE("a repeated field")
    {
        state = "{\"timestamp\":1,\"timestamp\":2}";
    }
    SUBCASE("an unknown topic")
    {
        topic = "dogschool.Dog.Vanished";
        state = "{\"timestamp\": 1}";
    }
    {
        es::sqlite::Database database{dir.file("dogs.db")};
        database
            .prepare(
                "INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES (?1, 1, ?2, ?3)")
            .bind(1, dog_id.to_string())
            .bind(2, topic)
            .bind(3, state)
            .exec();
    }

    try {
        (void)app.get_dog(dog_id);
        FAIL("a corrupt event was read without an error");
    } catch (const es::MappingError& e) {
        const std::string message = e.what();
        CHECK(message.find(topic) != std::string::npos);
        CHECK(message.find(dog_id.to_string()) != std::string::npos);
        CHECK(message.find("position 1") != std::string::npos);
    }
}

TEST_CASE("a stored state in another valid JSON layout is read all the same")
{
    const fixtures::TempDir dir;
    DogSchool app{fixtures::sqlite_file(dir)};
    const es::Uuid dog_id = app.register_dog("Fido");
    {
        es::sqlite::Database database{dir.file("dogs.db")};
        auto insert = database.prepare(
            "INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES (?1, ?2, ?3, ?4)");
        const auto add = [&](std::int64_t position, const std::string& state) {
            insert.bind(1, dog_id.to_string())
                .bind(2, position)
                .bind(3, "dogschool.Dog.TrickAdded")
                .bind(4, state)
                .exec();
        };
        add(1, R"({ "trick" : "sit", "timestamp" : 5 })");
        add(2, R"({"timestamp":6,"trick":"sta\u0079"})");
        add(3, R"({"trick":"roll over","timestamp":7})");
    }
    CHECK(app.get_dog(dog_id).tricks == std::vector<std::string>{"sit", "stay", "roll over"});
}
