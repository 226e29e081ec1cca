// Steps 3, 5 and 6: the system of the dog school and its certificates office, run in one thread
// in memory and as processes on PostgreSQL, stopped, restarted and killed on the way.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "certificates/certificates.hpp"
#include "dogschool/dog_school.hpp"
#include "es/system.hpp"
#include "fixtures.hpp"

#if !defined(_WIN32)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using certificates::CertificateDetails;
using certificates::Certificates;
using dogschool::DogSchool;

namespace {

// The scenario in one thread, in memory: what the other runs must end like.
fixtures::FinalState in_one_thread()
{
    es::SingleThreadedRunner runner{fixtures::dog_school_system()};
    auto& school = runner.add<DogSchool>(es::Environment{{"PERSISTENCE_MODULE", "popo"}});
    auto& office = runner.add<Certificates>(es::Environment{{"PERSISTENCE_MODULE", "popo"}});
    runner.start();
    const std::vector<es::Uuid> dogs = fixtures::run_script(school);
    return fixtures::final_state(school, office, dogs);
}

#if !defined(_WIN32)

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int)
{
    stop_requested = true;
}

// A follower process: the certificates office, following the school until SIGTERM. It opens every
// connection itself (none is shared across fork) and ends with _exit: the test's own state is the
// parent's. An error that stops it early is written to a file, and the parent throws it, so the
// test fails with the follower's own message. Never outlives the test: SIGKILL when destroyed.
class FollowerProcess {
public:
    FollowerProcess(const es::Environment& environment, std::string error_file)
        : error_file_(std::move(error_file)), pid_(fork())
    {
        if (pid_ < 0) throw es::Error("cannot fork the follower process");
        if (pid_ != 0) return;
        int status = 0;
        try {
            stop_requested = false;
            signal(SIGTERM, request_stop);
            Certificates office{environment};
            es::run_follower(fixtures::dog_school_system(), "Certificates", office, environment,
                             stop_requested, std::chrono::milliseconds{5});
        } catch (const std::exception& e) {
            std::ofstream{error_file_} << e.what();
            status = 2;
        }
        _exit(status);
    }
    FollowerProcess(const FollowerProcess&) = delete;
    FollowerProcess& operator=(const FollowerProcess&) = delete;
    ~FollowerProcess()
    {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }

    // True once the process has ended (it can still be stopped or killed, to collect it).
    bool ended() const
    {
        siginfo_t info{};
        return waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
               info.si_pid == pid_;
    }

    // SIGTERM, and waits for it to end (at most 10 s). Throws what stopped it, if anything did.
    void stop()
    {
        ::kill(pid_, SIGTERM);
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!ended() && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        collect(SIGTERM);
    }

    // SIGKILL, part way. Returns true if the signal killed it (it was still running); throws what
    // stopped it before, if anything did.
    bool kill()
    {
        ::kill(pid_, SIGKILL);
        return collect(SIGKILL);
    }

private:
    bool collect(int signal)
    {
        int status = 0;
        if (!ended()) ::kill(pid_, SIGKILL);  // stuck: it fails below, never hangs
        waitpid(pid_, &status, 0);
        pid_ = -1;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 2) {
            std::ifstream in{error_file_};
            const std::string what{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
            throw es::Error("the follower process stopped: " + what);
        }
        if (WIFSIGNALED(status)) return WTERMSIG(status) == signal && signal == SIGKILL;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw es::Error("the follower process failed");
        return false;
    }

    std::string error_file_;
    pid_t pid_;
};

