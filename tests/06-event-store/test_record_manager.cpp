#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "es/sqlite.hpp"
#include "kit_testing/temp_dir.hpp"
#include "record_manager.hpp"
#include "sequenced_item.hpp"

using kit_testing::TempDir;

namespace {

es::SequencedItem item(std::string sequence_id, std::int64_t position)
{
    return {std::move(sequence_id), position, "test.Item", "{\"n\":" + std::to_string(position) + "}"};
}

std::vector<std::int64_t> positions(const std::vector<es::SequencedItem>& items)
{
    std::vector<std::int64_t> result;
    for (const es::SequencedItem& i : items) result.push_back(i.position);
    return result;
}

}  // namespace

TEST_CASE("appended items are read back in position order")
{
    es::SqliteRecordManager records{":memory:"};
    records.append({item("fido", 2), item("fido", 0)});
    records.append({item("fido", 1)});

    const std::vector<es::SequencedItem> items = records.get_items("fido");

    REQUIRE(positions(items) == std::vector<std::int64_t>{0, 1, 2});
    CHECK(items[1] == item("fido", 1));
}

TEST_CASE("reading can start after a position, stop at a position, and be limited")
{
    es::SqliteRecordManager records{":memory:"};
    records.append({item("fido", 0), item("fido", 1), item("fido", 2), item("fido", 3), item("fido", 4)});

    SUBCASE("after")
    {
        CHECK(positions(records.get_items("fido", {.gt = 2})) == std::vector<std::int64_t>{3, 4});
    }
    SUBCASE("up to")
    {
        CHECK(positions(records.get_items("fido", {.lte = 1})) == std::vector<std::int64_t>{0, 1});
    }
    SUBCASE("limited")
    {
        CHECK(positions(records.get_items("fido", {.limit = 2})) == std::vector<std::int64_t>{0, 1});
    }
    SUBCASE("all three")
    {
        CHECK(positions(records.get_items("fido", {.gt = 0, .lte = 3, .limit = 2})) ==
              std::vector<std::int64_t>{1, 2});
    }
    SUBCASE("nothing in range")
    {
        CHECK(records.get_items("fido", {.gt = 4}).empty());
    }
}

TEST_CASE("a sequence reads only its own items, and an unknown sequence reads as empty")
{
    es::SqliteRecordManager records{":memory:"};
    records.append({item("fido", 0), item("rex", 0), item("fido", 1)});

    REQUIRE(positions(records.get_items("rex")) == std::vector<std::int64_t>{0});
    CHECK(records.get_items("rex")[0].sequence_id == "rex");
    CHECK(records.get_items("nobody").empty());
}

TEST_CASE("appending at a position already taken is a ConcurrencyError and writes nothing")
{
    es::SqliteRecordManager records{":memory:"};
    records.append({item("fido", 0), item("fido", 1)});

    // Items 2 and 3 are new, but 1 is taken: the whole append is refused.
    CHECK_THROWS_AS(records.append({item("fido", 2), item("fido", 1), item("fido", 3)}),
                    es::ConcurrencyError);

    CHECK(positions(records.get_items("fido")) == std::vector<std::int64_t>{0, 1});
    SUBCASE("and the store carries on as before")
    {
        records.append({item("fido", 2)});
        CHECK(positions(records.get_items("fido")) == std::vector<std::int64_t>{0, 1, 2});
    }
}

TEST_CASE("items with hostile text in every field come back exactly")
{
    const TempDir dir;
    const std::string path = dir.file("hostile.db");
    const std::string nul_text("a\0b\0", 4);
    const std::vector<es::SequencedItem> written = {
        {"'); DROP TABLE sequenced_items; --", 0, "topic \"quoted\" 'too'", "state with ' and \" and ;"},
        {"'); DROP TABLE sequenced_items; --", 1, nul_text, nul_text},
        {"'); DROP TABLE sequenced_items; --", 2, "犬 \xF0\x9F\x90\x95", std::string(1'000'000, 's')},
    };
    es::SqliteRecordManager{path}.append(written);

    es::SqliteRecordManager reopened{path};
    CHECK(reopened.get_items("'); DROP TABLE sequenced_items; --") == written);
}

TEST_CASE("items survive closing and reopening the database file")
{
    const TempDir dir;
    const std::string path = dir.file("dogs.db");
    {
        es::SqliteRecordManager records{path};
        records.append({item("fido", 0), item("fido", 1)});
    }
    es::SqliteRecordManager reopened{path};
    CHECK(positions(reopened.get_items("fido")) == std::vector<std::int64_t>{0, 1});
}

TEST_CASE("the sequenced_items table numbers items in the order they were appended")
{
    const TempDir dir;
    const std::string path = dir.file("dogs.db");
    es::SqliteRecordManager records{path};
    records.append({item("fido", 0), item("rex", 0)});
    records.append({item("fido", 1)});

    // Read the table directly, as ./workshop show-store does.
    es::sqlite::Database db{path};
    es::sqlite::Statement select = db.prepare(
        "SELECT notification_id, sequence_id, position, topic, state FROM sequenced_items ORDER BY "
        "notification_id");
    std::vector<std::string> order;
    std::int64_t last_id = 0;
    while (select.step()) {
        CHECK(select.column_int64(0) > last_id);
        last_id = select.column_int64(0);
        order.push_back(select.column_text(1) + "/" + std::to_string(select.column_int64(2)));
    }
    CHECK(order == std::vector<std::string>{"fido/0", "rex/0", "fido/1"});
}
