#include "es/system.hpp"

#include <algorithm>
#include <thread>

#include "es/recorder.hpp"

namespace es {

System::System(std::vector<std::vector<std::string>> pipes)
{
    for (const std::vector<std::string>& pipe : pipes) {
        for (std::size_t i = 0; i < pipe.size(); ++i) {
            if (!contains(pipe[i])) names_.push_back(pipe[i]);
            if (i == 0) continue;
            if (pipe[i] == pipe[i - 1]) throw SystemError(pipe[i] + " cannot follow itself");
            const std::pair<std::string, std::string> edge{pipe[i - 1], pipe[i]};
            if (std::find(edges_.begin(), edges_.end(), edge) == edges_.end()) edges_.push_back(edge);
        }
    }
}

bool System::contains(const std::string& name) const
{
    return std::find(names_.begin(), names_.end(), name) != names_.end();
}

std::vector<std::string> System::followers() const
{
    std::vector<std::string> followers;
    for (const std::string& name : names_) {
        if (!upstreams_of(name).empty()) followers.push_back(name);
    }
    return followers;
}

std::vector<std::string> System::upstreams_of(const std::string& name) const
{
    std::vector<std::string> upstreams;
    for (const auto& [upstream, follower] : edges_) {
        if (follower == name) upstreams.push_back(upstream);
    }
    return upstreams;
}

SingleThreadedRunner::~SingleThreadedRunner()
{
    // No save may call back into a runner being destroyed.
    catching_up_ = true;
}

void SingleThreadedRunner::keep(Node node)
{
    if (!system_.contains(node.name)) {
        throw SystemError("the system has no application named '" + node.name + "'");
    }
    if (std::any_of(nodes_.begin(), nodes_.end(), [&](const Node& kept) { return kept.name == node.name; })) {
        throw SystemError(node.name + " was added twice");
    }
    if (!system_.upstreams_of(node.name).empty() && node.follower == nullptr) {
        throw SystemError(node.name + " follows other applications, so it must be an es::ProcessApplication");
    }
    nodes_.push_back(std::move(node));
}

const SingleThreadedRunner::Node& SingleThreadedRunner::node(const std::string& name) const
{
    const auto found =
        std::find_if(nodes_.begin(), nodes_.end(), [&](const Node& node) { return node.name == name; });
    if (found == nodes_.end()) throw SystemError(name + " is in the system but was not added to the runner");
    return *found;
}

void SingleThreadedRunner::start()
{
    for (const std::string& name : system_.names()) {
        const Node& follower = node(name);
        for (const std::string& upstream : system_.upstreams_of(name))
            follower.follower->follow(upstream, *node(upstream).log);
    }
    started_ = true;
    catch_up();
}

std::int64_t SingleThreadedRunner::catch_up()
{
    if (!started_ || catching_up_) return 0;  // the call already running goes round until all are done
    catching_up_ = true;
    struct Done {
        bool& flag;
        ~Done() { flag = false; }
    } done{catching_up_};
    std::int64_t total = 0;
    // >>> step 5: SingleThreadedRunner::catch_up
    // Round after round, every follower takes what is new from each of its upstreams, until a
    // whole round finds nothing: what one follower saves may be news for the next one.
    for (std::int64_t processed = 1; processed > 0;) {
        processed = 0;
        for (const std::string& name : system_.followers()) {
            const Node& follower = node(name);
            for (const std::string& upstream : system_.upstreams_of(name))
                processed += follower.follower->pull_and_process(upstream, NotificationLog::max_limit);
        }
        total += processed;
    }
    // <<<
    return total;
}

void run_follower(const System& system, const std::string& name, Follower& follower,
                  const Environment& environment, const std::atomic<bool>& stop,
                  std::chrono::milliseconds poll, const std::function<void(std::int64_t)>& processed)
{
    // Each upstream is read from its own storage, as another process wrote it: a recorder of its
    // own per upstream, opened with that application's settings.
    struct UpstreamLog {
        std::string name;
        std::unique_ptr<Recorder> recorder;
        std::unique_ptr<NotificationLog> log;
    };
    std::vector<UpstreamLog> upstreams;
    for (const std::string& upstream : system.upstreams_of(name)) {
        std::unique_ptr<Recorder> recorder = make_recorder(environment.for_application(upstream));
        auto log = std::make_unique<NotificationLog>(*recorder);
        follower.follow(upstream, *log);
        upstreams.push_back({upstream, std::move(recorder), std::move(log)});
    }
    if (upstreams.empty()) throw SystemError(name + " follows no application in this system");
    while (!stop.load()) {
        std::int64_t count = 0;
        // >>> step 6: run_follower
        // Pull, never pushed: each round asks every upstream for what came after the last
        // notification tracked. Another process of the same follower may have processed it first:
        // that is no error, the next round reads the position again.
        for (const UpstreamLog& upstream : upstreams) {
            try {
                count += follower.pull_and_process(upstream.name, NotificationLog::max_limit);
            } catch (const ConcurrencyError&) {
                ++count;  // someone else moved on: ask again at once
            }
        }
        // <<<
        if (processed && count > 0) processed(count);
        if (count == 0) std::this_thread::sleep_for(poll);
    }
}

}  // namespace es
