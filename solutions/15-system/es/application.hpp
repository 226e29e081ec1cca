#pragma once
// The library way, part two: an application object that keeps aggregates in a recorder.
//
//     class DogSchool : public es::Application<DogMapper, Dog> { ... };
//     class Bank : public es::Application<BankMapper, Account, Customer> { ... };
//
// save() stores aggregates' pending events, repository().get() rebuilds an aggregate from its
// stored events, and notification_log() shows every stored event of every aggregate, in order.
// Which recorder is used is the environment's choice (see environment.hpp), and so is snapshotting
// (SNAPSHOTTING_INTERVAL): an aggregate type that is es::Snapshotting then has a snapshot stored
// every so many events, and get() starts from the latest one instead of the first event.
//
// The bodies of Repository::load and Application::save_all are in application_impl.hpp, included
// only where an application type is instantiated (dog_school.cpp), so that editing them recompiles
// that one file rather than every file that uses the dog school. They are members that are not
// templates of their own, so `template class` compiles them there, for every aggregate type.
#include <array>
#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "es/aggregate.hpp"
#include "es/environment.hpp"
#include "es/mapper.hpp"
#include "es/recorder.hpp"

namespace es {

namespace detail {

template <typename T, typename... Ts>
inline constexpr bool one_of = (std::same_as<T, Ts> || ...);

template <typename... Ts>
struct distinct : std::true_type {
};
template <typename T, typename... Ts>
struct distinct<T, Ts...> : std::bool_constant<!one_of<T, Ts...> && distinct<Ts...>::value> {
};

// What get() means when no type is named: the application's only aggregate type; with several, this
// marker, which get() refuses with a message to name the type.
struct SeveralAggregateTypesNameTheOneToGet {};
template <typename... Aggregates>
struct only_type {
    using type = SeveralAggregateTypesNameTheOneToGet;
};
template <typename A>
struct only_type<A> {
    using type = A;
};
template <typename... Aggregates>
using OnlyType = typename only_type<Aggregates...>::type;

}  // namespace detail

// What every application and repository asks of its types: at least one aggregate type, each once,
// and a mapper for the events of each.
template <typename Mapper, typename... Aggregates>
consteval bool check_application_types()
{
    static_assert(sizeof...(Aggregates) > 0, "an application holds at least one aggregate type");
    static_assert(detail::distinct<Aggregates...>::value, "name each aggregate type of an application once");
    static_assert((MapperOf<Mapper, typename Aggregates::Event> && ...),
                  "the mapper must map the events of every aggregate type: Mapper::to_stored(event) and "
                  "Mapper::from_stored<Event>(stored) for each one's Event");
    return true;
}

// Gets aggregates of the given types back from their stored events. Each type's mutate() rebuilds
// it; Mapper turns stored events back into its events (see DogMapper in dog_mapper.hpp). With a
// snapshot recorder, an aggregate type that is es::Snapshotting starts from its latest snapshot at
// or before the version asked for, and replays only the events after it: the same aggregate.
template <typename Mapper, EventSourced... Aggregates>
class Repository {
    static_assert(check_application_types<Mapper, Aggregates...>());

public:
    explicit Repository(const Recorder& recorder, const Recorder* snapshots = nullptr)
        : recorder_(recorder), snapshots_(snapshots)
    {
    }

    // The aggregate as it is now. Throws es::AggregateNotFound if nothing is stored for `id`. With
    // several aggregate types, name the one to get: get<Account>(id).
    template <typename A = detail::OnlyType<Aggregates...>>
    A get(const Uuid& id) const
    {
        return get_as<A>(id, std::nullopt);
    }

    // The aggregate as it was at `version` (made by its first `version` events). Throws
    // es::AggregateNotFound if it never had that version.
    template <typename A = detail::OnlyType<Aggregates...>>
    A get(const Uuid& id, std::int64_t version) const
    {
        return get_as<A>(id, version);
    }

private:
    // An aggregate being loaded, of whichever type was asked for: load_into() fills the empty optional.
    using Loading = std::variant<std::optional<Aggregates>...>;

    template <typename A>
    A get_as(const Uuid& id, std::optional<std::int64_t> version) const
    {
        static_assert(!std::same_as<A, detail::SeveralAggregateTypesNameTheOneToGet>,
                      "this repository holds several aggregate types: name the one to get, as in "
                      "repository().get<Account>(id)");
        static_assert(
            std::same_as<A, detail::SeveralAggregateTypesNameTheOneToGet> || detail::one_of<A, Aggregates...>,
            "repository().get<A>(id): A is not one of this application's aggregate types");
        if constexpr (detail::one_of<A, Aggregates...>) {
            Loading loading{std::in_place_type<std::optional<A>>};
            load_into(id, version, loading);
            return std::move(*std::get<std::optional<A>>(loading));
        } else {
            throw Error("unreachable: refused at compile time");
        }
    }

