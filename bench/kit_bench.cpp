// The kit's side of the event-store benchmark: the workload of raw_sqlite.cpp, done the way an
// application does it, through the final stage's public API only (DogSchool and es::Application:
// register_dog, repository().get, Dog::add_trick + save, notification_log().select).
//
//   bench_kit --persistence sqlite|popo [--db FILE] [--dogs 1000] [--tricks 9] [--events 10000]
//             [--page 1000] [--repeat 25]
// prints one JSON line per measure (a_save_<p>, c_get_<p>, e_get_version_<p>, d_notifications_<p>
// with <p> = sqlite or popo), and the average size of the states it wrote (kit_state_bytes), which
// bench/run.py hands to the raw program so that both write the same number of bytes.
//
// Built a second time as bench_snapshots, against stage 13 (KIT_BENCH_SNAPSHOTS), it measures
// instead get() of a long dog on an SQLite file, replayed in full and loaded from its snapshots:
//   bench_snapshots --db FILE [--events 100000] [--interval 100] [--repeat 25]
// prints f_get_long_dog_sqlite, f_get_long_dog_snapshots_sqlite, and the same for a dog of a tenth
// of the events (f_get_short_dog_*), to show whether the cost grows with the history.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "dogschool/dog_school.hpp"
#include "es/sqlite.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string persistence;
    std::string db;
    int dogs = 1000;
    int tricks = 9;
    int events = 10000;
    int page = 1000;
    int repeat = 25;
    int interval = 100;
};

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

void emit(const std::string& measure, const char* unit, double count, double seconds)
{
    std::printf("{\"measure\": \"%s\", \"%s\": %.1f, \"count\": %.0f, \"seconds\": %.6f}\n", measure.c_str(),
                unit, count / seconds, count, seconds);
    std::fflush(stdout);
}

int parse_int(const char* text, const char* name)
{
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0) {
        std::fprintf(stderr, "bench_kit: %s needs a positive number\n", name);
        std::exit(2);
    }
    return static_cast<int>(value);
}

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "bench_kit: %s needs a value\n", argv[i]);
            std::exit(2);
        }
        const char* value = argv[++i];
        if (arg == "--persistence")
            o.persistence = value;
        else if (arg == "--db")
            o.db = value;
        else if (arg == "--dogs")
            o.dogs = parse_int(value, argv[i - 1]);
        else if (arg == "--tricks")
            o.tricks = parse_int(value, argv[i - 1]);
        else if (arg == "--events")
            o.events = parse_int(value, argv[i - 1]);
        else if (arg == "--page")
            o.page = parse_int(value, argv[i - 1]);
        else if (arg == "--repeat")
            o.repeat = parse_int(value, argv[i - 1]);
        else if (arg == "--interval")
            o.interval = parse_int(value, argv[i - 1]);
        else {
            std::fprintf(stderr, "bench_kit: unknown option %s\n", argv[i - 1]);
            std::exit(2);
        }
    }
#ifdef KIT_BENCH_SNAPSHOTS
    if (o.persistence.empty()) o.persistence = "sqlite";
#endif
    if ((o.persistence != "sqlite" && o.persistence != "popo") ||
        (o.persistence == "sqlite" && o.db.empty())) {
        std::fprintf(stderr, "usage: bench_kit --persistence sqlite --db FILE | --persistence popo [...]\n");
        std::exit(2);
    }
    return o;
}

// The events a dog was rebuilt from: one Registered, then one TrickAdded per trick.
std::size_t events_in(const dogschool::Dog& dog)
{
    return dog.tricks().size() + 1;
}

#ifdef KIT_BENCH_SNAPSHOTS
// A dog of `events` events, stored as a store holds them, without snapshots (straight into the
// recorder: a Dog's add_trick() checks every trick it knows, and recording copies the dog, so
// building 100,000 events by commands would take minutes), then `tail` more events saved one at a
// time by a school that takes snapshots, as commands do.
es::Uuid long_dog(const es::Environment& environment, const Options& o, int events, int tail)
{
    const es::Uuid id = es::Uuid::random();
    {
        const dogschool::DogSchool plain{environment};
        std::vector<es::StoredEvent> history;
        history.push_back(dogschool::DogMapper::to_stored(dogschool::Registered{{id, 0, es::now()}, "Rex"}));
        for (int e = 1; e < events; ++e) {
            history.push_back(dogschool::DogMapper::to_stored(
                dogschool::TrickAdded{{id, e, es::now()}, "trick " + std::to_string(e)}));
        }
        const_cast<es::Recorder&>(plain.recorder()).insert_events(history);
    }
    es::Environment snapshotting = environment;
    snapshotting.set("SNAPSHOTTING_INTERVAL", std::to_string(o.interval));
    dogschool::DogSchool school{snapshotting};
    dogschool::Dog dog = school.repository().get(id);
    for (int e = 0; e < tail; ++e) {
        dog.add_trick("late trick " + std::to_string(e));
        school.save(dog);
    }
    return id;
}

