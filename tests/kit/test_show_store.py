"""./workshop show-store on stores in the layouts of the stages, on real stores the stages' demos
wrote (fixtures/stores/), on every odd file a student may give it, on PostgreSQL (a throwaway
server), and its picture (--html) in headless Chromium."""

import importlib.util
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

KIT = Path(__file__).resolve().parents[2]
STORES = Path(__file__).resolve().parent / "fixtures" / "stores"
sys.path.insert(0, str(KIT / "tools"))
import throwaway_postgres  # noqa: E402

# The table of stages 06-08 (record_manager.cpp) and 10-12 (sqlite_recorder.cpp): the same in all.
SCHEMA = ("CREATE TABLE sequenced_items (notification_id INTEGER PRIMARY KEY AUTOINCREMENT, "
          "sequence_id TEXT NOT NULL, position INTEGER NOT NULL, topic TEXT NOT NULL, state TEXT NOT NULL, "
          "UNIQUE (sequence_id, position))")
FIDO, REX = "8f1c2d3e-0000-4000-8000-000000000001", "2b7a9c10-0000-4000-8000-000000000002"
MOMENT = 1700000000123456  # 2023-11-14T22:13:20.123456Z
EVENTS = [(FIDO, 0, "dogschool.Dog.Registered", {"name": "Fido"}), (REX, 0, "dogschool.Dog.Registered", {"name": "Rex"}),
          (FIDO, 1, "dogschool.Dog.TrickAdded", {"trick": "sit"}), (REX, 1, "dogschool.Dog.TrickAdded", {"trick": "play dead"}),
          (FIDO, 2, "dogschool.Dog.TrickAdded", {"trick": "roll over"})]


def make_store(path, events=EVENTS, wal=True, schema=SCHEMA):
    db = sqlite3.connect(path)
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
    db.execute(schema)
    if events:
        db.executemany("INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES (?, ?, ?, ?)",
                       [(s, p, t, json.dumps({"timestamp": MOMENT + p, **f})) for s, p, t, f in events])
    db.commit()
    db.close()
    return path


def make_view(path, position):
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE projection_positions (name TEXT PRIMARY KEY, position INTEGER NOT NULL);"
                     "CREATE TABLE trick_counts (trick TEXT PRIMARY KEY, dogs INTEGER NOT NULL);"
                     f"INSERT INTO projection_positions VALUES ('dogschool.TricksView', {position});"
                     "INSERT INTO trick_counts VALUES ('sit', 1);")
    db.commit()
    db.close()
    return path


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    raise AssertionError("the picture is tested in Chromium, which is not installed: sudo apt-get install -y chromium")