    // Rebuilds the aggregate of type A with the id from its events, up to `version` if given.
    template <typename A>
    A load(const Uuid& id, std::optional<std::int64_t> version) const;

    // Calls load<A>() for the type `loading` holds. Not a template of its own, so `template class
    // Repository<...>` compiles it, and load<A>() with it, once for every aggregate type.
    void load_into(const Uuid& id, std::optional<std::int64_t> version, Loading& loading) const;

    const Recorder& recorder_;
    const Recorder* snapshots_;  // none: snapshotting is off
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

// The base of an application whose aggregates are of the types Aggregates, stored with Mapper, which
// provides for each type A
//     static es::StoredEvent to_stored(const A::Event& event);
//     template <typename Event> static Event from_stored(const es::StoredEvent& stored);
template <typename Mapper, EventSourced... Aggregates>
class Application {
    static_assert(check_application_types<Mapper, Aggregates...>());

public:
    // Persistence as the environment says (keys not given come from the process environment), and
    // snapshots if its SNAPSHOTTING_INTERVAL asks for them.
    explicit Application(const Environment& environment)
        : recorder_(make_recorder(environment)),
          snapshotting_interval_(snapshotting_interval(environment)),
          snapshots_(snapshotting_interval_ > 0 ? make_snapshot_recorder(environment) : nullptr),
          repository_(*recorder_, snapshots_.get()),
          notification_log_(*recorder_)
    {
    }

    // The same, for an application with a name in a system of several (see es::System): the name
    // its followers track it by, and the prefix of its own settings (Environment::for_application:
    // DOGSCHOOL_POSTGRES_DBNAME before POSTGRES_DBNAME for "DogSchool").
    Application(const Environment& environment, std::string name)
        : Application(environment.for_application(name))
    {
        name_ = std::move(name);
    }

    // "" for an application made without a name.
    const std::string& name() const { return name_; }

    // Calls `hook` after every save that stored events (one at a time: the last given wins; an
    // empty one calls nothing). es::System's one-thread runner steps the followers there. What the
    // hook throws comes out of save(), whose events are stored by then.
    void after_save(std::function<void()> hook) { after_save_ = std::move(hook); }

    // Stores the pending events of every aggregate given (of any of the application's types) in one
    // insert, all or nothing, then forgets them (they are saved). If any of them is stale (another
    // save stored events at its versions first), throws es::ConcurrencyError, stores nothing and
    // leaves every aggregate as it was, its pending events still pending. Once stored, an aggregate
    // that reached or passed a multiple of the snapshotting interval has a snapshot stored at its
    // new version; a snapshot that cannot be stored is left out, the save stands all the same.
    template <typename... Saved>
    requires(sizeof...(Saved) > 0 &&
             (detail::one_of<Saved, Aggregates...> && ...)) void save(Saved&... aggregates)
    {
        const std::array<Saving, sizeof...(Saved)> saving{Saving{&aggregates}...};
        save_all(saving);
    }

    const Repository<Mapper, Aggregates...>& repository() const { return repository_; }
    const NotificationLog& notification_log() const { return notification_log_; }
    const Recorder& recorder() const { return *recorder_; }
    // The snapshots, apart from the events; none (nullptr) when snapshotting is off.
    const Recorder* snapshot_recorder() const { return snapshots_.get(); }

protected:
    // For a process application, which stores events with a tracking record (es::ProcessApplication).
    Recorder& writable_recorder() { return *recorder_; }
    void run_after_save() const
    {
        if (after_save_) after_save_();
    }

private:
    // One aggregate of a save, of whichever type it is.
    using Saving = std::variant<Aggregates*...>;

    // The work of save(). Not a template of its own, so `template class Application<...>` compiles it.
    void save_all(std::span<const Saving> aggregates);
    // Stores each snapshot on its own, and gives up on any that cannot be: a snapshot is a cache.
    void store_snapshots(const std::vector<StoredEvent>& snapshots) noexcept;

    std::unique_ptr<Recorder> recorder_;
    std::int64_t snapshotting_interval_;
    std::unique_ptr<Recorder> snapshots_;  // none when the interval is 0
    Repository<Mapper, Aggregates...> repository_;
    NotificationLog notification_log_;
    std::string name_;
    std::function<void()> after_save_;
};

}  // namespace es
