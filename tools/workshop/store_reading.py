"""Reading event stores for ./workshop show-store (show_store.py): the events, and read models.

Reads, never writes: an SQLite file of stages 06-12 (one table, `sequenced_items`, the same in every
stage; from stage 13 on maybe a second, `snapshots`, of the same columns), a stage 11 view file (`projection_positions` and the view's tables), or PostgreSQL (stage 12)
through the psql client, with the application's POSTGRES_* settings or a postgres:// URI. Anything
that is not a store gives one line (a Problem) saying what it is and what to do.
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ("notification_id", "sequence_id", "position", "topic", "state")
PSQL_INSTALL = "sudo apt-get install -y postgresql-client   (Debian / Ubuntu; or: brew install libpq)"


class Problem(Exception):
    """What is wrong with the store, in one line that also says what to do."""


@dataclass
class Event:
    notification_id: int
    stream: str
    version: int
    topic: str
    state: str

    def fields(self) -> dict | None:
        try:
            value = json.loads(self.state)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None


@dataclass
class Table:
    name: str
    columns: list[str]
    count: int
    rows: list[tuple]
    where: str


@dataclass
class View:
    name: str
    position: int
    where: str


@dataclass
class Source:
    label: str  # what the student gave, for messages
    kind: str  # "SQLite" or "PostgreSQL"
    events: list[Event] | None = None  # None: no event log in this source
    snapshots: list[Event] | None = None  # None: no snapshots table (stages before 13)
    views: list[View] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def iso_time(microseconds) -> str | None:
    if not isinstance(microseconds, int) or isinstance(microseconds, bool):
        return None
    try:
        moment = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(
            microseconds=microseconds)
    except OverflowError:
        return None
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def text_of(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def check_row(label: str, row: tuple, look: str = "") -> Event:
    """An event from a row of sequenced_items, or the one line that says what is wrong with it."""
    look = look or f"sqlite3 {label} .dump"
    nid, stream, position, topic, state = row
    where = f"{label}: the event with notification id {nid}" if isinstance(nid, int) else f"{label}: an event"
    for name, value in zip(COLUMNS, row):
        if value is None:
            raise Problem(f"{where} has no {name} (NULL). The workshop's table declares every column NOT NULL, "
                          f"so another program wrote this; look at it with: {look}")
    for name, value in (("notification_id", nid), ("position", position)):
        if not isinstance(value, int):
            raise Problem(f"{where} has {name} {value!r}, not a whole number; look at it with: {look}")
    return Event(nid, str(text_of(stream)), position, str(text_of(topic)), text_of(state))


# --------------------------------------------------------------------------------------------
# SQLite


def in_use(shm: Path) -> bool:
    """Whether a program has the store open: each SQLite connection holds a read lock on byte 128 of
    the -shm file (its "DMS" lock) while it is open. Asked with F_GETLK, which takes no lock. When
    the answer cannot be had, the store counts as in use (it is then read through its -shm)."""
    import struct
    import sys

    try:
        import fcntl
    except ImportError:  # not a POSIX system
        return True
    mac = sys.platform == "darwin"  # struct flock: its fields in another order there
    layout = "qqihh" if mac else "hhqqi"
    probe = (128, 1, 0, fcntl.F_WRLCK, 0) if mac else (fcntl.F_WRLCK, 0, 128, 1, 0)
    try:
        with open(shm, "rb") as f:
            answer = fcntl.fcntl(f, fcntl.F_GETLK, struct.pack(layout, *probe))
    except OSError:
        return True
    fields = struct.unpack(layout, answer[: struct.calcsize(layout)])
    return (fields[3] if mac else fields[0]) != fcntl.F_UNLCK


def sqlite_uri(path: Path) -> tuple[str, str | None]:
    """How to open the file without creating or writing anything beside it, or the reason it is
    not a database we can read. Checked before SQLite sees it: a FIFO would block open()."""
    import stat
    import urllib.parse

    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise Problem(f"{path}: no such file. Give the file your program wrote (its SQLITE_DBNAME), "
                      f"e.g. ./workshop show-store dogs.db") from None
    except OSError as e:
        raise Problem(f"{path}: cannot look at it ({e.strerror}).") from None
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a named pipe (FIFO)", stat.S_ISSOCK: "a socket",
             stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}
    for test, kind in kinds.items():
        if test(info.st_mode):
            hint = " inside it" if kind == "a folder" else ""
            raise Problem(f"{path} is {kind}, not a file. Give the event store file{hint} (e.g. dogs.db).")
    if info.st_size == 0:
        raise Problem(f"{path} is empty (0 bytes): no program has stored events in it yet. "
                      f"Run your stage's program first (./workshop run N), then look again.")
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError as e:
        raise Problem(f"{path}: cannot read it ({e.strerror}).") from None
    if not head.startswith(b"SQLite format 3\x00"):
        raise Problem(f"{path} is not an SQLite database (it does not start like one). "
                      f"Give the file your program wrote (its SQLITE_DBNAME).")
    page = int.from_bytes(head[16:18], "big") if len(head) >= 18 else 0
    page = 65536 if page == 1 else page
    pages = int.from_bytes(head[28:32], "big") if head[24:28] == head[92:96] else 0
    if len(head) < 100 or not page or info.st_size % page or info.st_size < pages * page:
        raise Problem(f"{path} is cut short ({info.st_size:,} bytes): a half-written or half-copied file. "
                      f"Copy it again, or let the program that writes it finish.")
    real = path.resolve()  # SQLite follows a link to the file, and finds its -wal beside the file
    quoted = "file:" + urllib.parse.quote(str(real))
    wal, shm = Path(f"{real}-wal"), Path(f"{real}-shm")
    if head[18] != 2:  # a rollback journal: reading creates nothing
        return quoted + "?mode=ro", None
    if not wal.exists():  # WAL mode, nobody writing: immutable, or SQLite would create -wal and -shm
        return quoted + "?mode=ro&immutable=1", None
    if shm.exists() and in_use(shm):  # a program has it open: read beside it, through its shared memory
        return quoted + "?mode=ro", None
    # Left behind by a program that stopped (kill -9): recover a copy, never the student's files.
    import tempfile

    folder = tempfile.mkdtemp(prefix="show-store-")
    try:
        shutil.copyfile(real, Path(folder, "copy.db"))
        shutil.copyfile(wal, Path(folder, "copy.db-wal"))
    except OSError as e:
        shutil.rmtree(folder, ignore_errors=True)
        raise Problem(f"{path} was left with its write-ahead log ({path}-wal) by a program that stopped, and "
                      f"copying both to read them failed ({e.strerror}). Open it once with your program.") from None
    return "file:" + urllib.parse.quote(folder) + "/copy.db", folder


def read_sqlite(path: Path) -> Source:
    import sqlite3

    uri, scratch = sqlite_uri(path)
    source = Source(str(path), "SQLite")
    try:
        db = sqlite3.connect(uri, uri=True, timeout=2)
        try:
            read_sqlite_tables(db, source)
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        message = str(e)
        if "locked" in message or "busy" in message:
            raise Problem(f"{path} is locked: another program is writing to it right now. "
                          f"Let it finish (or stop it), then look again.") from None
        if "readonly" in message:
            raise Problem(f"{path} has an unfinished transaction ({path}-journal beside it): a program stopped "
                          f"while writing. Open it once with that program, which rolls it back, then look "
                          f"again.") from None
        if "malformed" in message or "not a database" in message:
            raise Problem(f"{path} is damaged ({message}). `sqlite3 {path} .recover` may save what is left.") from None
        raise Problem(f"{path}: SQLite cannot read it ({message}).") from None
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return source


def read_sqlite_tables(db, source: Source) -> None:
    path = source.label
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    if "sequenced_items" not in tables and "projection_positions" not in tables:
        raise Problem(f"{path} has no sequenced_items table, so it is not an event store of this workshop "
                      f"(its tables: {', '.join(tables) or 'none'}). Give the file your program wrote.")
    if "sequenced_items" in tables:
        have = [r[1] for r in db.execute("PRAGMA table_info(sequenced_items)")]
        lacking = [c for c in COLUMNS if c not in have]
        if lacking:
            raise Problem(f"{path}: its sequenced_items table is not the workshop's: it has no {', '.join(lacking)} "
                          f"(its columns: {', '.join(have)}). Another program wrote it.")
        rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM sequenced_items ORDER BY notification_id")
        source.events = [check_row(path, row) for row in rows]
    if "snapshots" in tables:
        have = [r[1] for r in db.execute("PRAGMA table_info(snapshots)")]
        if all(c in have for c in COLUMNS):
            rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM snapshots ORDER BY sequence_id, position")
            source.snapshots = [check_row(path, row) for row in rows]
    if "projection_positions" in tables:
        have = [r[1] for r in db.execute("PRAGMA table_info(projection_positions)")]
        if not {"name", "position"} <= set(have):
            raise Problem(f"{path}: its projection_positions table has no name and position columns "
                          f"(its columns: {', '.join(have)}). Another program wrote it.")
        source.views = [View(str(name), position if isinstance(position, int) else 0, path)
                        for name, position in db.execute("SELECT name, position FROM projection_positions")]
        for name in tables:
            if name in ("sequenced_items", "snapshots", "projection_positions") or name.startswith("sqlite_"):
                continue
            quoted = '"' + name.replace('"', '""') + '"'
            cursor = db.execute(f"SELECT * FROM {quoted} LIMIT 20")
            rows = [tuple(text_of(v) for v in row) for row in cursor]
            count = db.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0]
            source.tables.append(Table(name, [d[0] for d in cursor.description], count, rows, path))


# --------------------------------------------------------------------------------------------
# PostgreSQL, through psql (the kit's tools use Python's standard library only)


POSTGRES_SETTINGS = {"POSTGRES_DBNAME": "PGDATABASE", "POSTGRES_HOST": "PGHOST", "POSTGRES_PORT": "PGPORT",
                     "POSTGRES_USER": "PGUSER", "POSTGRES_PASSWORD": "PGPASSWORD"}


def postgres_label(uri: str | None) -> str:
    if uri:
        import urllib.parse

        parts = urllib.parse.urlsplit(uri)
        host = parts.hostname or ""
        netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
        return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    env = os.environ
    return (f"database {env.get('POSTGRES_DBNAME', '?')}"
            + (f" on {env['POSTGRES_HOST']}" if env.get("POSTGRES_HOST") else ""))


def psql(uri: str | None, sql: str, label: str) -> list[list[str]]:
    import subprocess

    program = shutil.which("psql")
    if not program:
        raise Problem(f"{label}: reading PostgreSQL needs the psql client, which is not installed. "
                      f"Install it: {PSQL_INSTALL}")
    env = {**os.environ, "PGOPTIONS": "-c default_transaction_read_only=on", "PGCONNECT_TIMEOUT": "5"}
    if uri is None:
        if not os.environ.get("POSTGRES_DBNAME"):
            raise Problem("POSTGRES_DBNAME is not set: give the settings your application uses "
                          "(POSTGRES_DBNAME, POSTGRES_HOST, ...) or a URI, postgres://user@host/dbname")
        env.update({pg: os.environ[name] for name, pg in POSTGRES_SETTINGS.items() if os.environ.get(name)})
    command = [program, "-X", "-q", "-w", "--csv", "-v", "ON_ERROR_STOP=1", "-c", sql, *(["-d", uri] if uri else [])]
    try:
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise Problem(f"{label}: the server did not answer within 60 s.") from None
    if proc.returncode != 0:
        reason = next((line for line in proc.stderr.splitlines() if line.strip()), "psql failed")
        settings = "the URI" if uri else "POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_DBNAME"
        raise Problem(f"{label}: {reason.removeprefix('psql: ').removeprefix('error: ')} "
                      f"(check that the server is running, and {settings})")
    return list(csv.reader(proc.stdout.splitlines()))[1:]


def read_postgres(uri: str | None) -> Source:
    label = postgres_label(uri)
    source = Source(label, "PostgreSQL")
    types = dict(psql(uri, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = "
                      "'sequenced_items' AND table_schema = ANY (current_schemas(false))", label))
    if not types:
        raise Problem(f"{label} has no sequenced_items table: no application has stored events in it yet "
                      f"(run stage 12's program with PERSISTENCE_MODULE=postgres).")
    lacking = [c for c in COLUMNS if c not in types]
    if lacking:
        raise Problem(f"{label}: its sequenced_items table is not the workshop's: it has no {', '.join(lacking)} "
                      f"(its columns: {', '.join(types)}).")
    state = "state" if types["state"] == "bytea" else "convert_to(state::text, 'UTF8')"
    rows = psql(uri, f"SELECT notification_id, sequence_id, position, topic, encode({state}, 'hex') "
                     "FROM sequenced_items ORDER BY notification_id", label)
    events = []
    for nid, stream, position, topic, hexstate in rows:
        number = lambda text: int(text) if text.lstrip("-").isdigit() else (None if text == "" else text)  # noqa: E731
        state_text = bytes.fromhex(hexstate).decode("utf-8", "replace")
        row = (number(nid), stream or None, number(position), topic or None, state_text)
        events.append(check_row(label, row, "psql -c 'SELECT * FROM sequenced_items'"))
    source.events = events
    if psql(uri, "SELECT 1 FROM information_schema.tables WHERE table_name = 'snapshots' "
                 "AND table_schema = ANY (current_schemas(false))", label):
        rows = psql(uri, "SELECT notification_id, sequence_id, position, topic, encode(state, 'hex') "
                         "FROM snapshots ORDER BY sequence_id, position", label)
        source.snapshots = []
        for nid, stream, position, topic, hexstate in rows:
            number = lambda text: int(text) if text.lstrip("-").isdigit() else (None if text == "" else text)  # noqa: E731
            row = (number(nid), stream or None, number(position), topic or None,
                   bytes.fromhex(hexstate).decode("utf-8", "replace"))
            source.snapshots.append(check_row(label, row, "psql -c 'SELECT * FROM snapshots'"))
    return source