// Waits until the office tracked `notifications` of the school, or the follower process ended
// (at most `seconds`); true if the office got there.
bool wait_for(const Certificates& office, std::int64_t notifications, const FollowerProcess& follower,
              int seconds = 20)
{
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (office.recorder().max_tracking_id("DogSchool") < notifications) {
        if (std::chrono::steady_clock::now() > give_up || follower.ended()) {
            return office.recorder().max_tracking_id("DogSchool") >= notifications;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

#endif

}  // namespace

TEST_CASE("in one thread, a command on the school returns with the certificates office caught up")
{
    es::SingleThreadedRunner runner{fixtures::dog_school_system()};
    auto& school = runner.add<DogSchool>(es::Environment{{"PERSISTENCE_MODULE", "popo"}});
    auto& office = runner.add<Certificates>(es::Environment{{"PERSISTENCE_MODULE", "popo"}});
    runner.start();
    const es::Uuid fido = school.register_dog("Fido");
    school.add_trick(fido, "sit");
    school.add_trick(fido, "roll over");
    CHECK(office.certificate_of(fido) == std::nullopt);
    CHECK(office.recorder().max_tracking_id("DogSchool") == 3);
    school.add_trick(fido, "play dead");
    CHECK(office.certificate_of(fido) == CertificateDetails{"Fido", {"sit", "roll over", "play dead"}});
    CHECK(office.recorder().max_tracking_id("DogSchool") == 4);
    CHECK(runner.catch_up() == 0);
}

TEST_CASE("a follower started after its upstream catches up with all it missed")
{
    es::SingleThreadedRunner runner{fixtures::dog_school_system()};
    auto& school = runner.add<DogSchool>(es::Environment{{"PERSISTENCE_MODULE", "popo"}});
    auto& office = runner.add<Certificates>(es::Environment{{"PERSISTENCE_MODULE", "popo"}});
    const std::vector<es::Uuid> dogs = fixtures::run_script(school);  // before start(): nobody follows yet
    CHECK(office.recorder().max_tracking_id("DogSchool") == 0);
    runner.start();
    CHECK(fixtures::final_state(school, office, dogs) == in_one_thread());
}

TEST_CASE("a follower that stops and restarts goes on from its tracked position")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::sqlite_file(dir, "school.db")};
    const std::vector<es::Uuid> dogs = fixtures::run_script(school);
    const es::Environment office_file = fixtures::sqlite_file(dir, "certificates.db");
    {
        Certificates office{office_file};
        office.follow("DogSchool", school.notification_log());
        CHECK(office.pull_and_process("DogSchool", 5) == 5);
        CHECK(office.pull_and_process("DogSchool", 3) == 3);
        CHECK(office.recorder().max_tracking_id("DogSchool") == 8);
    }  // stopped: the office is closed, its file stays
    Certificates office{office_file};
    office.follow("DogSchool", school.notification_log());
    CHECK(office.pull_and_process("DogSchool", 1000) == fixtures::script_notifications - 8);
    CHECK(office.pull_and_process("DogSchool", 1000) == 0);
    const fixtures::FinalState state = fixtures::final_state(school, office, dogs);
    CHECK(state.certificates == fixtures::script_certificates());
    CHECK(state.tracked == fixtures::script_notifications);
}

#if !defined(_WIN32)

TEST_CASE("the scenario ends the same in one thread in memory and as processes on PostgreSQL")
{
    const fixtures::FinalState expected = in_one_thread();
    CHECK(expected.school_notifications == fixtures::script_notifications);
    CHECK(expected.certificates == fixtures::script_certificates());

    const es::Environment environment = fixtures::postgres_system();
    {
        const DogSchool school{environment};  // the tables exist before the follower polls
        const Certificates office{environment};
    }
    const fixtures::TempDir dir;
    FollowerProcess follower{environment, dir.file("follower-error.txt")};
    DogSchool school{environment};
    const std::vector<es::Uuid> dogs = fixtures::run_script(school);  // while the follower follows
    const Certificates office{environment};
    const bool caught_up = wait_for(office, fixtures::script_notifications, follower);
    follower.stop();
    REQUIRE(caught_up);
    CHECK(fixtures::final_state(school, office, dogs) == expected);
}

TEST_CASE("a follower process killed with SIGKILL part way and started again loses and doubles nothing")
{
    constexpr int dogs = 40;
    constexpr std::int64_t total = dogs * 4;  // each registered and taught three tricks
    const es::Environment environment = fixtures::postgres_system();
    DogSchool school{environment};
    std::vector<es::Uuid> ids;
    for (int d = 0; d < dogs; ++d) {
        ids.push_back(school.register_dog("Dog " + std::to_string(d)));
        for (const char* trick : {"sit", "paw", "beg"}) school.add_trick(ids.back(), trick);
    }
    const Certificates office{environment};

    const fixtures::TempDir dir;
    {
        FollowerProcess first{environment, dir.file("first-error.txt")};
        wait_for(office, 20, first, 10);
        CHECK(first.kill());
    }
    const std::int64_t at_kill = office.recorder().max_tracking_id("DogSchool");
    CHECK(at_kill >= 20);
    CHECK(at_kill < total);

    FollowerProcess second{environment, dir.file("second-error.txt")};
    const bool caught_up = wait_for(office, total, second);
    second.stop();
    REQUIRE(caught_up);
    es::postgres::Connection database{
        fixtures::server_of(es::Environment{environment}.for_application("Certificates"))};
    CHECK(database.query("SELECT COUNT(*) FROM tracking").int64(0, 0) == total);
    const auto topics = fixtures::topics_of(office.notification_log());
    CHECK(fixtures::count_of(topics, certificates::Awarded::topic) == dogs);
    CHECK(fixtures::count_of(topics, certificates::Enrolled::topic) == dogs);
    CHECK(fixtures::count_of(topics, certificates::TrickCounted::topic) == 3 * dogs);
    for (const es::Uuid& dog : ids) {
        CHECK(office.certificate_of(dog) ==
              CertificateDetails{school.get_dog(dog).name, {"sit", "paw", "beg"}});
    }
}

#endif
