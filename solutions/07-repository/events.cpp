#include "events.hpp"

namespace dogschool {

Timestamp now()
{
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

const es::Uuid& originator_id_of(const DogEvent& event)
{
    return std::visit([](const auto& e) -> const es::Uuid& { return e.originator_id; }, event);
}

std::int64_t originator_version_of(const DogEvent& event)
{
    return std::visit([](const auto& e) { return e.originator_version; }, event);
}

Timestamp timestamp_of(const DogEvent& event)
{
    return std::visit([](const auto& e) { return e.timestamp; }, event);
}

std::string_view event_name_of(const DogEvent& event)
{
    return std::visit(overloaded{
                          [](const Registered&) { return std::string_view{"Registered"}; },
                          [](const TrickAdded&) { return std::string_view{"TrickAdded"}; },
                          [](const Renamed&) { return std::string_view{"Renamed"}; },
                          [](const Discarded&) { return std::string_view{"Discarded"}; },
                      },
                      event);
}

}  // namespace dogschool
