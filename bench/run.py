#!/usr/bin/env python3
"""./workshop bench: the kit's benchmarks (figures only; nothing here fails a test).

  ./workshop bench              the event store, then the feedback loop
  ./workshop bench store        the event store: the final stage's application against raw sqlite3
  ./workshop bench feedback     the feedback loop: ./workshop check N against a bare compile + link + run
  ./workshop bench picture      show-store's HTML page of 10,000 events opened in headless Chromium

Options (store):
  --runs N        how many runs; the figures are their medians (default 3)
  --quick         a small workload (100 dogs, 2,000 events, 1 run): a smoke test, not a figure
  --stage DIR     benchmark another solution folder with the stage 10 API (default 10-dog-school)
  --jobs N        parallel compile jobs for the build (default: every core)
Options (feedback): see ./workshop bench feedback --help

Each figure of the kit is shown beside the limit measured in the same run by bench_raw_sqlite
(bench/raw_sqlite.cpp: the same SQL, the same transaction per save, the same durability), as a
ratio, with the targets of DESIGN.md: saves >= 0.8x raw, replay and notifications >= 0.25x raw.
After the table comes one JSON line per measure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "bench"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = True  # no __pycache__ in bench/
import feedback  # noqa: E402

# measure, unit, what the table calls it, target ratio to raw (None: no target)
MEASURES = [
    ("a_save", "commands_per_s", "saves", 0.8),
    ("c_get", "events_per_s", "replay {events:,} events", 0.25),
    ("e_get_version", "events_per_s", "replay to version {half:,}", 0.25),
    ("d_notifications", "notifications_per_s", "{notifications:,} notifications", 0.25),
]
UNIT_SHORT = {"commands_per_s": "commands/s", "events_per_s": "events/s", "notifications_per_s": "notif./s"}
LABEL_WIDTH = 27
# The Python eventsourcing library on this workload (DESIGN.md), for comparison.
EVENTSOURCING_REFERENCE = {"a_save": 0.3, "c_get": 0.015}


class Progress:
    """One line rewritten in place on a terminal; silent otherwise."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.on = sys.stdout.isatty()
        self.started = time.time()

    def step(self, what: str) -> None:
        self.done += 1
        if self.on:
            elapsed = time.time() - self.started
            line = f"  [{self.done}/{self.total}] {what} ({elapsed:.0f} s)"
            sys.stdout.write("\r" + line.ljust(78)[:78])
            sys.stdout.flush()

    def clear(self) -> None:
        if self.on:
            sys.stdout.write("\r" + " " * 78 + "\r")
            sys.stdout.flush()


SNAPSHOTS = (ROOT / "solutions" / "13-snapshots").is_dir()  # stage 13's bench_snapshots is built too


def say(text: str = "") -> None:
    print(text, flush=True)


def stage_dir(stage: str) -> Path:
    path = Path(stage)
    return path if path.is_absolute() else ROOT / "solutions" / stage


def build(stage: str, jobs: int) -> tuple[Path, Path | None]:
    """Configure and build the bench preset; the two programs (the kit's is None without its stage)."""
    env = dict(os.environ)
    if shutil.which("ninja") and not (BUILD / "CMakeCache.txt").exists() and "CMAKE_GENERATOR" not in env:
        env["CMAKE_GENERATOR"] = "Ninja"
    BUILD.mkdir(parents=True, exist_ok=True)
    log = BUILD / "bench-build.log"
    with_kit = any((stage_dir(stage) / name).exists() for name in ("dog_school.hpp", "dogschool/dog_school.hpp"))
    targets = ["bench_raw_sqlite"] + (["bench_kit"] if with_kit else []) + (["bench_snapshots"] if SNAPSHOTS else [])
    steps = [["cmake", "--preset", "bench", f"-DKIT_BENCH_STAGE={stage}"],
             ["cmake", "--build", str(BUILD), "-j", str(jobs), "--target", *targets]]
    say(f"Building the benchmarks (Release, build/bench; log: {log.relative_to(ROOT)}) ...")
    with log.open("w") as out:
        for command in steps:
            out.write("$ " + " ".join(command) + "\n")
            out.flush()
            if subprocess.run(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT).returncode != 0:
                out.close()
                tail = log.read_text(errors="replace").splitlines()[-25:]
                say("\n".join(tail))
                raise SystemExit(f"bench: the build failed; see {log}")
    programs = BUILD / "bench"  # add_subdirectory(bench) puts them there
    return programs / "bench_raw_sqlite", (programs / "bench_kit" if with_kit else None)