def slides_build():
    spec = importlib.util.spec_from_file_location("slides_build", KIT / "slides" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["slides_build"] = module
    spec.loader.exec_module(module)
    return module


class ShowStore(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="show-store-")
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def show(self, *args, env=None, timeout=60):
        full = {**os.environ, "CI": "1", "NO_COLOR": "1", **(env or {})}
        for name in ("PERSISTENCE_MODULE", "SQLITE_DBNAME", "TRICKS_DBNAME"):
            if env is None or name not in env:
                full.pop(name, None)
        proc = subprocess.run([str(KIT / "workshop"), "show-store", *map(str, args)], cwd=self.dir, env=full,
                              capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        return proc.returncode, proc.stdout + proc.stderr

    def one_line(self, expected, *args, **kw):
        code, out = self.show(*args, **kw)
        self.assertEqual(code, 1, out)
        self.assertEqual(len(out.strip().splitlines()), 1, out)
        self.assertIn(expected, out)
        return out

    # ---- readable

    def test_a_summary_then_one_line_per_event_with_stream_version_topic_time_and_fields(self):
        code, out = self.show(make_store(self.dir / "dogs.db"))
        self.assertEqual(code, 0, out)
        lines = out.splitlines()
        self.assertIn("dogs.db (SQLite): 2 streams, 5 events, last notification id 5", lines[0])
        self.assertIn(f"stream {FIDO}  v0..v2, 3 events", out)
        event = next(line for line in lines if "roll over" in line)
        self.assertRegex(event, r"^\s+5  8f1c2d3e v2  dogschool\.Dog\.TrickAdded  2023-11-14T22:13:20\.123458Z  trick=\"roll over\"$")
        self.assertNotIn(str(MOMENT), out)

    def test_one_stream_and_one_event_are_singular(self):
        code, out = self.show(make_store(self.dir / "one.db", EVENTS[:1]))
        self.assertIn("1 stream, 1 event, last notification id 1", out)
        code, out = self.show(make_store(self.dir / "none.db", []))
        self.assertIn("0 streams, 0 events, last notification id 0", out)

    def test_a_stream_with_a_missing_version_says_so(self):
        _, out = self.show(make_store(self.dir / "gap.db", [EVENTS[0], (FIDO, 2, "dogschool.Dog.TrickAdded", {})]))
        self.assertIn(f"stream {FIDO}  v0..v2, 2 events  (versions have gaps)", out)

    def test_stream_topic_from_and_limit_pick_events(self):
        store = make_store(self.dir / "dogs.db")
        _, out = self.show(store, "--stream", REX[:4])
        self.assertIn("Rex", out)
        self.assertNotIn("Fido", out)
        _, out = self.show(store, "--topic", "TrickAdded", "--from", "3", "--limit", "1")
        self.assertIn('trick="sit"', out)
        self.assertNotIn("play dead", out)
        self.assertIn("2 more events: --from 4", out)
        self.one_line("no stream 99 in this store", store, "--stream", "99")
        code, out = self.show(store, "--strem", FIDO)
        self.assertEqual(code, 2, out)
        self.assertIn("unrecognized arguments: --strem", out)

    def test_a_long_log_is_shown_a_page_at_a_time(self):
        many = [(FIDO, i, "dogschool.Dog.TrickAdded", {"trick": f"t{i}"}) for i in range(250)]
        _, out = self.show(make_store(self.dir / "long.db", many))
        self.assertIn("t199", out)
        self.assertNotIn("t200", out)
        self.assertIn("50 more events: --from 201", out)

    def test_json_is_for_scripts(self):
        code, out = self.show(make_store(self.dir / "dogs.db"), "--json", "--stream", FIDO)
        self.assertEqual(code, 0, out)
        data = json.loads(out)
        self.assertEqual((data["streams"], data["events"], data["last_notification_id"]), (2, 5, 5))
        self.assertEqual([e["version"] for e in data["shown"]], [0, 1, 2])
        self.assertEqual(data["shown"][0]["state"]["name"], "Fido")
        self.assertEqual(data["shown"][0]["timestamp"], "2023-11-14T22:13:20.123456Z")

    # ---- robust: any path, nothing written, one clear line for every odd file

    def test_hostile_strings_are_shown_and_never_obeyed(self):
        hostile = "\x1b[2J</script><!--<script>'\"; DROP TABLE sequenced_items; --\x00 Fïdo 🐕\n"
        store = make_store(self.dir / "hostile.db", [(FIDO, 0, "dogschool.Dog.Registered", {"name": hostile}),
                                                    (hostile, 0, "x.\x1b[31mRed", {"name": "x" * 1_000_000})])
        code, out = self.show(store)
        self.assertEqual(code, 0, out)
        self.assertNotIn("\x1b", out)
        self.assertIn("x.\\u001b[31mRed", out)
        self.assertEqual(len([line for line in out.splitlines() if line.startswith("  ") and " v0  " in line]), 2)
        page = self.dir / "hostile.html"
        self.show(store, "--html", page)
        self.assertEqual(len(re.findall(r'class="ev t\d" data-n="\d+"', self.dump_dom(page))), 2)

    def test_any_file_name_opens_that_file_and_nothing_beside_it_is_created_or_changed(self):
        for name in ("a#b.db", "what?.db", "100%.db", "sp ace.db", "x?mode=rwc#y.db"):
            folder = self.dir / f"f{len(name)}"
            folder.mkdir()
            make_store(folder / "a", EVENTS[:1])  # what an unquoted URI would open instead
            store = make_store(folder / name)
            before = {p.name: p.read_bytes() for p in folder.iterdir()}
            code, out = self.show(store)
            self.assertEqual(code, 0, out)
            self.assertIn("5 events", out, name)
            self.assertEqual({p.name: p.read_bytes() for p in folder.iterdir()}, before, name)

    def test_a_store_left_with_its_write_ahead_log_shows_the_logged_events_and_writes_nothing(self):
        live = make_store(self.dir / "live.db", EVENTS[:1])
        writer = sqlite3.connect(live)
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES (?, 1, 'x.Y', '{}')", (FIDO,))
        writer.commit()
        for left in (("dogs.db-wal",), ("dogs.db-wal", "dogs.db-shm")):  # by a program that was killed
            crashed = self.dir / f"crashed{len(left)}"
            crashed.mkdir()
            for name in ("dogs.db", *left):
                shutil.copyfile(str(live) + name.removeprefix("dogs.db"), crashed / name)
            before = {p.name: p.read_bytes() for p in crashed.iterdir()}
            code, out = self.show(crashed / "dogs.db")
            self.assertIn("2 events", out)
            self.assertEqual({p.name: p.read_bytes() for p in crashed.iterdir()}, before)
        code, out = self.show(live)  # while the writer has it open
        writer.close()
        self.assertIn("2 events", out)

    def test_odd_files_get_one_line_that_says_what_is_wrong(self):
        other = self.dir / "other.db"
        make_store(other, [], schema="CREATE TABLE sequenced_items (id INTEGER, stream TEXT, data BLOB, "
                                     "notification_id INTEGER)")
        self.one_line("not the workshop's: it has no sequence_id, position, topic, state", other)
        loose = "CREATE TABLE sequenced_items (notification_id INTEGER PRIMARY KEY, sequence_id, position, topic, state)"
        for column, value in (("state", "NULL"), ("position", "NULL"), ("position", "'two'")):
            path = self.dir / f"{column}{len(value)}.db"
            make_store(path, EVENTS[:2], schema=loose)
            with sqlite3.connect(path) as db:
                db.execute(f"UPDATE sequenced_items SET {column} = {value} WHERE notification_id = 2")
            self.one_line(f"the event with notification id 2 has {'no ' + column if value == 'NULL' else column}", path)
        self.one_line("is a folder, not a file", self.dir)
        fifo = self.dir / "pipe.db"
        os.mkfifo(fifo)
        self.one_line("is a named pipe (FIFO), not a file", fifo, timeout=20)
        (self.dir / "empty.db").touch()
        self.one_line("is empty (0 bytes)", self.dir / "empty.db")
        self.one_line("is not an SQLite database", KIT / "CMakeLists.txt")
        self.one_line("no such file", self.dir / "missing.db")
        with sqlite3.connect(self.dir / "t.db") as db:
            db.execute("CREATE TABLE dogs (name TEXT)")
        self.one_line("has no sequenced_items table", self.dir / "t.db")
        whole = make_store(self.dir / "whole.db", EVENTS * 0 + [(FIDO, i, "x.Y", {"pad": "x" * 500}) for i in range(40)])
        half = self.dir / "half.db"
        half.write_bytes(whole.read_bytes()[: 4096 * 3 + 1000])
        self.one_line("is cut short", half)

    def test_a_locked_or_half_written_rollback_journal_store_gets_one_line(self):
        store = make_store(self.dir / "dogs.db", wal=False)
        holder = sqlite3.connect(store, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE sequenced_items SET topic = topic")
        try:
            self.one_line("is locked: another program is writing to it", store)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        script = ("import os, sqlite3, sys\ndb = sqlite3.connect(sys.argv[1]); db.execute('PRAGMA cache_size = 1')\n"
                  "db.execute('BEGIN'); db.execute(\"UPDATE sequenced_items SET state = state || ' '\")\n"
                  "db.execute('INSERT INTO sequenced_items (sequence_id, position, topic, state) "
                  "SELECT sequence_id, position + 100, topic, hex(randomblob(3000)) FROM sequenced_items')\nos._exit(9)")
        subprocess.run([sys.executable, "-c", script, str(store)])
        self.assertTrue(Path(f"{store}-journal").exists())
        self.one_line("has an unfinished transaction", store)

    # ---- every store the kit has

    def test_a_table_with_more_columns_than_the_workshops_is_shown(self):
        wider = SCHEMA.replace("state TEXT NOT NULL,", "state TEXT NOT NULL, added_by TEXT DEFAULT 'me', ")
        code, out = self.show(make_store(self.dir / "wider.db", schema=wider))
        self.assertEqual(code, 0, out)
        self.assertIn("2 streams, 5 events", out)

    def test_real_stores_written_by_the_stages_demos(self):
        for name, summary in (("stage06-dogs.db", "2 streams, 6 events"), ("stage10-dogs.db", "1 stream, 3 events"),
                              ("stage11-dogs.db", "4 streams, 10 events"), ("stage13-dogs.db", "1 stream, 26 events")):
            copy = self.dir / name
            shutil.copyfile(STORES / name, copy)
            code, out = self.show(copy)
            self.assertEqual(code, 0, out)
            self.assertIn(summary, out, name)
            # Stage 13's snapshots are shown apart from the log; a store without the table shows none.
            self.assertEqual("snapshots (a cache, not in the notification log): 2 snapshots" in out,
                             name == "stage13-dogs.db", name)
            self.assertRegex(out, r"v0 +dogschool\.Dog\.Registered  20\d\d-\d\d-\d\dT[\d:.]+Z  name=\"Fido\"")
        code, out = self.show(self.dir / "stage13-dogs.db", "--json")
        self.assertEqual([s["version"] for s in json.loads(out)["snapshots"]], [10, 20])
        shutil.copyfile(STORES / "stage11-tricks.db", self.dir / "tricks.db")
        code, out = self.show("stage11-dogs.db", "tricks.db")  # named as a student would, from their folder
        self.assertIn("view dogschool.TricksView", out)
        self.assertIn("at notification 5, 5 events behind the log", out)
        self.assertIn("dogschool.TricksView has processed the log up to here", out)
        self.assertIn("table trick_counts of tricks.db (2 rows): trick, dogs", out)
        code, out = self.show(self.dir / "tricks.db")
        self.assertIn("name the log too", out)
        code, out = self.show(env={"PERSISTENCE_MODULE": "sqlite", "SQLITE_DBNAME": str(self.dir / "stage11-dogs.db"),
                                   "TRICKS_DBNAME": str(self.dir / "tricks.db")})
        self.assertIn("5 events behind the log", out)

    def test_the_old_store_stage_14_ships_and_a_store_of_versioned_events(self):
        old = KIT / "tests" / "14-versioned-events" / "data" / "stage10-dogs.sqlite"
        before = {p.name: p.read_bytes() for p in old.parent.iterdir()}
        code, out = self.show(old)
        self.assertEqual(code, 0, out)
        self.assertIn("6 streams, 57 events, last notification id 57", out)
        self.assertRegex(out, r"v0 +dogschool\.Dog\.Registered  20\d\d-\d\d-\d\dT[\d:.]+Z  name=\"Zoë 🐕 Ünïcødé\"")
        self.assertIn("dogschool.Dog.TrickAdded", out)
        self.assertNotIn("class_version", out)
        self.assertEqual({p.name: p.read_bytes() for p in old.parent.iterdir()}, before)  # read, never written
        # What stage 14 writes: a version beside the fields once it is above 1, and the renamed topic.
        store = make_store(self.dir / "dogs14.db", [
            (FIDO, 0, "dogschool.Dog.Registered", {"breeds": ["labrador", "poodle"], "class_version": 3, "name": "Coco"}),
            (FIDO, 1, "dogschool.Dog.TrickLearned", {"trick": "sit"})])
        code, out = self.show(store)
        self.assertEqual(code, 0, out)
        self.assertIn('breeds=["labrador", "poodle"]  class_version=3  name="Coco"', out)
        self.assertRegex(out, r"v1  dogschool\.Dog\.TrickLearned  2023-11-14T22:13:20\.123457Z  trick=\"sit\"")

    def test_postgres_through_psql_with_the_applications_settings_or_a_uri(self):
        saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("POSTGRES_")}
        try:
            with throwaway_postgres.server() as settings:
                if not settings:
                    self.fail("this test starts a throwaway PostgreSQL server and could not: install it with "
                              "sudo apt-get install -y postgresql")
                self.postgres_cases(settings)
        finally:
            os.environ.update(saved)

    def postgres_cases(self, settings):
        psql = [shutil.which("psql") or self.fail("install psql: sudo apt-get install -y postgresql-client"),
                "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", settings["POSTGRES_HOST"], "-U", "kit", "-d", "postgres"]
        stage12 = ("CREATE TABLE sequenced_items (notification_id BIGINT NOT NULL UNIQUE, sequence_id UUID NOT NULL, "
                   "position BIGINT NOT NULL, topic TEXT NOT NULL, state BYTEA NOT NULL, PRIMARY KEY (sequence_id, position));")
        values = ", ".join(f"({n}, '{s}', {p}, '{t}', convert_to('{json.dumps({'timestamp': MOMENT, **f})}', 'UTF8'))"
                           for n, (s, p, t, f) in enumerate(EVENTS, 1))
        subprocess.run([*psql, "-c", "CREATE DATABASE empty", "-c", stage12 + f"INSERT INTO sequenced_items VALUES {values}"],
                       check=True, capture_output=True)
        code, out = self.show("--postgres", env=settings)
        self.assertEqual(code, 0, out)
        self.assertIn(f"database postgres on {settings['POSTGRES_HOST']} (PostgreSQL)", out)
        self.assertIn("(PostgreSQL): 2 streams, 5 events, last notification id 5", out)
        self.assertIn('trick="roll over"', out)
        code, out = self.show(env={**settings, "PERSISTENCE_MODULE": "postgres"})
        self.assertIn("5 events", out)
        uri = f"postgresql://kit@/postgres?host={settings['POSTGRES_HOST']}"
        code, out = self.show(uri, "--json")
        self.assertEqual(json.loads(out)["events"], 5, out)
        self.one_line("has no sequenced_items table", "--postgres", env={**settings, "POSTGRES_DBNAME": "empty"})
        self.one_line("nosuch", "--postgres", env={**settings, "POSTGRES_DBNAME": "nosuch"})
        bare = self.dir / "bin"  # a PATH with no psql on it
        bare.mkdir()
        (bare / "dirname").symlink_to(shutil.which("dirname"))
        self.one_line("needs the psql client, which is not installed. Install it: sudo apt-get install -y postgresql-client",
                      "--postgres", env={**settings, "PATH": str(bare)})

    # ---- the picture

    def dump_dom(self, page, fragment=""):
        proc = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               f"--user-data-dir={self.dir / 'profile'}", "--dump-dom", page.resolve().as_uri() + fragment],
                              capture_output=True, text=True, timeout=120)
        self.assertIn("</html>", proc.stdout, proc.stderr[-2000:])
        return proc.stdout

    def test_the_picture_has_a_lane_per_stream_and_the_boxes_in_notification_order(self):
        make_view(self.dir / "tricks.db", 3)
        page = self.dir / "dogs.html"
        code, out = self.show(make_store(self.dir / "dogs.db"), self.dir / "tricks.db", "--html", page)
        self.assertEqual(code, 0, out)
        self.assertIn("5 events in 2 lanes", out)
        text = page.read_text()
        self.assertNotRegex(text, r"(src|href)=\"?(https?:)?//", "the page downloads nothing")
        dom = self.dump_dom(page)
        boxes = [(int(left), int(n)) for n, left in re.findall(r'class="ev t\d" data-n="(\d+)" style="left:(\d+)px"', dom)]
        self.assertEqual([n for _, n in sorted(boxes)], [1, 2, 3, 4, 5], "left to right in notification order")
        self.assertEqual([n for _, n in boxes], [1, 3, 5, 2, 4], "Fido's lane, then Rex's, each in version order")
        self.assertEqual(re.findall(r'class="lab" style="top:\d+px" title="([^"]+)"', dom), [FIDO, REX])
        self.assertIn("<b>Fido</b>", dom)
        self.assertIn('data-position="3"', dom)
        self.assertIn("TrickAdded v2", dom)
        data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', text, re.S)[1])
        self.assertIn('"trick": "roll over"', data["events"][4][5], "the state a box shows on hover")
        chosen = self.dump_dom(page, "#4")  # as a click on notification 4 shows it
        self.assertRegex(chosen, r'<div id="detail"><pre>#4  stream 2b7a9c10-[^<]*version 1\ndogschool.Dog.TrickAdded  '
                                 r'2023-11-14T22:13:20.123457Z\n\{\n  "timestamp": 1700000000123457,\n  "trick": "play dead"')
        shot = self.dir / "shot.png"
        subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={self.dir / 'profile'}", "--window-size=960,540", f"--screenshot={shot}",
                        page.resolve().as_uri()], capture_output=True, timeout=120)
        share, colours = slides_build().ink(shot)
        self.assertGreater(share, 0.02, "the screenshot is blank")
        self.assertGreater(colours, 8)
        self.one_line("would overwrite the store itself", self.dir / "dogs.db", "--html", self.dir / "dogs.db")

    def test_the_picture_of_10000_events_shows_every_stream(self):
        many = [(f"{d:08x}-0000-4000-8000-000000000000", v, "dogschool.Dog." + ("TrickAdded" if v else "Registered"),
                 {"trick": f"trick {v}"} if v else {"name": f"dog {d}"}) for v in range(10) for d in range(1000)]
        page = self.dir / "big.html"
        code, out = self.show(make_store(self.dir / "big.db", many), "--html", page)
        self.assertEqual(code, 0, out)
        started = time.time()
        dom = self.dump_dom(page)
        seconds = time.time() - started
        self.assertEqual(len(re.findall(r'class="lab" style="top:\d+px"', dom)), 1000)
        self.assertEqual(len(re.findall(r'class="ev t\d" data-n="\d+"', dom)), 10000)
        laid_out = re.search(r'data-laid-out-ms="(\d+)"', dom)
        print(f"\n  10,000 events: laid out {laid_out[1] if laid_out else '?'} ms after navigation; "
              f"chromium --dump-dom {seconds:.1f} s in all", file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
