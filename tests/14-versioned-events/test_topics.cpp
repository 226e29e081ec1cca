// TrickAdded was renamed TrickLearned: the old topic is read, as TrickLearned, and never written.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "fixtures.hpp"

using dogschool::DogMapper;
using dogschool::TrickLearned;
using fixtures::stored;

TEST_CASE("a trick stored under the old topic TrickAdded is read as TrickLearned")
{
    const dogschool::DogEvent event = DogMapper::from_stored(
        stored(1, "dogschool.Dog.TrickAdded", R"({"timestamp":1700000000123456,"trick":"sit"})"));
    REQUIRE(std::holds_alternative<TrickLearned>(event));
    const TrickLearned& learned = std::get<TrickLearned>(event);
    CHECK(learned.trick == "sit");
    CHECK(learned.originator_id == fixtures::fido_id);
    CHECK(learned.originator_version == 1);
    // Read under either topic, it is the same event.
    CHECK(DogMapper::from_stored(stored(1, std::string(TrickLearned::topic),
                                        R"({"timestamp":1700000000123456,"trick":"sit"})")) == event);
    CHECK(DogMapper::current_topic("dogschool.Dog.TrickAdded") == TrickLearned::topic);
    CHECK(DogMapper::current_topic(TrickLearned::topic) == TrickLearned::topic);
    CHECK(DogMapper::current_topic("dogschool.Dog.Registered") == "dogschool.Dog.Registered");
}

TEST_CASE("no event is ever written under an old topic")
{
    // TrickAdded, the name code of earlier stages uses, is TrickLearned itself: one topic.
    CHECK(dogschool::TrickAdded::topic == "dogschool.Dog.TrickLearned");
    fixtures::TempDir dir;
    dogschool::DogSchool school{fixtures::sqlite_file(dir.file("dogs.db"))};
    const es::Uuid fido = school.register_dog("Fido");
    const es::Uuid rex = school.register_dog("Rex", "beagle");
    for (const char* trick : {"sit", "fetch", "roll over"}) {
        school.add_trick(fido, trick);
        school.add_trick(rex, trick);
    }
    std::multiset<std::string> topics;
    for (const es::Notification& notification : fixtures::whole_log(school))
        topics.insert(notification.event.topic);
    CHECK(topics.count("dogschool.Dog.TrickAdded") == 0);
    CHECK(topics.count("dogschool.Dog.TrickLearned") == 6);
    CHECK(topics.count("dogschool.Dog.Registered") == 2);
}

TEST_CASE("a stream with tricks under both topics loads as one history")
{
    // Fido learned "sit" before the rename, "fetch" after it: his stream holds both topics.
    fixtures::TempDir dir;
    const std::string path = fixtures::copy_of_old_store(dir);
    es::Uuid fido;
    {
        dogschool::DogSchool school{fixtures::sqlite_file(path)};
        fido = fixtures::registered_dogs(school).at(0);
        school.add_trick(fido, "shake hands");
    }
    const dogschool::DogSchool school{fixtures::sqlite_file(path)};
    CHECK(school.get_dog(fido) ==
          dogschool::DogDetails{"Fido", {"roll over", "fetch ball", "play dead", "shake hands"}});
    CHECK(school.get_dog(fido, 2) == dogschool::DogDetails{"Fido", {"roll over"}});
    // A trick he knew under the old topic is still known: the rule of add_trick holds across the rename.
    dogschool::DogSchool again{fixtures::sqlite_file(path)};
    CHECK_THROWS_AS(again.add_trick(fido, "play dead"), dogschool::TrickAlreadyKnown);
}

TEST_CASE("the tricks view counts tricks learned under the old topic and under the new")
{
    fixtures::TempDir dir;
    dogschool::DogSchool school{fixtures::sqlite_file(fixtures::copy_of_old_store(dir))};
    const es::Uuid bella = school.register_dog("Bella", "labrador");
    school.add_trick(bella, "roll over");
    dogschool::TricksView view{dir.file("tricks.db")};
    view.run(school.notification_log());
    const std::vector<es::Uuid> dogs = fixtures::registered_dogs(school);
    CHECK(view.dogs_knowing("roll over") == std::vector<es::Uuid>{dogs.at(0), bella});
    CHECK(view.dogs_per_trick().at("trick number 40") == 1);
    std::int64_t taught = 0;
    for (const auto& [day, tricks] : view.tricks_per_day()) taught += tricks;
    CHECK(taught == 51 + 1);
}
