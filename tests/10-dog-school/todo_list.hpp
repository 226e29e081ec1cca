#pragma once
// A to-do list on es::Aggregate, es::JsonMapper and es::Application, unchanged: its events,
// aggregate, mutator and application. Its events' fields as JSON (to_json and from_json) are in
// test_other_domain.cpp with the tests, and its application templates are compiled in
// todo_list.cpp, as the dog school's are in dog_school.cpp.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "es/aggregate.hpp"
#include "es/application.hpp"
#include "es/mapper.hpp"

namespace todo {

struct ListStarted : es::DomainEvent {
    static constexpr std::string_view topic = "todo.List.Started";
    std::string title;
    bool operator==(const ListStarted&) const = default;
};

struct ItemAdded : es::DomainEvent {
    static constexpr std::string_view topic = "todo.List.ItemAdded";
    std::string text;
    bool operator==(const ItemAdded&) const = default;
};

struct ItemDone : es::DomainEvent {
    static constexpr std::string_view topic = "todo.List.ItemDone";
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

}  // namespace todo

extern template class es::JsonVariantMapper<todo::TodoEvent>;

namespace todo {

struct TodoMapper : es::JsonMapper<TodoEvent> {};

}  // namespace todo

extern template class es::Repository<todo::TodoMapper, todo::TodoList>;
extern template class es::Application<todo::TodoMapper, todo::TodoList>;

namespace todo {

class TodoApp : public es::Application<TodoMapper, TodoList> {
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
