#include "events.hpp"
#include "es/not_implemented.hpp"

namespace dogschool {

Timestamp now()
{
    // >>> step 1: now
    throw es::NotImplemented("now", 1);
    // <<<
}

const es::Uuid& originator_id_of(const DogEvent& event)
{
    // >>> step 2: originator_id_of
    throw es::NotImplemented("originator_id_of", 2);
    // <<<
}

std::int64_t originator_version_of(const DogEvent& event)
{
    // >>> step 2: originator_version_of
    throw es::NotImplemented("originator_version_of", 2);
    // <<<
}

Timestamp timestamp_of(const DogEvent& event)
{
    // >>> step 2: timestamp_of
    throw es::NotImplemented("timestamp_of", 2);
    // <<<
}

std::string_view event_name_of(const DogEvent& event)
{
    // >>> step 3: event_name_of
    throw es::NotImplemented("event_name_of", 3);
    // <<<
}

}  // namespace dogschool
