// Stage 15's demo: ./workshop run 15 builds and runs it. The dog school and its certificates office,
// a system of two applications, run twice:
//   1. in one thread, in memory (es::SingleThreadedRunner);
//   2. as two processes on PostgreSQL, each application with a database of its own: this process
//      is the school, and it starts a second one, `<this program> follow Certificates`, that
//      polls the school's log and awards certificates, printing what it processes.
// ./workshop run 15 starts the kit's throwaway PostgreSQL server for part 2 (it exports
// POSTGRES_HOST...); with a server of your own, set POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER,
// POSTGRES_PASSWORD (a user that may create databases) and run the program itself. The demo makes
// the databases kit_demo_dogschool and kit_demo_certificates afresh, unless DOGSCHOOL_POSTGRES_DBNAME
// and CERTIFICATES_POSTGRES_DBNAME name databases of yours. Without a server, part 2 is skipped.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#if !defined(_WIN32)
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "certificates/certificates.hpp"
#include "dogschool/dog_school.hpp"
#include "es/demo.hpp"
#include "es/system.hpp"

namespace {

const es::System the_system{{{"DogSchool", "Certificates"}}};

// What the school is told, in order; a pause between commands lets the follower be seen following.
void run_script(dogschool::DogSchool& school, std::vector<es::Uuid>& dogs, std::chrono::milliseconds pause)
{
    const std::vector<std::pair<std::string, std::vector<std::string>>> script{
        {"Fido", {"sit", "roll over", "play dead"}},
        {"Rex", {"sit", "paw"}},
        {"Lassie", {"fetch", "sit", "beg", "roll over"}},
    };
    for (const auto& [name, tricks] : script) {
        dogs.push_back(school.register_dog(name));
        std::cout << "[DogSchool]    registered " << name << '\n' << std::flush;
        std::this_thread::sleep_for(pause);
        for (const std::string& trick : tricks) {
            school.add_trick(dogs.back(), trick);
            std::cout << "[DogSchool]    " << name << " learned " << trick << '\n' << std::flush;
            std::this_thread::sleep_for(pause);
        }
    }
}

void show_certificates(const dogschool::DogSchool& school, const certificates::Certificates& office,
                       const std::vector<es::Uuid>& dogs)
{
    for (const es::Uuid& dog : dogs) {
        const std::optional<certificates::CertificateDetails> certificate = office.certificate_of(dog);
        std::cout << "  " << school.get_dog(dog).name << ": ";
        if (!certificate) {
            std::cout << "no certificate yet\n";
            continue;
        }
        std::cout << "certificate for";
        for (const std::string& trick : certificate->tricks) std::cout << " '" << trick << "'";
        std::cout << '\n';
    }
}

void in_one_thread()
{
    std::cout << "1. One thread, in memory: each command returns once the office has caught up.\n";
    es::SingleThreadedRunner runner{the_system};
    auto& school = runner.add<dogschool::DogSchool>(es::Environment{{"PERSISTENCE_MODULE", "popo"}});
    auto& office = runner.add<certificates::Certificates>(es::Environment{{"PERSISTENCE_MODULE", "popo"}});
    runner.start();
    std::vector<es::Uuid> dogs;
    run_script(school, dogs, std::chrono::milliseconds{0});
    show_certificates(school, office, dogs);
}

#if !defined(_WIN32)

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int)
{
    stop_requested = true;
}

// `follow NAME`: this process is the follower NAME, until SIGTERM or SIGINT.
int follow(const std::string& name)
{
    if (name != "Certificates") {
        std::cerr << "follow: the system's only follower is Certificates, not " << name << '\n';
        return 2;
    }
    std::signal(SIGTERM, request_stop);
    std::signal(SIGINT, request_stop);
    const es::Environment environment;
    certificates::Certificates office{environment};
    std::cout << "[Certificates] process " << ::getpid() << " follows DogSchool from notification "
              << office.recorder().max_tracking_id("DogSchool") + 1 << '\n'
              << std::flush;
    es::run_follower(the_system, name, office, environment, stop_requested, std::chrono::milliseconds{20},
                     [&](std::int64_t processed) {
                         std::cout << "[Certificates] processed " << processed
                                   << " notification(s), tracked up to "
                                   << office.recorder().max_tracking_id("DogSchool") << '\n'
                                   << std::flush;
                     });
    std::cout << "[Certificates] stopped\n";
    return 0;
}

// The databases of the two applications, made afresh unless the environment names its own.
void prepare_databases()
{
    const es::Environment environment;
    const es::postgres::Settings server{environment.get("POSTGRES_DBNAME", "postgres"),
                                        environment.get("POSTGRES_HOST"), environment.get("POSTGRES_PORT"),
                                        environment.get("POSTGRES_USER"),
                                        environment.get("POSTGRES_PASSWORD")};
    es::postgres::Connection connection{server};
    for (const std::string application : {"DOGSCHOOL", "CERTIFICATES"}) {
        const std::string variable = application + "_POSTGRES_DBNAME";
        if (!environment.get(variable).empty()) continue;
        std::string dbname = "kit_demo_" + application;
        for (char& c : dbname) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        connection.execute("DROP DATABASE IF EXISTS " + dbname);
        connection.execute("CREATE DATABASE " + dbname);
        ::setenv(variable.c_str(), dbname.c_str(), 1);
    }
    ::setenv("PERSISTENCE_MODULE", "postgres", 1);
}

void as_processes(const char* program)
{
    std::cout << "\n2. Two processes on PostgreSQL (server: " << es::Environment{}.get("POSTGRES_HOST")
              << ").\n";
    prepare_databases();
    {
        const dogschool::DogSchool school;  // its tables, before the follower reads them
    }
    std::cout << std::flush;
    const pid_t follower = ::fork();
    if (follower < 0) throw es::Error("cannot start the follower process");
    if (follower == 0) {
        ::execl("/proc/self/exe", program, "follow", "Certificates", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    dogschool::DogSchool school;
    std::vector<es::Uuid> dogs;
    std::this_thread::sleep_for(std::chrono::milliseconds{300});
    run_script(school, dogs, std::chrono::milliseconds{150});
    const certificates::Certificates office;  // the office's database, read from here
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (office.recorder().max_tracking_id("DogSchool") < school.notification_log().max_id() &&
           std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    ::kill(follower, SIGTERM);
    int status = 0;
    ::waitpid(follower, &status, 0);
    std::cout << "The office's own database says:\n";
    show_certificates(school, office, dogs);
    std::cout
        << "The same certificates as in one thread: the same applications, on another runner and store.\n";
}

#endif

}  // namespace

int main(int argc, char** argv)
{
    return es::run_demo([&] {
#if !defined(_WIN32)
        if (argc == 3 && std::string(argv[1]) == "follow") {
            if (const int status = follow(argv[2]); status != 0) std::exit(status);
            return;
        }
#endif
        in_one_thread();
#if !defined(_WIN32)
        if (es::Environment{}.get("POSTGRES_HOST").empty()) {
            std::cout << "\n2. Two processes on PostgreSQL: skipped, no server (set POSTGRES_HOST and the\n"
                         "   other POSTGRES_* settings, or install PostgreSQL for ./workshop run 15 to start "
                         "one).\n";
            return;
        }
        as_processes(argv[0]);
#else
        (void)argc;
        (void)argv;
#endif
    });
}
