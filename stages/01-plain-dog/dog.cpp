#include "dog.hpp"

#include <utility>
#include "es/not_implemented.hpp"

namespace dogschool {

Dog::Dog(std::string name)
{
    // >>> step 1: Dog::Dog
    throw es::NotImplemented("Dog::Dog", 1);
    // <<<
}

const std::string& Dog::name() const
{
    // >>> step 1: Dog::name
    throw es::NotImplemented("Dog::name", 1);
    // <<<
}

const std::vector<std::string>& Dog::tricks() const
{
    // >>> step 2: Dog::tricks
    throw es::NotImplemented("Dog::tricks", 2);
    // <<<
}

// slide: add_trick
void Dog::add_trick(std::string trick)
{
    // >>> step 3: Dog::add_trick
    throw es::NotImplemented("Dog::add_trick", 3);
    // <<<
}
// end slide

}  // namespace dogschool
