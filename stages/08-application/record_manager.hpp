#pragma once
// Stores sequenced items in one SQLite table and reads them back in order. It knows nothing about
// dogs: to it, an event is four fields.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "es/error.hpp"
#include "es/sqlite.hpp"
#include "sequenced_item.hpp"

namespace es {

// Somebody else wrote at this position of the sequence first: the writer's idea of the sequence
// was out of date. Nothing of the refused append was written.
class ConcurrencyError : public Error {
public:
    using Error::Error;
};

// Which items of a sequence to read: those after position `gt`, up to and including position
// `lte`, at most `limit` of them. Each bound is optional: get_items(id, {.lte = 3}).
struct ItemQuery {
    std::optional<std::int64_t> gt = std::nullopt;
    std::optional<std::int64_t> lte = std::nullopt;
    std::optional<std::int64_t> limit = std::nullopt;
};

class SqliteRecordManager {
public:
    // Opens (or creates) the database: a file name, or ":memory:" for a database that lives only as
    // long as this object. Creates the sequenced_items table if it is not there yet.
    explicit SqliteRecordManager(const std::string& path);

    // Writes all the items, or none of them: one transaction. Throws ConcurrencyError if one of
    // them has a (sequence_id, position) that is already taken.
    void append(const std::vector<SequencedItem>& items);

    // The items of one sequence that match the query, in position order.
    // (Not const: reading uses the database connection.)
    std::vector<SequencedItem> get_items(std::string_view sequence_id, const ItemQuery& query = {});

private:
    sqlite::Database db_;
};

}  // namespace es
