// es::Aggregate, es::JsonMapper and es::Application know nothing about dogs: a to-do list uses them
// unchanged, with its own events, mutator and application (todo_list.hpp), and its events' fields as
// JSON, here.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "es/json_mapper.hpp"
#include "fixtures.hpp"
#include "todo_list.hpp"

namespace todo {

void to_json(nlohmann::json& fields, const ListStarted& e)
{
    fields["title"] = e.title;
}

void from_json(const nlohmann::json& fields, ListStarted& e)
{
    es::get_field(fields, "title", e.title);
}

void to_json(nlohmann::json& fields, const ItemAdded& e)
{
    fields["text"] = e.text;
}

void from_json(const nlohmann::json& fields, ItemAdded& e)
{
    es::get_field(fields, "text", e.text);
}

void to_json(nlohmann::json& fields, const ItemDone& e)
{
    fields["item"] = e.item;
}

void from_json(const nlohmann::json& fields, ItemDone& e)
{
    es::get_field(fields, "item", e.item);
}

}  // namespace todo

template class es::JsonVariantMapper<todo::TodoEvent>;

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

TEST_CASE("a to-do list's stored events are checked by the same library mapper")
{
    todo::TodoApp app{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    const es::Uuid id = app.start_list("Monday");
    app.add(id, "walk Fido");
    std::string item;
    SUBCASE("an item number that is not whole")
    {
        item = "0.5";
    }
    SUBCASE("an item number that does not fit 64 bits")
    {
        item = "18446744073709551615";
    }
    SUBCASE("an item number as a string")
    {
        item = "\"0\"";
    }
    const_cast<es::Recorder&>(app.recorder())
        .insert_events({{id, 2, "todo.List.ItemDone", "{\"item\":" + item + ",\"timestamp\":1}"}});
    try {
        (void)app.items(id);
        FAIL("the list was read, bad item and all");
    } catch (const es::MappingError& e) {
        const std::string message = e.what();
        CAPTURE(message);
        CHECK(message.find("todo.List.ItemDone at position 2 of stream " + id.to_string()) !=
              std::string::npos);
        CHECK(message.find("\"item\"") != std::string::npos);
    }
}

// One mapper for the events of two kinds of aggregate: to_stored for each variant, and
// from_stored<Variant> saying which to read back.
struct ListsAndDogsMapper : es::JsonMapper<todo::TodoEvent, dogschool::DogEvent> {};
static_assert(es::MapperOf<ListsAndDogsMapper, todo::TodoEvent>);
static_assert(es::MapperOf<ListsAndDogsMapper, dogschool::DogEvent>);

TEST_CASE("one library mapper maps the events of several kinds of aggregate")
{
    todo::TodoApp lists{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    dogschool::DogSchool school{es::Environment{{"PERSISTENCE_MODULE", "popo"}}};
    const es::Uuid list_id = lists.start_list("Tuesday");
    const es::Uuid dog_id = school.register_dog("Fido");
    const es::StoredEvent list_started = lists.recorder().select_events(list_id, {}).at(0);
    const es::StoredEvent registered = school.recorder().select_events(dog_id, {}).at(0);

    const auto list_event = ListsAndDogsMapper::from_stored<todo::TodoEvent>(list_started);
    const auto dog_event = ListsAndDogsMapper::from_stored<dogschool::DogEvent>(registered);
    CHECK(std::get<todo::ListStarted>(list_event).title == "Tuesday");
    CHECK(std::get<dogschool::Registered>(dog_event).name == "Fido");
    CHECK(ListsAndDogsMapper::to_stored(list_event) == list_started);
    CHECK(ListsAndDogsMapper::to_stored(dog_event) == registered);
    CHECK(ListsAndDogsMapper::from_stored(list_started) == list_event);  // the first variant by default
    CHECK_THROWS_AS((void)ListsAndDogsMapper::from_stored<todo::TodoEvent>(registered), es::MappingError);
}
