#include "application.hpp"

#include <utility>
#include "es/not_implemented.hpp"

namespace dogschool {

Application::Application(const std::string& path) : store_(path), policy_(store_, bus_), repository_(store_)
{
}

es::Uuid Application::register_dog(std::string name)
{
    // >>> step 2: Application::register_dog
    throw es::NotImplemented("Application::register_dog", 2);
    // <<<
}

Dog Application::get_dog(const es::Uuid& id) const
{
    // >>> step 2: Application::get_dog
    throw es::NotImplemented("Application::get_dog", 2);
    // <<<
}

// slide: update_dog
void Application::update_dog(const es::Uuid& id, const std::function<void(Dog&, EventBus&)>& command)
{
    // >>> step 3: Application::update_dog
    throw es::NotImplemented("Application::update_dog", 3);
    // <<<
}
// end slide

void Application::add_trick(const es::Uuid& id, std::string trick)
{
    // >>> step 3: Application::add_trick
    throw es::NotImplemented("Application::add_trick", 3);
    // <<<
}

void Application::rename_dog(const es::Uuid& id, std::string new_name)
{
    // >>> step 3: Application::rename_dog
    throw es::NotImplemented("Application::rename_dog", 3);
    // <<<
}

void Application::discard_dog(const es::Uuid& id)
{
    // >>> step 3: Application::discard_dog
    throw es::NotImplemented("Application::discard_dog", 3);
    // <<<
}

}  // namespace dogschool