def snapshots(args: argparse.Namespace) -> int:
    """Stage 13: get() of a long dog on an SQLite file, replayed in full and loaded from snapshots."""
    program = BUILD / "bench" / "bench_snapshots"
    events = 10000 if args.quick else 100000
    say(f"Building a {events:,}-event dog and a {events // 10:,}-event one (SQLite file, snapshots every 100) ...")
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        found = run_program([str(program), "--db", str(Path(tmp) / "snapshots.db"), "--events", str(events),
                             "--interval", "100", "--repeat", "5" if args.quick else "15"])
    say()
    say("get() of one dog, SQLite file      full replay            from snapshots (interval 100)")
    for size in ("long", "short"):
        full, snap = found[f"f_get_{size}_dog_sqlite"], found[f"f_get_{size}_dog_snapshots_sqlite"]
        say(f"  {full['events']:>7,} events               {full['ms_per_get']:>9.2f} ms/get          "
            f"{snap['ms_per_get']:>9.2f} ms/get   ({full['ms_per_get'] / snap['ms_per_get']:,.0f}x faster)")
    growth = found["f_get_long_dog_snapshots_sqlite"]["ms_per_get"] / found["f_get_short_dog_snapshots_sqlite"]["ms_per_get"]
    replay_growth = found["f_get_long_dog_sqlite"]["ms_per_get"] / found["f_get_short_dog_sqlite"]["ms_per_get"]
    say(f"  10x the history costs {replay_growth:.1f}x the time replayed, {growth:.1f}x from snapshots (the dog's "
        f"snapshot holds all its tricks, so it grows with them too)")
    for record in found.values():
        say(json.dumps(record))
    say(json.dumps({"measure": "f_snapshot_growth_sqlite", "history_ratio": 10, "replay_time_ratio": round(replay_growth, 2),
                    "snapshot_time_ratio": round(growth, 2)}))
    return 0


def run_program(command: list[str]) -> dict[str, dict]:
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({proc.returncode}):\n{proc.stderr.strip()}")
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            results[record["measure"]] = record
    return results


def store(args: argparse.Namespace) -> int:
    raw, kit = build(args.stage, args.jobs)
    workload = ["--dogs", str(args.dogs), "--tricks", "9", "--events", str(args.events), "--page", "1000"]
    programs = [("kit", "sqlite"), ("raw", "sqlite"), ("kit", "popo")] if kit else [("raw", "sqlite")]
    progress = Progress(args.runs * len(programs))
    runs: list[dict[str, dict]] = []
    state_bytes = 120  # until the kit has told how much it writes per event
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        for run in range(args.runs):
            found: dict[str, dict] = {}
            for who, persistence in programs:
                progress.step(f"run {run + 1} of {args.runs}: {who} {persistence}")
                db = Path(tmp) / f"{who}-{persistence}-{run}.db"
                if who == "raw":
                    command = [str(raw), "--db", str(db), "--state-bytes", str(state_bytes), *workload]
                else:
                    command = [str(kit), "--persistence", persistence, *workload]
                    command += ["--db", str(db)] if persistence == "sqlite" else []
                found.update(run_program(command))
                if "kit_state_bytes" in found:
                    state_bytes = max(16, int(found["kit_state_bytes"]["bytes"]))
            runs.append(found)
    progress.clear()
    report(args, runs, kit is not None, state_bytes)
    return 0


