#pragma once
// A read model of the dog school: which dogs know a trick, how many dogs know each trick, and how
// many tricks were learned each day. Questions the Dog aggregates answer badly (each dog would have
// to be loaded), answered here from tables kept up to date from the notification log.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "es/projection.hpp"
#include "es/recorder.hpp"
#include "es/sqlite.hpp"
#include "es/uuid.hpp"

namespace dogschool {

class TricksView : public es::Projection {
public:
    // Opens (or creates) the view in an SQLite database: a file, or ":memory:".
    explicit TricksView(const std::string& path);

    // The dogs that know `trick`, in the order they learned it.
    std::vector<es::Uuid> dogs_knowing(const std::string& trick) const;
    // For each trick, how many dogs know it (a dog taught a trick twice counts once).
    std::map<std::string, std::int64_t> dogs_per_trick() const;
    // For each day ("2024-03-01", in UTC), how many tricks were taught that day, by the time of the
    // events: history that a table of current dogs does not keep.
    std::map<std::string, std::int64_t> tricks_per_day() const;

private:
    void apply(const es::Notification& notification) override;
    void clear() override;

    es::sqlite::Statement insert_dog_trick_;
    es::sqlite::Statement count_dog_;
    es::sqlite::Statement count_trick_on_day_;
    mutable es::sqlite::Statement select_dogs_knowing_;
    mutable es::sqlite::Statement select_dogs_per_trick_;
    mutable es::sqlite::Statement select_tricks_per_day_;
};

}  // namespace dogschool
