#pragma once
// A system of applications: which follows which, by name, and two ways to run the same system.
//
//     es::System system{{{"DogSchool", "Certificates"}}};   // a pipe: Certificates follows DogSchool
//
// - In one thread, in memory (es::SingleThreadedRunner): after each save of any application, every
//   follower processes what is new until all are caught up. What tests and development use.
// - As processes (es::run_follower, one per follower), each application on its own durable
//   storage (PostgreSQL: settings per application, CERTIFICATES_POSTGRES_DBNAME before
//   POSTGRES_DBNAME). Each follower polls its upstreams' logs and processes until it is stopped.
// The applications are the same code both ways, so the system ends in the same state both ways.
#include <atomic>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "es/application.hpp"
#include "es/environment.hpp"
#include "es/error.hpp"
#include "es/process_application.hpp"

namespace es {

// The system says something that cannot be: an application in no pipe, one following itself.
class SystemError : public Error {
public:
    using Error::Error;
};

// Which application follows which. Each pipe is a chain of application names, each following the
// one before it: {"DogSchool", "Certificates"}. An application may be in several pipes.
class System {
public:
    explicit System(std::vector<std::vector<std::string>> pipes);

    // Every application, in the order the pipes first name them.
    const std::vector<std::string>& names() const { return names_; }
    // Those that follow another, in that order.
    std::vector<std::string> followers() const;
    // The applications `name` follows, in the order the pipes say.
    std::vector<std::string> upstreams_of(const std::string& name) const;
    bool contains(const std::string& name) const;

private:
    std::vector<std::string> names_;
    std::vector<std::pair<std::string, std::string>> edges_;  // (upstream, follower)
};

// Runs a system in this thread: makes its applications (add), wires each follower to its upstreams'
// logs, and after every save of any of them steps each follower until all are caught up. So a
// command on the leader returns once every follower has processed what it caused.
class SingleThreadedRunner {
public:
    explicit SingleThreadedRunner(System system) : system_(std::move(system)) {}
    SingleThreadedRunner(const SingleThreadedRunner&) = delete;
    SingleThreadedRunner& operator=(const SingleThreadedRunner&) = delete;
    ~SingleThreadedRunner();

    // Makes application A from `environment` (A's constructor names it), keeps it, and returns it.
    // Add every application of the system, upstreams before their followers, then start().
    template <typename A>
    A& add(const Environment& environment)
    {
        auto application = std::make_shared<A>(environment);
        Follower* follower = nullptr;
        if constexpr (std::derived_from<A, Follower>) follower = application.get();
        keep({application->name(), &application->notification_log(), follower, application});
        application->after_save([this] { catch_up(); });
        return *application;
    }

    // Wires each follower to the logs of its upstreams and lets it catch up with them.
    void start();

    // Steps every follower until none has anything new to process. Returns how many notifications
    // were processed in all. (A save while it runs, by a follower's policy, is caught up by this
    // same call: it does not start another.)
    std::int64_t catch_up();

private:
    struct Node {
        std::string name;
        const NotificationLog* log;
        Follower* follower;  // nullptr for an application that follows nothing
        std::shared_ptr<void> owner;
    };
    void keep(Node node);
    const Node& node(const std::string& name) const;

    System system_;
    std::vector<Node> nodes_;
    bool started_ = false;
    bool catching_up_ = false;
};

// Runs `follower` (application `name` of `system`) in this process until `stop` is true: reads each
// of its upstreams' logs from that upstream's own storage (the environment for_application of the
// upstream's name), processes what is new, and when nothing is new waits `poll` and asks again.
// `processed` (if given) is called after each batch with how many were processed.
void run_follower(const System& system, const std::string& name, Follower& follower,
                  const Environment& environment, const std::atomic<bool>& stop,
                  std::chrono::milliseconds poll = std::chrono::milliseconds{50},
                  const std::function<void(std::int64_t)>& processed = {});

}  // namespace es
