// Step 1: every recorder selects a stream newest first, within the same bounds, the limit counting
// from the newest: the query that finds the latest snapshot at or before a version.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "es/environment.hpp"
#include "es/recorder.hpp"
#include "fixtures.hpp"

namespace {

std::vector<std::int64_t> versions(const es::Recorder& recorder, const es::Uuid& id,
                                   const es::EventSelection& selection)
{
    std::vector<std::int64_t> found;
    for (const auto& e : recorder.select_events(id, selection)) found.push_back(e.originator_version);
    return found;
}

}  // namespace

TEST_CASE("a recorder selects newest first, within the bounds, the limit counting from the newest")
{
    const fixtures::TempDir dir;
    const std::unique_ptr<es::Recorder> recorder = es::make_recorder(fixtures::each_persistence(dir));
    const es::Uuid fido = es::Uuid::random();
    std::vector<es::StoredEvent> events;
    for (std::int64_t v = 0; v < 8; ++v)
        events.push_back({fido, v, "t.E", "{\"v\":" + std::to_string(v) + "}"});
    recorder->insert_events(events);
    recorder->insert_events({{es::Uuid::random(), 0, "t.E", "{}"}});

    CHECK(versions(*recorder, fido, {.desc = true}) == std::vector<std::int64_t>{7, 6, 5, 4, 3, 2, 1, 0});
    CHECK(versions(*recorder, fido, {.desc = true, .limit = 3}) == std::vector<std::int64_t>{7, 6, 5});
    CHECK(versions(*recorder, fido, {.lte = 4, .desc = true, .limit = 1}) == std::vector<std::int64_t>{4});
    CHECK(versions(*recorder, fido, {.gt = 2, .lte = 5, .desc = true}) == std::vector<std::int64_t>{5, 4, 3});
    CHECK(versions(*recorder, fido, {.gt = 5, .lte = 5, .desc = true}).empty());
    CHECK(versions(*recorder, fido, {.lte = 2, .desc = false, .limit = 2}) ==
          std::vector<std::int64_t>{0, 1});
    CHECK(recorder->select_events(fido, {.lte = 4, .desc = true, .limit = 1}).front() == events[4]);
    CHECK(recorder->select_events(es::Uuid::random(), {.desc = true, .limit = 1}).empty());
}
