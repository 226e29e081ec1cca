#include "record_manager.hpp"

namespace es {

SqliteRecordManager::SqliteRecordManager(const std::string& path) : db_(path)
{
    db_.execute(
        "CREATE TABLE IF NOT EXISTS sequenced_items ("
        " notification_id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " sequence_id TEXT NOT NULL,"
        " position INTEGER NOT NULL,"
        " topic TEXT NOT NULL,"
        " state TEXT NOT NULL,"
        " UNIQUE (sequence_id, position))");
}

void SqliteRecordManager::append(const std::vector<SequencedItem>& items)
{
    sqlite::Transaction transaction{db_};
    sqlite::Statement insert = db_.prepare(
        "INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES (?1, ?2, ?3, ?4)");
    for (const SequencedItem& item : items) {
        insert.reset();
        insert.bind(1, item.sequence_id).bind(2, item.position).bind(3, item.topic).bind(4, item.state);
        try {
            (void)insert.step();
        } catch (const sqlite::Error& e) {
            if (!e.is_unique_violation()) throw;
            throw ConcurrencyError("position " + std::to_string(item.position) + " of sequence " +
                                   item.sequence_id + " is taken already: nothing was appended");
        }
    }
    transaction.commit();
}

std::vector<SequencedItem> SqliteRecordManager::get_items(std::string_view sequence_id,
                                                          const ItemQuery& query)
{
    sqlite::Statement select = db_.prepare(
        "SELECT sequence_id, position, topic, state FROM sequenced_items"
        " WHERE sequence_id = ?1 AND (?2 IS NULL OR position > ?2) AND (?3 IS NULL OR position <= ?3)"
        " ORDER BY position LIMIT ?4");
    select.bind(1, sequence_id);
    if (query.gt) select.bind(2, *query.gt);  // a parameter left unbound is NULL: no bound
    if (query.lte) select.bind(3, *query.lte);
    select.bind(4, query.limit.value_or(-1));  // a negative LIMIT means no limit
    std::vector<SequencedItem> items;
    while (select.step()) {
        items.push_back(
            {select.column_text(0), select.column_int64(1), select.column_text(2), select.column_text(3)});
    }
    return items;
}

}  // namespace es
