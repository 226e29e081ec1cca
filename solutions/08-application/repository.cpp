#include "repository.hpp"

#include <optional>
#include <utility>

#include "mutator.hpp"

namespace dogschool {

bool DogRepository::contains(const es::Uuid& id) const
{
    return replay(store_.get_events(id)).has_value();
}

Dog DogRepository::get(const es::Uuid& id) const
{
    std::optional<Dog> dog = replay(store_.get_events(id));
    if (!dog) throw es::AggregateNotFound(id);
    return std::move(*dog);
}

Dog DogRepository::get(const es::Uuid& id, std::int64_t version) const
{
    if (version >= 1) {
        // Version n is made of the events at positions 0 to n - 1.
        std::optional<Dog> dog = replay(store_.get_events(id, {.lte = version - 1}));
        if (dog && dog->version() == version) return std::move(*dog);
    }
    throw es::AggregateNotFound(id, version);
}

}  // namespace dogschool
