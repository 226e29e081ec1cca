// es::Aggregate and es::Application know nothing about dogs: a to-do list uses them unchanged, with
// its own events, mutator and application (todo_list.hpp), and its mapper, here.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "todo_list.hpp"

namespace todo {

es::StoredEvent TodoMapper::to_stored(const TodoEvent& event)
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

TodoEvent TodoMapper::from_stored(const es::StoredEvent& stored)
{
    const auto state = nlohmann::json::parse(stored.state);
    const es::DomainEvent header{
        stored.originator_id, stored.originator_version,
        es::Timestamp{std::chrono::microseconds{state.at("timestamp").get<std::int64_t>()}}};
    if (stored.topic == "todo.List.Started") return ListStarted{header, state.at("title").get<std::string>()};
    if (stored.topic == "todo.List.ItemAdded") return ItemAdded{header, state.at("text").get<std::string>()};
    if (stored.topic == "todo.List.ItemDone") return ItemDone{header, state.at("item").get<std::int64_t>()};
    throw es::MappingError("unknown topic " + stored.topic);
}

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
    CHECK(log[0].event.topic == "todo.List.Started");
    CHECK(log[1].event.topic == "todo.List.ItemAdded");
    CHECK(log[1].id == 2);
}
