#include "dog.hpp"

#include <utility>

namespace dogschool {

Dog::Dog(std::string name)
{
    // >>> step 1: Dog::Dog
    name_ = std::move(name);
    // <<<
}

const std::string& Dog::name() const
{
    // >>> step 1: Dog::name
    return name_;
    // <<<
}

const std::vector<std::string>& Dog::tricks() const
{
    // >>> step 2: Dog::tricks
    return tricks_;
    // <<<
}

// slide: add_trick
void Dog::add_trick(std::string trick)
{
    // >>> step 3: Dog::add_trick
    tricks_.push_back(std::move(trick));
    // <<<
}
// end slide

}  // namespace dogschool
