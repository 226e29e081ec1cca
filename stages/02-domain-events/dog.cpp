#include "dog.hpp"

#include <utility>

namespace dogschool {

Dog::Dog(std::string name)
{
    name_ = std::move(name);
}

const std::string& Dog::name() const
{
    return name_;
}

const std::vector<std::string>& Dog::tricks() const
{
    return tricks_;
}

// slide: add_trick
void Dog::add_trick(std::string trick)
{
    tricks_.push_back(std::move(trick));
}
// end slide

}  // namespace dogschool
