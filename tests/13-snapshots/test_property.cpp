// The property that makes snapshots safe (step 4): for any history and any interval, every version
// of a dog loaded from snapshots equals the same version replayed from all its events, and the dog
// as it was built. A failure prints the seed that makes it, to replay it alone.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "fixtures.hpp"

using dogschool::Dog;
using dogschool::DogSchool;

TEST_CASE("a dog loaded from snapshots equals its full replay, at every version of any history")
{
    for (std::uint32_t seed = 1; seed <= 100; ++seed) {
        std::mt19937 random{seed};
        const auto between = [&](int low, int high) {
            return std::uniform_int_distribution<int>{low, high}(random);
        };
        const int interval = between(1, 10);
        const int events = between(1, 80);

        DogSchool snapshotting{fixtures::with_snapshots({}, interval)};
        DogSchool replaying{es::Environment{}};
        Dog dog{"Rex " + std::to_string(seed)};
        std::vector<Dog> as_built{dog};  // as_built[v - 1]: the dog at version v
        int trick = 0;
        while (dog.version() < events || !dog.pending_events().empty()) {
            const int save_size = between(1, 6);
            for (int n = 0; n < save_size && dog.version() < events; ++n) {
                dog.add_trick("trick " + std::to_string(++trick));
                as_built.push_back(dog);
            }
            Dog copy = dog;  // the same pending events, for the school without snapshots
            replaying.save(copy);
            snapshotting.save(dog);
        }

        for (std::int64_t v = 1; v <= events; ++v) {
            const Dog loaded = snapshotting.repository().get(dog.id(), v);
            if (!(loaded == replaying.repository().get(dog.id(), v)) || !(loaded == as_built[v - 1])) {
                FAIL("seed " << seed << " (interval " << interval << ", " << events << " events): version "
                             << v << " loaded from snapshots has " << loaded.tricks().size()
                             << " tricks at version " << loaded.version() << ", its full replay " << v - 1
                             << " tricks");
            }
        }
        if (!(snapshotting.repository().get(dog.id()) == dog))
            FAIL("seed " << seed << ": the latest dog differs");
    }
}
