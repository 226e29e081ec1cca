// The fields of a Dog's events as JSON, nlohmann's way: a to_json and a from_json beside each event
// (found by ADL). es::JsonMapper adds the topic, the version and the DomainEvent part, and checks
// what it reads. Below them, how old states are read: the upcasters and the renamed topics.
// The one file of the dog school that includes nlohmann/json.hpp: it is slow to compile.
#include "dogschool/dog_mapper.hpp"

#include "es/json_mapper.hpp"

namespace dogschool {

// Registered is version 3 (dog.hpp): these write and read version 3's fields, and only those. An
// older state is brought up to version 3 before from_json sees it (the upcasters below), so a
// version-3 state without its breeds is broken, and an error, not a dog of unknown breed.
void to_json(nlohmann::json& fields, const Registered& e)
{
    fields["name"] = e.name;
    fields["breeds"] = e.breeds;
}

void from_json(const nlohmann::json& fields, Registered& e)
{
    es::get_field(fields, "name", e.name);
    es::get_field(fields, "breeds", e.breeds);
}

void to_json(nlohmann::json& fields, const TrickLearned& e)
{
    fields["trick"] = e.trick;
}

void from_json(const nlohmann::json& fields, TrickLearned& e)
{
    es::get_field(fields, "trick", e.trick);
}

// slide: snapshot-json
// A snapshot's fields, like an event's: the library adds the topic, the id, the version and the
// timestamp. The snapshot is at version 2 (dog.hpp), with the breeds:
// {"breeds":["beagle"],"class_version":2,"name":"Rex","timestamp":...,"tricks":["sit","roll over"]}
void to_json(nlohmann::json& fields, const Dog::Snapshot& s)
{
    fields["name"] = s.name;
    fields["breeds"] = s.breeds;
    fields["tricks"] = s.tricks;
}

void from_json(const nlohmann::json& fields, Dog::Snapshot& s)
{
    es::get_field(fields, "name", s.name);
    es::get_field(fields, "breeds", s.breeds);
    es::get_field(fields, "tricks", s.tricks);
}
// end slide

// Upcasters: each brings the fields of one version of an event to the next, and only that. They
// are never changed once released (states of every age go through them), and a new version adds a
// step rather than editing one: the library runs them in order from a state's own version.

// slide: upcasters
// Version 1 of Registered had the name only. The school did not ask for the breed then, so a dog
// registered before is of unknown breed: a fact about what was known, not a guess.
void upcast_registered_v1_v2(nlohmann::json& fields)
{
    fields["breed"] = std::string(unknown_breed);
}

// Version 2 kept one breed; version 3 keeps a list, so that a cross (a labradoodle) is two breeds
// and not a breed named "labrador/poodle".
void upcast_registered_v2_v3(nlohmann::json& fields)
{
    std::string breed;
    es::get_field(fields, "breed", breed);
    fields.erase("breed");
    fields["breeds"] = nlohmann::json::array({breed});
}

// Found by the library (argument-dependent lookup, like to_json): how the dog's old states are read.
const es::Upcasting& upcasting(es::UpcastingOf<DogEvent>)
{
    static const es::Upcasting dog_upcasting{
        // TrickAdded was renamed TrickLearned: its old events are read as TrickLearned, with the
        // same fields. The old topic is never written again, nor given to another event.
        .renamed_topics = {{"dogschool.Dog.TrickAdded", TrickLearned::topic}},
        .upcasters = {{Registered::topic, 1, upcast_registered_v1_v2},
                      {Registered::topic, 2, upcast_registered_v2_v3}},
    };
    return dog_upcasting;
}

// Snapshots change with the dog (stage 13 wrote version 1, with no breeds): a snapshot is a cache,
// but an old one is still worth reading rather than replaying a long history.
void upcast_snapshot_v1_v2(nlohmann::json& fields)
{
    fields["breeds"] = nlohmann::json::array({std::string(unknown_breed)});
}

const es::Upcasting& upcasting(es::UpcastingOf<es::SnapshotVariant<Dog>>)
{
    static const es::Upcasting snapshot_upcasting{
        .upcasters = {{Dog::Snapshot::topic, 1, upcast_snapshot_v1_v2}}};
    return snapshot_upcasting;
}
// end slide

}  // namespace dogschool

template class es::JsonVariantMapper<dogschool::DogEvent>;
template class es::JsonVariantMapper<es::SnapshotVariant<dogschool::Dog>>;
