// Questions about the past, which the event log answers and a table of current state cannot.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "dogschool/dog.hpp"
#include "dogschool/dog_mapper.hpp"
#include "dogschool/dog_school.hpp"
#include "dogschool/tricks_view.hpp"
#include "es/popo_recorder.hpp"
#include "fixtures.hpp"

using dogschool::DogDetails;
using dogschool::DogSchool;
using dogschool::TricksView;
using namespace std::chrono_literals;

TEST_CASE("the school shows a dog as it was at an earlier version")
{
    const fixtures::TempDir dir;
    DogSchool school{fixtures::each_persistence(dir)};
    const es::Uuid fido = school.register_dog("Fido");
    school.add_trick(fido, "sit");
    school.add_trick(fido, "roll over");

    CHECK(school.get_dog(fido, 1) == DogDetails{"Fido", {}});
    CHECK(school.get_dog(fido, 2) == DogDetails{"Fido", {"sit"}});
    CHECK(school.get_dog(fido, 3) == DogDetails{"Fido", {"sit", "roll over"}});
    CHECK_THROWS_AS(school.get_dog(fido, 4), es::AggregateNotFound);
}

TEST_CASE("tricks taught are counted per day of the event, in UTC")
{
    // Events made by hand, with the times they would have had.
    const es::Timestamp march_1 = std::chrono::sys_days{std::chrono::year{2024} / 3 / 1};
    const es::Uuid fido = es::Uuid::random();
    const es::Uuid rex = es::Uuid::random();
    es::PopoRecorder recorder;
    const auto store = [&](const dogschool::DogEvent& event) {
        recorder.insert_events({dogschool::DogMapper::to_stored(event)});
    };
    store(dogschool::Registered{{fido, 0, march_1 + 9h}, "Fido"});
    store(dogschool::TrickAdded{{fido, 1, march_1 + 10h}, "sit"});
    store(dogschool::Registered{{rex, 0, march_1 + 11h}, "Rex"});
    store(dogschool::TrickAdded{{rex, 1, march_1 + 23h + 59min + 59s + 999999us}, "sit"});
    store(dogschool::TrickAdded{{rex, 2, march_1 + 24h}, "paw"});
    store(dogschool::TrickAdded{{fido, 2, march_1 + 24h * 30}, "paw"});
    store(dogschool::TrickAdded{{fido, 3, march_1 + 24h * 30 + 1h}, "paw"});  // taught again: counts again
    const es::NotificationLog log{recorder};
    TricksView view{":memory:"};
    view.run(log);

    CHECK(view.tricks_per_day() ==
          std::map<std::string, std::int64_t>{{"2024-03-01", 2}, {"2024-03-02", 1}, {"2024-03-31", 2}});
}