int snapshots_main(const Options& o)
{
    const es::Environment environment{{"PERSISTENCE_MODULE", "sqlite"}, {"SQLITE_DBNAME", o.db}};
    // The tail crosses one multiple of the interval (a snapshot there), then half an interval more.
    const int tail = o.interval + o.interval / 2;
    const es::Uuid longer = long_dog(environment, o, o.events, tail);
    const es::Uuid shorter = long_dog(environment, o, o.events / 10, tail);
    es::sqlite::Database{o.db}.execute("PRAGMA wal_checkpoint(TRUNCATE)");

    es::Environment snapshotting = environment;
    snapshotting.set("SNAPSHOTTING_INTERVAL", std::to_string(o.interval));
    const dogschool::DogSchool replaying{environment};
    const dogschool::DogSchool loading{snapshotting};
    std::size_t checksum = 0;
    const auto timed = [&](const std::string& measure, const dogschool::DogSchool& school,
                           const es::Uuid& id) {
        std::vector<double> times;
        std::size_t events = 0;
        for (int r = 0; r < o.repeat; ++r) {
            const auto start = Clock::now();
            events = events_in(school.repository().get(id));
            times.push_back(seconds_since(start));
        }
        checksum += events;
        const double seconds = median(times);
        std::printf(
            "{\"measure\": \"%s\", \"gets_per_s\": %.1f, \"ms_per_get\": %.3f, \"events\": %zu, "
            "\"interval\": %d}\n",
            measure.c_str(), 1.0 / seconds, seconds * 1000, events, o.interval);
        std::fflush(stdout);
    };
    timed("f_get_long_dog_sqlite", replaying, longer);
    timed("f_get_long_dog_snapshots_sqlite", loading, longer);
    timed("f_get_short_dog_sqlite", replaying, shorter);
    timed("f_get_short_dog_snapshots_sqlite", loading, shorter);
    if (checksum == 0) std::fprintf(stderr, "bench_snapshots: nothing was read\n");
    return 0;
}
#endif

}  // namespace

// The event-store workload (bench_kit).
[[maybe_unused]] static int store_main(const Options& o)
{
    es::Environment environment{{"PERSISTENCE_MODULE", o.persistence}};
    if (o.persistence == "sqlite") environment.set("SQLITE_DBNAME", o.db);
    dogschool::DogSchool school{environment};
    const std::string suffix = "_" + o.persistence;
    std::size_t checksum = 0;  // keeps the reads observable

    // (a) register the dogs, then 9 x [get the dog, add a trick, save] for each.
    {
        std::vector<es::Uuid> ids;
        const auto start = Clock::now();
        for (int d = 0; d < o.dogs; ++d) ids.push_back(school.register_dog("Fido"));
        for (const es::Uuid& id : ids) {
            for (int t = 0; t < o.tricks; ++t) {
                auto dog = school.repository().get(id);
                dog.add_trick("trick " + std::to_string(t));  // a dog learns each trick once
                school.save(dog);
            }
        }
        emit("a_save" + suffix, "commands_per_s", o.dogs * (1.0 + o.tricks), seconds_since(start));
    }

    // One dog with many events, saved at once (not timed).
    dogschool::Dog rex{"Rex"};
    for (int e = 1; e < o.events; ++e) rex.add_trick("trick " + std::to_string(e));
    school.save(rex);
    if (o.persistence == "sqlite") {
        // Reads start from the same state of the file as in the raw program: the WAL copied into
        // the database (a second connection, only for this; the application's stays as it is).
        es::sqlite::Database{o.db}.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }

    // (c) replay it; (e) replay it up to the middle; (d) the first notifications, page by page.
    const auto timed = [&](const std::string& measure, const char* unit, auto&& body) {
        std::vector<double> times;
        std::size_t count = 0;
        for (int r = 0; r < o.repeat; ++r) {
            const auto start = Clock::now();
            count = body();
            times.push_back(seconds_since(start));
        }
        checksum += count;
        emit(measure, unit, static_cast<double>(count), median(times));
    };
    const es::Uuid rex_id = rex.id();
    timed("c_get" + suffix, "events_per_s", [&] { return events_in(school.repository().get(rex_id)); });
    timed("e_get_version" + suffix, "events_per_s",
          [&] { return events_in(school.repository().get(rex_id, o.events / 2)); });
    const int notifications = o.dogs * (1 + o.tricks);
    timed("d_notifications" + suffix, "notifications_per_s", [&] {
        std::size_t total = 0;
        for (int start = 1; start <= notifications; start += o.page) {
            total +=
                school.notification_log().select(start, std::min(o.page, notifications - start + 1)).size();
        }
        return total;
    });

    // What the kit writes per event, for the raw program to write as much.
    std::size_t bytes = 0;
    std::size_t items = 0;
    for (int start = 1; start <= notifications; start += o.page) {
        for (const auto& notification : school.notification_log().select(start, o.page)) {
            if (notification.id > notifications) break;
            bytes += notification.event.state.size();
            ++items;
        }
    }
    std::printf("{\"measure\": \"kit_state_bytes\", \"bytes\": %zu}\n", items != 0 ? bytes / items : 0);
    if (checksum == 0) std::fprintf(stderr, "bench_kit: nothing was read\n");
    return 0;
}

int main(int argc, char** argv)
{
    const Options o = parse(argc, argv);
#ifdef KIT_BENCH_SNAPSHOTS
    return snapshots_main(o);
#else
    return store_main(o);
#endif
}