def report(args: argparse.Namespace, runs: list[dict[str, dict]], with_kit: bool, state_bytes: int) -> None:
    sizes = {"events": args.events, "half": args.events // 2, "notifications": args.dogs * 10, "page": 1000}

    def values(measure: str, unit: str) -> list[float]:
        return [r[measure][unit] for r in runs if measure in r]

    lines = []
    where = stage_dir(args.stage)
    shown = where.relative_to(ROOT) if where.is_relative_to(ROOT) else where
    say()
    say(f"Event store: {shown} against raw sqlite3 (SQLite file, WAL, synchronous=FULL, "
        f"one transaction per save)")
    say(f"  a: register {args.dogs:,} dogs, then 9 x [get the dog, add a trick, save] for each; "
        f"c, e: replay one dog; d: pages of 1,000")
    say(f"  medians of {args.runs} run(s); ratio = median of the per-run ratios; the raw program writes "
        f"~{state_bytes} bytes of state per event, as the kit did")
    say()
    say(f"  {'':<{LABEL_WIDTH + 3}}{'':<11}{'kit':>12}{'raw limit':>12}{'ratio':>8}  target")
    for name, unit, label, target in MEASURES:
        kit_runs, raw_runs = values(f"{name}_sqlite", unit), values(f"{name}_sqlite_raw", unit)
        kit_value = statistics.median(kit_runs) if kit_runs else None
        raw_value = statistics.median(raw_runs) if raw_runs else None
        ratios = [k / r for k, r in zip(kit_runs, raw_runs) if r > 0]
        ratio = statistics.median(ratios) if ratios else None
        verdict = ""
        if ratio is not None:
            verdict = f">= {target:.2f}x " + ("held" if ratio >= target else "MISSED")
        say(f"  {name[0]}  {label.format(**sizes):<{LABEL_WIDTH}}{UNIT_SHORT[unit]:<11}{fmt(kit_value):>12}"
            f"{fmt(raw_value):>12}{(f'{ratio:.2f}x' if ratio is not None else '-'):>8}  {verdict}")
        if raw_value is not None:
            lines.append({"measure": f"{name}_sqlite_raw", unit: round(raw_value, 1), "runs": raw_runs})
        if kit_value is not None:
            lines.append({"measure": f"{name}_sqlite", unit: round(kit_value, 1), "runs": kit_runs,
                          "ratio_to_raw": round(ratio, 3) if ratio is not None else None, "target": target,
                          "held": ratio is not None and ratio >= target})
    if with_kit:
        say()
        say(f"  {'in memory (popo), no limit':<{LABEL_WIDTH + 3}}{'':<11}{'kit':>12}")
        for name, unit, label, _ in MEASURES:
            popo = values(f"{name}_popo", unit)
            if popo:
                say(f"  {name[0]}  {label.format(**sizes):<{LABEL_WIDTH}}{UNIT_SHORT[unit]:<11}"
                    f"{fmt(statistics.median(popo)):>12}")
                lines.append({"measure": f"{name}_popo", unit: round(statistics.median(popo), 1), "runs": popo})
        say()
        say("  For comparison, the Python eventsourcing library reaches about 0.3x raw on saves, 0.015x on replay.")
    else:
        say()
        say(f"  The kit's side needs {stage_dir(args.stage) / 'dog_school.hpp'}; only the raw limit was measured.")
    say()
    for line in lines:
        say(json.dumps(line))


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./workshop bench", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False)
    parser.add_argument("what", nargs="?", choices=["store", "feedback", "all"], default="all")
    parser.add_argument("-h", "--help", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--stage", default="10-dog-school")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--dogs", type=int, default=1000, help=argparse.SUPPRESS)
    parser.add_argument("--events", type=int, default=10000, help=argparse.SUPPRESS)
    if argv and argv[0] == "feedback":
        return feedback.main(argv[1:])  # its own options
    if argv and argv[0] == "picture":
        import picture

        return picture.main(argv[1:])
    args, rest = parser.parse_known_args(argv)
    if args.help:
        say(__doc__.strip())
        return 0
    if rest:
        parser.error(f"unknown options: {' '.join(rest)}")
    if args.quick:
        args.dogs, args.events, args.runs = 100, 2000, 1
    code = store(args)
    if code == 0 and SNAPSHOTS:
        say()
        code = snapshots(args)
    if args.what == "all" and code == 0:
        say()
        code = feedback.main(["--jobs", str(args.jobs)])
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
