#pragma once
// Every stage's demo (main.cpp) runs in run_demo: one of the kit's errors, or a step not written
// yet, is said in one line, where it would otherwise end the program in std::terminate.
#include <exception>
#include <iostream>

#include "es/error.hpp"
#include "es/not_implemented.hpp"

namespace es {

template <class Body>
int run_demo(Body&& body)
{
    try {
        body();
        return 0;
    } catch (const NotImplemented& stub) {
        std::cerr << "demo: " << stub.what() << ". Write it, then run the demo again.\n";
    } catch (const Error& error) {
        std::cerr << "demo: " << error.what() << '\n';
    } catch (const std::exception& unexpected) {
        std::cerr << "demo: unexpected error: " << unexpected.what() << '\n';
    }
    return 1;
}

}  // namespace es
