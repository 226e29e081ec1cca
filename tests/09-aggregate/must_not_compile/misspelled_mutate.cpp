// must not compile: a shopping cart whose mutator is misspelled `mutat`, so record() finds no mutate
// message: es::EventSourced: no mutate() for this aggregate
// at most: 10 lines
// quoted in: README.md
#include <optional>
#include <variant>

#include "es/aggregate.hpp"

namespace shop {

struct Opened : es::DomainEvent {};
using CartEvent = std::variant<Opened>;

class Cart : public es::Aggregate<Cart, CartEvent> {
public:
    static Cart open()
    {
        Cart cart;
        cart.record<Opened>();
        return cart;
    }

    friend std::optional<Cart> mutat(std::optional<Cart> cart, const CartEvent& event)
    {
        std::visit([&](const Opened& e) { Cart::start(cart, e); }, event);
        return cart;
    }

private:
    friend Aggregate;
    Cart() = default;
};

}  // namespace shop

int main()
{
    shop::Cart::open();
}
