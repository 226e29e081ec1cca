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

// slide: update_dog
void Application::update_dog(const es::Uuid& id, const std::function<void(Dog&, EventBus&)>& command)
{
    // >>> step 3: Application::update_dog
    for (int attempt = 1;; ++attempt) {
        Dog dog = repository_.get(id);  // fresh for every attempt; a refused one is dropped here
        try {
            command(dog, bus_);
            return;
        } catch (const es::ConcurrencyError&) {
            if (attempt == max_attempts) throw;
        }
    }
    // <<<
}
// end slide

void Application::add_trick(const es::Uuid& id, std::string trick)
{
    // >>> step 3: Application::add_trick
    update_dog(id, [&](Dog& dog, EventBus& bus) { dog.add_trick(trick, bus); });
    // <<<
}

void Application::rename_dog(const es::Uuid& id, std::string new_name)
{
    // >>> step 3: Application::rename_dog
    update_dog(id, [&](Dog& dog, EventBus& bus) { dog.rename(new_name, bus); });
    // <<<
}

void Application::discard_dog(const es::Uuid& id)
{
    // >>> step 3: Application::discard_dog
    update_dog(id, [](Dog& dog, EventBus& bus) { dog.discard(bus); });
    // <<<
}

}  // namespace dogschool
