#include "dogschool/dog_school.hpp"

#include "es/application_impl.hpp"

#include <utility>
#include "es/not_implemented.hpp"

namespace dogschool {

DogSchool::DogSchool() : DogSchool(es::Environment{})
{
}

DogSchool::DogSchool(es::Environment environment) : Application(environment)
{
}

es::Uuid DogSchool::register_dog(std::string name)
{
    // >>> step 6: DogSchool::register_dog
    throw es::NotImplemented("DogSchool::register_dog", 6);
    // <<<
}

void DogSchool::add_trick(const es::Uuid& dog_id, std::string trick)
{
    // >>> step 6: DogSchool::add_trick
    throw es::NotImplemented("DogSchool::add_trick", 6);
    // <<<
}

DogDetails DogSchool::get_dog(const es::Uuid& dog_id) const
{
    // >>> step 6: DogSchool::get_dog
    throw es::NotImplemented("DogSchool::get_dog", 6);
    // <<<
}

}  // namespace dogschool

// The one place the dog school's application templates are compiled (dog_school.hpp: extern).
template class es::Repository<dogschool::DogMapper, dogschool::Dog>;
template class es::Application<dogschool::DogMapper, dogschool::Dog>;
