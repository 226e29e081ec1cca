// A tiny program to play with the Dog: build and run it with ./workshop run 1.
#include <iostream>

#include "dog.hpp"
#include "es/demo.hpp"

int main()
{
    return es::run_demo([] {
        dogschool::Dog fido{"Fido"};
        fido.add_trick("roll over");
        fido.add_trick("play dead");

        std::cout << fido.name() << " knows:";
        for (const auto& trick : fido.tricks()) std::cout << " [" << trick << "]";
        std::cout << '\n';
    });
}
