#include "record_manager.hpp"
#include "es/not_implemented.hpp"

namespace es {

SqliteRecordManager::SqliteRecordManager(const std::string& path) : db_(path)
{
    // >>> step 1: SqliteRecordManager::SqliteRecordManager
    throw es::NotImplemented("SqliteRecordManager::SqliteRecordManager", 1);
    // <<<
}

void SqliteRecordManager::append(const std::vector<SequencedItem>& items)
{
    // >>> step 2: SqliteRecordManager::append
    throw es::NotImplemented("SqliteRecordManager::append", 2);
    // <<<
}

std::vector<SequencedItem> SqliteRecordManager::get_items(std::string_view sequence_id,
                                                          const ItemQuery& query)
{
    // >>> step 3: SqliteRecordManager::get_items
    throw es::NotImplemented("SqliteRecordManager::get_items", 3);
    // <<<
}

}  // namespace es
