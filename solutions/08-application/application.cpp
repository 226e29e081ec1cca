#include "application.hpp"

#include <utility>

namespace dogschool {

Application::Application(const std::string& path) : store_(path), policy_(store_, bus_), repository_(store_)
{
}

es::Uuid Application::register_dog(std::string name)
{
    // >>> step 2: Application::register_dog
    return Dog::register_dog(std::move(name), bus_).id();
    // <<<
}

Dog Application::get_dog(const es::Uuid& id) const
{
    // >>> step 2: Application::get_dog
    return repository_.get(id);
    // <<<
}

void Application::add_trick(const es::Uuid& id, std::string trick)
{
    // >>> step 3: Application::add_trick
    Dog dog = repository_.get(id);
    dog.add_trick(std::move(trick), bus_);
    // <<<
}

void Application::rename_dog(const es::Uuid& id, std::string new_name)
{
    // >>> step 3: Application::rename_dog
    Dog dog = repository_.get(id);
    dog.rename(std::move(new_name), bus_);
    // <<<
}

void Application::discard_dog(const es::Uuid& id)
{
    // >>> step 3: Application::discard_dog
    Dog dog = repository_.get(id);
    dog.discard(bus_);
    // <<<
}

}  // namespace dogschool
