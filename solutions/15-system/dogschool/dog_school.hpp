#pragma once
// The dog school, an event-sourced application: commands that change dogs, a query that shows one.
// Everything about storage comes from es::Application; this class speaks only of dogs.
#include <cstdint>
#include <string>
#include <vector>

#include "dogschool/dog.hpp"
#include "dogschool/dog_mapper.hpp"
#include "es/application.hpp"
#include "es/environment.hpp"

// Compiled once, in dog_school.cpp (application_impl.hpp has the bodies).
extern template class es::Repository<dogschool::DogMapper, dogschool::Dog>;
extern template class es::Application<dogschool::DogMapper, dogschool::Dog>;

namespace dogschool {

// What the school tells about a dog: plain values, a copy, not the aggregate.
struct DogDetails {
    std::string name;
    std::vector<std::string> tricks;

    bool operator==(const DogDetails&) const = default;
};

class DogSchool : public es::Application<DogMapper, Dog> {
public:
    DogSchool();  // persistence from the process environment (in memory unless it says otherwise)
    explicit DogSchool(es::Environment environment);

    // Commands.
    es::Uuid register_dog(std::string name);                     // a dog of breed "unknown"
    es::Uuid register_dog(std::string name, std::string breed);  // EmptyName for an empty name
    void add_trick(const es::Uuid& dog_id, std::string trick);   // es::AggregateNotFound for no such dog

    // Query.
    DogDetails get_dog(const es::Uuid& dog_id) const;  // es::AggregateNotFound for no such dog
    // History: the dog as it was at `version` (after its first `version` events). Throws
    // es::AggregateNotFound for no such dog, or a version it never had.
    DogDetails get_dog(const es::Uuid& dog_id, std::int64_t version) const;
    // The dog's breeds: one, or several for a cross; "unknown" for a dog registered without one, as
    // every dog registered before breeds were asked. A query of its own, so that DogDetails (and
    // every comparison with one written before breeds existed) stays as it was.
    std::vector<std::string> breeds_of(
        const es::Uuid& dog_id) const;  // es::AggregateNotFound for no such dog
};

}  // namespace dogschool
