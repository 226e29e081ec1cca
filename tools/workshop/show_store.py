"""./workshop show-store: see the events inside an event store, and the read models beside them.

  ./workshop show-store dogs.db                  a summary, then one line per event
  ./workshop show-store dogs.db tricks.db        the log and a stage 11 view file (tables, position)
  ./workshop show-store postgres://kit@localhost/dogs    PostgreSQL (stage 12), or --postgres for the
                                                 POSTGRES_* settings the application uses
  ./workshop show-store                          the store PERSISTENCE_MODULE and SQLITE_DBNAME name
Options pick events (--stream, --topic, --from, --limit) and the output (--json, --html OUT.html).
Nothing in the store is ever created or written (store_reading.py reads it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

from .base import S, plural
from .store_reading import Event, Problem, Source, iso_time, read_postgres, read_sqlite

TEXT_LIMIT = 200  # events shown in a terminal unless --limit says otherwise


def count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is below 0")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="./workshop show-store", allow_abbrev=False,
                                description="The events inside an event store (SQLite file or PostgreSQL), "
                                            "and the read models (stage 11 view files) beside them.")
    p.add_argument("stores", nargs="*", metavar="STORE",
                   help="an SQLite file (events, or a view's tables), or a postgres:// URI; "
                        "none: the store PERSISTENCE_MODULE names")
    p.add_argument("--postgres", action="store_true", help="the PostgreSQL database of the POSTGRES_* settings")
    p.add_argument("--stream", metavar="ID", help="only this stream (an aggregate's id, or its first characters)")
    p.add_argument("--topic", help="only events of this topic (dogschool.Dog.TrickAdded, or TrickAdded)")
    p.add_argument("--from", dest="start", type=count, default=1, metavar="N", help="from notification id N on")
    p.add_argument("--limit", type=count, metavar="K",
                   help=f"at most K events (default: {TEXT_LIMIT} in the terminal, all with --json or --html; 0: all)")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON document, for scripts")
    output.add_argument("--html", metavar="OUT.html", help="draw the store: one page, streams as lanes")
    return p


def sources(args) -> list[Source]:
    given: list[str | None] = list(args.stores) + ([None] if args.postgres else [])
    if not given:
        module = os.environ.get("PERSISTENCE_MODULE", "")
        files = [os.environ.get(name, "") for name in ("SQLITE_DBNAME", "TRICKS_DBNAME")]
        if module == "sqlite" and files[0] not in ("", ":memory:"):
            given = [f for f in files if f not in ("", ":memory:")]
        elif module == "postgres":
            given = [None]
        else:
            which = ("which store? ./workshop show-store dogs.db (an SQLite file), a postgres:// URI, "
                     "or --postgres for the POSTGRES_* settings")
            if module in ("", "popo") and "PERSISTENCE_MODULE" in os.environ:
                which = "PERSISTENCE_MODULE is popo: the events were in memory and went with the program. W" + which[1:]
            raise Problem(which)
    read = []
    for store in given:
        if store is None or store.startswith(("postgres://", "postgresql://")):
            read.append(read_postgres(store))
        else:
            read.append(read_sqlite(Path(store)))
    return read


def short_ids(streams: list[str]) -> dict[str, str]:
    short = {s: s[:8] for s in streams}
    return short if len(set(short.values())) == len(short) else {s: s for s in streams}


def pick(events: list[Event], args) -> list[Event]:
    if args.stream:
        ids = list(dict.fromkeys(e.stream for e in events))
        found = [s for s in ids if s == args.stream] or [s for s in ids if s.startswith(args.stream)]
        if not found:
            some = ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "")
            raise Problem(f"no stream {args.stream} in this store (its streams: {some or 'none'})")
        if len(found) > 1:
            raise Problem(f"{len(found)} streams start with {args.stream} ({', '.join(found[:3])}"
                          f"{', ...' if len(found) > 3 else ''}): give more of the id")
        events = [e for e in events if e.stream == found[0]]
    if args.topic:
        events = [e for e in events if args.topic in (e.topic, e.topic.rsplit(".", 1)[-1])]
    events = [e for e in events if e.notification_id >= args.start]
    limit = args.limit if args.limit is not None else (0 if args.json or args.html else TEXT_LIMIT)
    return events[:limit] if limit > 0 else events


def summary(log: Source | None) -> dict:
    events = log.events if log else []
    return {"streams": len({e.stream for e in events}), "events": len(events),
            "last_notification_id": events[-1].notification_id if events else 0}


def describe_view(view, last: int | None) -> str:
    where = f"view {view.name} ({view.where}): at notification {view.position}"
    if last is None:
        return where + " of the log it follows (name the log too: ./workshop show-store dogs.db tricks.db)"
    behind = last - view.position
    return where + (", up to date" if behind == 0 else f", {plural(behind, 'event')} behind the log"
                    if behind > 0 else f", ahead of this log's last notification ({last}): another log?")


def clean(text: str) -> str:
    """Text of the store as the terminal should show it: control characters written out, not obeyed."""
    return "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in text) if not text.isprintable() else text


def state_text(event: Event) -> str:
    fields = event.fields()
    if fields is None:
        return S.warn("(not a JSON object) ") + clean(event.state)
    return "  ".join(f"{clean(k)}={json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()
                     if k != "timestamp" or not iso_time(v))


def show_text(log: Source | None, shown: list[Event], views, tables, args) -> None:
    totals = summary(log)
    if log:
        print(S.bold(f"{log.label} ({log.kind}): {plural(totals['streams'], 'stream')}, "
                     f"{plural(totals['events'], 'event')}, last notification id {totals['last_notification_id']}"))
    for view in views:
        print(("  " if log else "") + describe_view(view, totals["last_notification_id"] if log else None))
    if log and log.events:
        streams: dict[str, list[Event]] = {}
        for e in log.events:
            streams.setdefault(e.stream, []).append(e)
        listed = [s for s in streams if not args.stream or s in {e.stream for e in shown}]
        print()
        for stream in listed[:10]:
            versions = [e.version for e in streams[stream]]
            steady = versions == list(range(versions[0], versions[0] + len(versions)))
            gaps = "" if steady else S.warn("  (versions have gaps)")
            print(f"  stream {clean(stream)}  v{versions[0]}..v{versions[-1]}, {plural(len(versions), 'event')}{gaps}")
        if len(listed) > 10:
            print(S.dim(f"  ... and {plural(len(listed) - 10, 'more stream')} (--stream ID shows one)"))
        short = short_ids(list(streams))
        width = len(str(totals["last_notification_id"]))
        version_width = max((len(str(e.version)) for e in shown), default=1)
        topic_width = max((len(e.topic) for e in shown), default=0)
        columns = shutil.get_terminal_size((100, 20)).columns if S.on else 0
        marks: dict[int, list] = {}
        for view in views:
            marks.setdefault(view.position, []).append(view.name)
        print()
        for e in shown:
            when = iso_time((e.fields() or {}).get("timestamp")) or ""
            line = (f"  {e.notification_id:>{width}}  {clean(short[e.stream])} v{e.version:<{version_width}}  "
                    f"{clean(e.topic):<{topic_width}}  {S.dim(when)}  {state_text(e)}")
            print(line if not columns or len(line) <= columns + (8 if S.on else 0) else line[: columns - 1] + "…")
            for name in marks.get(e.notification_id, []):
                print(S.good(f"  {'^' * width}  {name} has processed the log up to here"))
        more = [e for e in pick(log.events, argparse.Namespace(**{**vars(args), "limit": 0}))][len(shown):]
        if more:
            print(S.dim(f"  ... {plural(len(more), 'more event')}: --from {more[0].notification_id} shows the next "
                         f"ones, --limit 0 shows them all"))
        elif not shown:
            print(S.dim("  no event matches (see --stream, --topic, --from)"))
    elif log:
        print(S.dim("  no events yet: the table is there, nothing was stored in it"))
    if log and log.snapshots is not None:
        show_snapshots(log.snapshots, short_ids([e.stream for e in (log.events or []) + log.snapshots]))
    for table in tables:
        print()
        print(f"  table {clean(table.name)} of {table.where} ({plural(table.count, 'row')}): "
              f"{clean(', '.join(table.columns))}")
        for row in table.rows:
            print("    " + "  ".join("NULL" if v is None else clean(str(v)) for v in row))
        if table.count > len(table.rows):
            print(S.dim(f"    ... {plural(table.count - len(table.rows), 'more row')}"))


def show_snapshots(snapshots: list[Event], short: dict[str, str]) -> None:
    """The snapshots table (stage 13): a cache of states, apart from the log, so without notification ids."""
    print()
    print(f"  snapshots (a cache, not in the notification log): {plural(len(snapshots), 'snapshot')}")
    columns = shutil.get_terminal_size((100, 20)).columns if S.on else 0
    for e in snapshots[:TEXT_LIMIT]:
        when = iso_time((e.fields() or {}).get("timestamp")) or ""
        line = (f"    {clean(short.get(e.stream, e.stream))} at v{e.version}  {clean(e.topic)}  {S.dim(when)}  "
                f"{state_text(e)}")
        print(line if not columns or len(line) <= columns + (8 if S.on else 0) else line[: columns - 1] + "…")
    if len(snapshots) > TEXT_LIMIT:
        print(S.dim(f"    ... {plural(len(snapshots) - TEXT_LIMIT, 'more snapshot')}"))


def as_json(log: Source | None, shown: list[Event], views, tables) -> dict:
    def event(e: Event) -> dict:
        fields = e.fields()
        return {"notification_id": e.notification_id, "stream": e.stream, "version": e.version, "topic": e.topic,
                "timestamp": iso_time((fields or {}).get("timestamp")), "state": e.state if fields is None else fields}

    return {"store": log.label if log else None, "kind": log.kind if log else None, **summary(log),
            "shown": [event(e) for e in shown],
            **({"snapshots": [event(e) for e in log.snapshots]} if log and log.snapshots is not None else {}),
            "views": [{"name": v.name, "position": v.position, "file": v.where} for v in views],
            "view_tables": [{"name": t.name, "file": t.where, "columns": t.columns, "rows": t.count, "first_rows": t.rows}
                            for t in tables]}


def main(argv: list[str]) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    try:
        read = sources(args)
        logs = [s for s in read if s.events is not None]
        if len(logs) > 1:
            raise Problem(f"two event logs given ({logs[0].label}, {logs[1].label}): show one at a time, "
                          "with the view files that follow it")
        log = logs[0] if logs else None
        views = [v for s in read for v in s.views]
        tables = [t for s in read for t in s.tables]
        shown = pick(log.events, args) if log else []
        if args.html:
            out = Path(args.html)
            if out.exists() and any(out.resolve() == Path(s).resolve() for s in args.stores if "://" not in s):
                raise Problem(f"--html {out} would overwrite the store itself: give another file name")
            from . import store_picture

            try:
                store_picture.write(out, log, shown, views, summary(log))
            except OSError as e:
                raise Problem(f"--html {out}: cannot write it ({e.strerror})") from None
            print(f"wrote {out}: {plural(len(shown), 'event')} in {plural(len({e.stream for e in shown}), 'lane')}; "
                  f"open it in a browser ({out.resolve().as_uri()})")
        elif args.json:
            print(json.dumps(as_json(log, shown, views, tables), ensure_ascii=False, indent=1))
        else:
            show_text(log, shown, views, tables, args)
        return 0
    except Problem as e:
        print(S.bad("workshop: ") + str(e))
        return 1
