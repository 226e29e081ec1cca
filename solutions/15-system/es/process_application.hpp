#pragma once
// An application that follows other applications: it reads their notification logs, gives each of
// their events to its policy, and stores what the policy changed together with a tracking record
// of the notification (es::Tracking), in one transaction. So each upstream notification is
// processed exactly once, however often the process is stopped, killed or started again:
//
//     class Certificates : public es::ProcessApplication<CertificatesMapper, TrickCounter, Certificate> {
//         Certificates(es::Environment environment) : ProcessApplication(environment, "Certificates")
//         {
//             policy_for<dogschool::DogMapper, dogschool::DogEvent>(
//                 "DogSchool", [this](const dogschool::DogEvent& e, Processing& p) { policy(e, p); });
//         }
//     };
//
// It pulls: it asks each upstream's log for what comes after the last notification it tracked, at
// its own pace. An upstream never waits for a follower, and a follower that was away catches up.
// es::System says which application follows which, and runs them.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "es/application.hpp"
#include "es/environment.hpp"
#include "es/error.hpp"
#include "es/recorder.hpp"

namespace es {

// What es::System asks of an application that follows others, whatever its aggregate types.
class Follower {
public:
    virtual ~Follower() = default;

    // The names of the upstream applications it has a policy for.
    virtual std::vector<std::string> upstream_names() const = 0;
    // Reads upstream `upstream_name` from `log` from now on (the log must outlive the follower's use).
    virtual void follow(const std::string& upstream_name, const NotificationLog& log) = 0;
    // Processes at most `max` of the upstream's notifications after the last one tracked, oldest
    // first, each in a transaction of its own. Returns how many (0: caught up).
    virtual std::int64_t pull_and_process(const std::string& upstream_name, std::int64_t max) = 0;

protected:
    Follower() = default;
    Follower(const Follower&) = default;
    Follower& operator=(const Follower&) = default;
};

// An upstream the follower has no policy for, or one it was not told where to read.
class UnknownUpstream : public Error {
public:
    using Error::Error;
};

template <typename Mapper, EventSourced... Aggregates>
class ProcessApplication : public Application<Mapper, Aggregates...>, public Follower {
public:
    // What the policy stores while it processes one upstream notification: the events of the
    // aggregates it saves, and the tracking record of the notification.
    class Processing {
    public:
        explicit Processing(Tracking tracking) : tracking_(std::move(tracking)) {}

        // Takes the pending events of each aggregate given (of the application's types), to be
        // stored with the tracking record. Nothing is stored until the whole notification is.
        template <typename... Changed>
        requires(sizeof...(Changed) > 0 &&
                 (detail::one_of<Changed, Aggregates...> && ...)) void save(Changed&... aggregates)
        {
            (take(aggregates), ...);
        }

        const Tracking& tracking() const { return tracking_; }
        const std::vector<StoredEvent>& events() const { return events_; }

    private:
        template <typename A>
        void take(A& aggregate)
        {
            for (const auto& event : aggregate.pending_events()) events_.push_back(Mapper::to_stored(event));
            aggregate.collect_events();
        }

        Tracking tracking_;
        std::vector<StoredEvent> events_;
    };

    // A policy: what to do with one event of an upstream (a domain function; see the class above).
    template <typename UpstreamEvent>
    using Policy = std::function<void(const UpstreamEvent&, Processing&)>;

    ProcessApplication(const Environment& environment, std::string name)
        : Application<Mapper, Aggregates...>(environment, std::move(name))
    {
    }

    std::vector<std::string> upstream_names() const override
    {
        std::vector<std::string> names;
        for (const auto& [name, upstream] : upstreams_) names.push_back(name);
        return names;
    }

    void follow(const std::string& upstream_name, const NotificationLog& log) override
    {
        upstream(upstream_name).log = &log;
    }

    std::int64_t pull_and_process(const std::string& upstream_name,
                                  std::int64_t max = NotificationLog::max_limit) override
    {
        const Upstream& from = upstream(upstream_name);
        if (from.log == nullptr) {
            throw UnknownUpstream(this->name() + " was not told where to read " + upstream_name +
                                  "'s notification log (follow it first)");
        }
        // >>> step 3: ProcessApplication::pull_and_process
        // Where this application is in that upstream's log is in its own store: the tracking
        // records it stored with its events. It goes on after the last one.
        const std::int64_t last = this->recorder().max_tracking_id(upstream_name);
        const std::vector<Notification> page =
            from.log->select(last + 1, std::clamp<std::int64_t>(max, 1, NotificationLog::max_limit));
        for (const Notification& notification : page) {
            Processing processing{{upstream_name, notification.id}};
            from.process(notification.event, processing);
            record(processing);
        }
        return static_cast<std::int64_t>(page.size());
        // <<<
    }

    // Stores what a policy saved and its tracking record, in one transaction. Throws
    // es::AlreadyProcessed, storing nothing, if that notification was processed already.
    void record(const Processing& processing)
    {
        // >>> step 3: ProcessApplication::record
        this->writable_recorder().insert_events(processing.events(), processing.tracking());
        if (!processing.events().empty()) this->run_after_save();
        // <<<
    }

protected:
    // Says what to do with the events of the upstream application `upstream_name`: read them with
    // UpstreamMapper as UpstreamEvent (the upstream's published language: its event types and
    // mapper), and hand each to `policy`.
    template <typename UpstreamMapper, typename UpstreamEvent>
    void policy_for(const std::string& upstream_name, Policy<UpstreamEvent> policy)
    {
        upstreams_[upstream_name].process = [policy = std::move(policy)](const StoredEvent& stored,
                                                                         Processing& processing) {
            policy(UpstreamMapper::template from_stored<UpstreamEvent>(stored), processing);
        };
    }

private:
    struct Upstream {
        std::function<void(const StoredEvent&, Processing&)> process;
        const NotificationLog* log = nullptr;
    };

    Upstream& upstream(const std::string& name)
    {
        const auto found = upstreams_.find(name);
        if (found == upstreams_.end()) {
            throw UnknownUpstream(this->name() + " has no policy for the events of " + name);
        }
        return found->second;
    }

    std::map<std::string, Upstream> upstreams_;
};

}  // namespace es
