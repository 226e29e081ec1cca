#pragma once
// The library way, part two: an application object that keeps aggregates in a recorder.
//
//     class DogSchool : public es::Application<Dog, DogMapper> { ... };
//
// save() stores an aggregate's pending events, repository().get() rebuilds an aggregate from its
// stored events, and notification_log() shows every stored event of every aggregate, in order.
// Which recorder is used is the environment's choice (see environment.hpp).
//
// The bodies of Repository::load and Application::save are in application_impl.hpp, included only
// where an application type is instantiated (dog_school.cpp), so that editing them recompiles that
// one file rather than every file that uses the dog school.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aggregate.hpp"
#include "environment.hpp"
#include "recorder.hpp"

namespace es {

// Gets aggregates of type A back from their stored events. A's mutate() rebuilds them; Mapper
// turns stored events back into A's events (see DogMapper in dog_mapper.hpp for what it provides).
template <typename A, typename Mapper>
class Repository {
public:
    explicit Repository(const Recorder& recorder) : recorder_(recorder) {}

    // The aggregate as it is now. Throws es::AggregateNotFound if nothing is stored for `id`.
    A get(const Uuid& id) const { return load(id, std::nullopt); }

    // The aggregate as it was at `version` (made by its first `version` events). Throws
    // es::AggregateNotFound if it never had that version.
    A get(const Uuid& id, std::int64_t version) const { return load(id, version); }

private:
    A load(const Uuid& id, std::optional<std::int64_t> version) const;

    const Recorder& recorder_;
};

// The limit asked of the notification log is not between 1 and NotificationLog::max_limit.
class NotificationLimitError : public Error {
public:
    using Error::Error;
};

// Every stored event of every aggregate, in the order stored, numbered from 1 without gaps. Read it
// page by page: select(1, 100), then select(101, 100), and so on. Projections and other
// applications follow an application through it.
class NotificationLog {
public:
    // The most notifications one select() returns.
    static constexpr std::int64_t max_limit = 1000;

    explicit NotificationLog(const Recorder& recorder) : recorder_(recorder) {}

    // At most `limit` notifications from id `start` on (start below 1 means from the first). Fewer
    // when the log ends sooner; none when start is past its end. Throws es::NotificationLimitError
    // unless 1 <= limit <= max_limit.
    std::vector<Notification> select(std::int64_t start, std::int64_t limit) const;

    // The id of the last notification, 0 when the log is empty.
    std::int64_t max_id() const { return recorder_.max_notification_id(); }

private:
    const Recorder& recorder_;
};

// The base of an application whose aggregates are A's, stored with Mapper, which provides
//     static es::StoredEvent to_stored(const A::Event& event);
//     static A::Event from_stored(const es::StoredEvent& stored);
template <typename A, typename Mapper>
class Application {
public:
    // Persistence as the environment says (keys not given come from the process environment).
    explicit Application(const Environment& environment)
        : recorder_(make_recorder(environment)), repository_(*recorder_), notification_log_(*recorder_)
    {
    }

    // Stores the aggregate's pending events, all or nothing, then forgets them (they are saved). If
    // the aggregate is stale (another save stored events at its versions first), throws
    // es::ConcurrencyError, stores nothing and leaves the aggregate as it was.
    void save(A& aggregate);

    const Repository<A, Mapper>& repository() const { return repository_; }
    const NotificationLog& notification_log() const { return notification_log_; }
    const Recorder& recorder() const { return *recorder_; }

private:
    std::unique_ptr<Recorder> recorder_;
    Repository<A, Mapper> repository_;
    NotificationLog notification_log_;
};

}  // namespace es
