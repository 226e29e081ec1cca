// es::Aggregate and es::Application know nothing about dogs: a to-do list uses them unchanged, with
// its own events, mutator, mapper and application, all in this file.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "aggregate.hpp"
#include "application_impl.hpp"
#include "fixtures.hpp"

namespace todo {

struct ListStarted : es::DomainEvent {
    std::string title;
    bool operator==(const ListStarted&) const = default;
};

struct ItemAdded : es::DomainEvent {
    std::string text;
    bool operator==(const ItemAdded&) const = default;
};

struct ItemDone : es::DomainEvent {
    std::int64_t item = 0;
    bool operator==(const ItemDone&) const = default;
};

using TodoEvent = std::variant<ListStarted, ItemAdded, ItemDone>;

// The list refuses to mark done an item it does not have: the command decides before it records.
class NoSuchItem : public es::Error {
public:
    using Error::Error;
};

class TodoList : public es::Aggregate<TodoList, TodoEvent> {
public:
    struct Item {
        std::string text;
        bool done = false;
        bool operator==(const Item&) const = default;
    };

    explicit TodoList(std::string title) { record<ListStarted>(std::move(title)); }

    void add(std::string text) { record<ItemAdded>(std::move(text)); }
    void mark_done(std::int64_t item)
    {
        if (item < 0 || item >= static_cast<std::int64_t>(items_.size())) {
            throw NoSuchItem("the list has no item " + std::to_string(item));
        }
        record<ItemDone>(item);
    }

    const std::string& title() const { return title_; }
    const std::vector<Item>& items() const { return items_; }

    bool operator==(const TodoList&) const = default;

    friend std::optional<TodoList> mutate(std::optional<TodoList> list, const TodoEvent& event)
    {
        std::visit(es::overloaded{
                       [&](const ListStarted& e) { TodoList::start(list, e).title_ = e.title; },
                       [&](const ItemAdded& e) {
                           TodoList::advance(list, e).items_.push_back({e.text, false});
                       },
                       [&](const ItemDone& e) {
                           TodoList::advance(list, e).items_.at(static_cast<std::size_t>(e.item)).done = true;
                       },
                   },
                   event);
        return list;
    }

private:
    friend Aggregate;
    TodoList() = default;

    std::string title_;
    std::vector<Item> items_;
};

struct TodoMapper {
    static es::StoredEvent to_stored(const TodoEvent& event)
    {
        const es::DomainEvent& header = es::header_of(event);
        nlohmann::json state = {{"timestamp", header.timestamp.time_since_epoch().count()}};
        std::string topic;
        std::visit(es::overloaded{
                       [&](const ListStarted& e) {
                           topic = "todo.List.Started";
                           state["title"] = e.title;
                       },
                       [&](const ItemAdded& e) {
                           topic = "todo.List.ItemAdded";
                           state["text"] = e.text;
                       },
                       [&](const ItemDone& e) {
                           topic = "todo.List.ItemDone";
                           state["item"] = e.item;
                       },
                   },
                   event);
        return {header.originator_id, header.originator_version, topic, state.dump()};
    }

    static TodoEvent from_stored(const es::StoredEvent& stored)
    {
        const auto state = nlohmann::json::parse(stored.state);
        const es::DomainEvent header{
            stored.originator_id, stored.originator_version,
            es::Timestamp{std::chrono::microseconds{state.at("timestamp").get<std::int64_t>()}}};
        if (stored.topic == "todo.List.Started")
            return ListStarted{header, state.at("title").get<std::string>()};
        if (stored.topic == "todo.List.ItemAdded")
            return ItemAdded{header, state.at("text").get<std::string>()};
        if (stored.topic == "todo.List.ItemDone")
            return ItemDone{header, state.at("item").get<std::int64_t>()};
        throw es::MappingError("unknown topic " + stored.topic);
    }
};

class TodoApp : public es::Application<TodoList, TodoMapper> {
public:
    explicit TodoApp(const es::Environment& environment) : Application(environment) {}

    es::Uuid start_list(std::string title)
    {
        TodoList list{std::move(title)};
        save(list);
        return list.id();
    }
    void add(const es::Uuid& list_id, std::string text)
    {
        TodoList list = repository().get(list_id);
        list.add(std::move(text));
        save(list);
    }
    void mark_done(const es::Uuid& list_id, std::int64_t item)
    {
        TodoList list = repository().get(list_id);
        list.mark_done(item);
        save(list);
    }
    std::vector<TodoList::Item> items(const es::Uuid& list_id) const
    {
        return repository().get(list_id).items();
    }
};

}  // namespace todo

using Item = todo::TodoList::Item;

TEST_CASE("a to-do list application is built on the same library, unchanged")
{
    const fixtures::TempDir dir;
    todo::TodoApp app{fixtures::each_persistence(dir)};
    const es::Uuid id = app.start_list("Saturday");
    app.add(id, "walk Fido");
    app.add(id, "buy treats");
    app.mark_done(id, 0);

    CHECK(app.items(id) == std::vector<Item>{{"walk Fido", true}, {"buy treats", false}});
    CHECK(app.repository().get(id).title() == "Saturday");
    CHECK(app.repository().get(id, 3).items() ==
          std::vector<Item>{{"walk Fido", false}, {"buy treats", false}});
    CHECK_THROWS_AS(app.mark_done(id, 5), todo::NoSuchItem);
}

TEST_CASE("a to-do list application has a notification log and stale saves of its own")
{
    const fixtures::TempDir dir;
    todo::TodoApp app{fixtures::each_persistence(dir)};
    const es::Uuid id = app.start_list("Sunday");
    todo::TodoList mine = app.repository().get(id);
    todo::TodoList theirs = app.repository().get(id);
    mine.add("brush Rex");
    app.save(mine);
    theirs.add("nap");
    CHECK_THROWS_AS(app.save(theirs), es::ConcurrencyError);

    const auto log = app.notification_log().select(1, 10);
    REQUIRE(log.size() == 2);
    CHECK(log[0].topic == "todo.List.Started");
    CHECK(log[1].topic == "todo.List.ItemAdded");
    CHECK(log[1].id == 2);
}
