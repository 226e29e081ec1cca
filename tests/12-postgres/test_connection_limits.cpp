// A PostgreSQL connection in the real world: a statement stuck behind another program's lock is
// cancelled after POSTGRES_STATEMENT_TIMEOUT instead of hanging, and a connection the server ended
// (a restart, an administrator) is opened again by the next call instead of failing every call.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "dogschool/dog_school.hpp"
#include "es/environment.hpp"
#include "es/postgres.hpp"
#include "fixtures.hpp"

using dogschool::DogSchool;

namespace {

// Ends every other connection to the environment's database, as a server restart or an
// administrator's pg_terminate_backend would, and waits until they are gone.
void end_other_connections(const es::Environment& environment)
{
    es::postgres::Connection admin{fixtures::server_of(environment)};
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()");
    for (int i = 0; i < 500; ++i) {
        const es::postgres::Result left = admin.query(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
            "pg_backend_pid()");
        if (left.int64(0, 0) == 0) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("the connections ended did not go away");
}

struct JoinOnExit {
    std::thread& thread;
    ~JoinOnExit()
    {
        if (thread.joinable()) thread.join();
    }
};

}  // namespace

TEST_CASE("a statement kept waiting longer than POSTGRES_STATEMENT_TIMEOUT is cancelled with a clear error")
{
    es::Environment environment = fixtures::postgres_database();
    environment.set("POSTGRES_STATEMENT_TIMEOUT", "1");
    DogSchool school{environment};

    {
        // Another program locks the table, and lets go only after 4 s: the save would wait that long.
        es::postgres::Connection other{fixtures::server_of(environment)};
        es::postgres::Transaction locked{other};
        other.execute("LOCK TABLE sequenced_items IN ACCESS EXCLUSIVE MODE");
        std::thread release{[&] {
            std::this_thread::sleep_for(std::chrono::seconds(4));
            locked.commit();
        }};
        const JoinOnExit join{release};  // however the test ends, even on a stub's exception

        const auto began = std::chrono::steady_clock::now();
        try {
            (void)school.register_dog("Fido");
            FAIL_CHECK("the save waited for the lock instead of being cancelled");
        } catch (const es::postgres::Error& e) {
            CHECK(e.is_statement_timeout());
            CHECK(std::string(e.what()).find("POSTGRES_STATEMENT_TIMEOUT") != std::string::npos);
        }
        CHECK(std::chrono::steady_clock::now() - began < std::chrono::seconds(3));
    }                                                // the lock is let go
    CHECK(school.notification_log().max_id() == 0);  // the cancelled save stored nothing
}

TEST_CASE("a connection limit that is not a number is a clear error")
{
    es::Environment environment = fixtures::postgres_database();
    for (const char* name : {"POSTGRES_STATEMENT_TIMEOUT", "POSTGRES_KEEPALIVES_IDLE",
                             "POSTGRES_KEEPALIVES_INTERVAL", "POSTGRES_KEEPALIVES_COUNT"}) {
        CAPTURE(name);
        es::Environment wrong = environment;
        wrong.set(name, "soon");
        try {
            DogSchool school{wrong};
            FAIL_CHECK("a DogSchool was made with " << std::string(name) << "=soon");
        } catch (const es::ConfigurationError& e) {
            CHECK(std::string(e.what()).find(name) != std::string::npos);
        }
    }
}

TEST_CASE("after the server ends a dog school's connection, its next call works")
{
    const es::Environment environment = fixtures::postgres_database();
    DogSchool school{environment};
    const es::Uuid fido = school.register_dog("Fido");

    end_other_connections(environment);
    CHECK(school.get_dog(fido).name == "Fido");  // a read, sent again on a new connection

    end_other_connections(environment);
    school.add_trick(fido, "sit");  // a save: its transaction begins on a new connection
    CHECK(school.get_dog(fido).tricks == std::vector<std::string>{"sit"});
    CHECK(school.notification_log().max_id() == 2);
}
