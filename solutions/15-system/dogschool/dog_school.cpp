#include "dogschool/dog_school.hpp"

#include "es/application_impl.hpp"

#include <utility>

namespace dogschool {

DogSchool::DogSchool() : DogSchool(es::Environment{})
{
}

// Named, so that a system's followers can track it, and its settings can be its own
// (DOGSCHOOL_POSTGRES_DBNAME before POSTGRES_DBNAME).
DogSchool::DogSchool(es::Environment environment) : Application(environment, "DogSchool")
{
}

es::Uuid DogSchool::register_dog(std::string name)
{
    Dog dog{std::move(name)};
    save(dog);
    return dog.id();
}

es::Uuid DogSchool::register_dog(std::string name, std::string breed)
{
    Dog dog{std::move(name), std::move(breed)};
    save(dog);
    return dog.id();
}

void DogSchool::add_trick(const es::Uuid& dog_id, std::string trick)
{
    Dog dog = repository().get(dog_id);
    dog.add_trick(std::move(trick));
    save(dog);
}

DogDetails DogSchool::get_dog(const es::Uuid& dog_id) const
{
    const Dog dog = repository().get(dog_id);
    return {dog.name(), dog.tricks()};
}

DogDetails DogSchool::get_dog(const es::Uuid& dog_id, std::int64_t version) const
{
    const Dog dog = repository().get(dog_id, version);
    return {dog.name(), dog.tricks()};
}

std::vector<std::string> DogSchool::breeds_of(const es::Uuid& dog_id) const
{
    return repository().get(dog_id).breeds();
}

}  // namespace dogschool

// The one place the dog school's application templates are compiled (dog_school.hpp: extern).
template class es::Repository<dogschool::DogMapper, dogschool::Dog>;
template class es::Application<dogschool::DogMapper, dogschool::Dog>;
