// The fields of the certificates' events as JSON (see dogschool/dog_mapper.cpp). An id is stored
// as its text, and es::get_field reads it back checked.
#include "certificates/certificates_mapper.hpp"

#include "es/json_mapper.hpp"

namespace certificates {

void to_json(nlohmann::json& fields, const Enrolled& e)
{
    fields["dog_name"] = e.dog_name;
}

void from_json(const nlohmann::json& fields, Enrolled& e)
{
    es::get_field(fields, "dog_name", e.dog_name);
}

void to_json(nlohmann::json& fields, const TrickCounted& e)
{
    fields["trick"] = e.trick;
}

void from_json(const nlohmann::json& fields, TrickCounted& e)
{
    es::get_field(fields, "trick", e.trick);
}

void to_json(nlohmann::json& fields, const Certified& e)
{
    fields["certificate_id"] = e.certificate_id.to_string();
}

void from_json(const nlohmann::json& fields, Certified& e)
{
    es::get_field(fields, "certificate_id", e.certificate_id);
}

void to_json(nlohmann::json& fields, const Awarded& e)
{
    fields["dog_id"] = e.dog_id.to_string();
    fields["dog_name"] = e.dog_name;
    fields["tricks"] = e.tricks;
}

void from_json(const nlohmann::json& fields, Awarded& e)
{
    es::get_field(fields, "dog_id", e.dog_id);
    es::get_field(fields, "dog_name", e.dog_name);
    es::get_field(fields, "tricks", e.tricks);
}

}  // namespace certificates

template class es::JsonVariantMapper<certificates::TrickCounterEvent>;
template class es::JsonVariantMapper<certificates::CertificateEvent>;
