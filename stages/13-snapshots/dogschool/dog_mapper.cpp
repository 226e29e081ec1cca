// The fields of a Dog's events as JSON, nlohmann's way: a to_json and a from_json beside each event
// (found by ADL). es::JsonMapper adds the topic and the DomainEvent part, and checks what it reads.
// The one file of the dog school that includes nlohmann/json.hpp: it is slow to compile.
#include "dogschool/dog_mapper.hpp"

#include "es/json_mapper.hpp"

namespace dogschool {

void to_json(nlohmann::json& fields, const Registered& e)
{
    fields["name"] = e.name;
}

void from_json(const nlohmann::json& fields, Registered& e)
{
    es::get_field(fields, "name", e.name);
}

void to_json(nlohmann::json& fields, const TrickAdded& e)
{
    fields["trick"] = e.trick;
}

void from_json(const nlohmann::json& fields, TrickAdded& e)
{
    es::get_field(fields, "trick", e.trick);
}

// slide: snapshot JSON
// A snapshot's fields, like an event's: the library adds the topic, the id, the version and the
// timestamp. {"name":"Fido","timestamp":...,"tricks":["sit","roll over"]}
void to_json(nlohmann::json& fields, const Dog::Snapshot& s)
{
    fields["name"] = s.name;
    fields["tricks"] = s.tricks;
}

void from_json(const nlohmann::json& fields, Dog::Snapshot& s)
{
    es::get_field(fields, "name", s.name);
    es::get_field(fields, "tricks", s.tricks);
}
// end slide

}  // namespace dogschool

template class es::JsonVariantMapper<dogschool::DogEvent>;
template class es::JsonVariantMapper<es::SnapshotVariant<dogschool::Dog>>;
