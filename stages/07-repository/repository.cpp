#include "repository.hpp"

#include <optional>
#include <utility>

#include "mutator.hpp"
#include "es/not_implemented.hpp"

namespace dogschool {

bool DogRepository::contains(const es::Uuid& id) const
{
    // >>> step 1: DogRepository::contains
    throw es::NotImplemented("DogRepository::contains", 1);
    // <<<
}

Dog DogRepository::get(const es::Uuid& id) const
{
    // >>> step 2: DogRepository::get
    throw es::NotImplemented("DogRepository::get", 2);
    // <<<
}

Dog DogRepository::get(const es::Uuid& id, std::int64_t version) const
{
    // >>> step 3: DogRepository::get at a version
    throw es::NotImplemented("DogRepository::get at a version", 3);
    // <<<
}

}  // namespace dogschool
