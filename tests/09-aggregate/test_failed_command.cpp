// A command that fails changes nothing, even when its mutator is the one that throws: the caller
// may retry or report, and a half-changed aggregate would later be saved with a wrong state.
#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "es/aggregate.hpp"

namespace guestbook {

struct Opened : es::DomainEvent {
    std::string title;
    bool operator==(const Opened&) const = default;
};

struct Signed : es::DomainEvent {
    std::string guest;
    bool operator==(const Signed&) const = default;
};

using BookEvent = std::variant<Opened, Signed>;

// The guest whose signature the mutator cannot apply: it throws half way, after advance().
const std::string poison = "Mr. Poison";

class Book : public es::Aggregate<Book, BookEvent> {
public:
    static Book open(std::string title)
    {
        Book book;
        book.record<Opened>(std::move(title));
        return book;
    }
    void sign(std::string guest) { record<Signed>(std::move(guest)); }

    const std::string& title() const { return title_; }
    const std::vector<std::string>& guests() const { return guests_; }

    bool operator==(const Book&) const = default;

    friend std::optional<Book> mutate(std::optional<Book> book, const BookEvent& event)
    {
        std::visit(es::overloaded{
                       [&](const Opened& e) { Book::start(book, e).title_ = e.title; },
                       [&](const Signed& e) {
                           Book& signed_book = Book::advance(book, e);
                           if (e.guest == poison) throw std::runtime_error("the ink ran out");
                           signed_book.guests_.push_back(e.guest);
                       },
                   },
                   event);
        return book;
    }

private:
    friend Aggregate;
    Book() = default;

    std::string title_;
    std::vector<std::string> guests_;
};

}  // namespace guestbook

TEST_CASE("a command whose mutator throws leaves the aggregate and its pending events as they were")
{
    guestbook::Book book = guestbook::Book::open("Summer fair");
    book.sign("Ada");
    const guestbook::Book before = book;

    CHECK_THROWS_WITH(book.sign(guestbook::poison), "the ink ran out");
    CHECK(book.title() == "Summer fair");
    CHECK(book.guests() == std::vector<std::string>{"Ada"});
    CHECK(book.version() == 2);
    CHECK(book == before);
    CHECK(book.pending_events() == before.pending_events());

    book.sign("Grace");  // and the next command goes on from there
    CHECK(book.version() == 3);
    CHECK(book.guests() == std::vector<std::string>{"Ada", "Grace"});
}
