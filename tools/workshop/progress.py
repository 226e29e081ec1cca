"""Progress, kept by the stage's stable id (never by its folder number) in .workshop/state.json,
and the locks that keep two runners in one checkout (two terminals) from stepping on each other."""

from __future__ import annotations

import contextlib
import json
import os
import time
import zlib

import kitcore
from kitcore import Stage

from .base import ROOT, STATE_DIR, S, rel, say


def load_state() -> dict:
    path = STATE_DIR / "state.json"
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"stages": {}}
    except (json.JSONDecodeError, UnicodeDecodeError):
        state = None
    if not isinstance(state, dict) or not isinstance(state.get("stages"), dict):
        aside = path.with_name(f"state.json.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        with contextlib.suppress(OSError):
            path.replace(aside)
        say(S.warn(f"workshop: {rel(path)} was not a progress file this runner can read; set aside as "
                   f"{rel(aside)}. Progress shows again as you check each stage."))
        return {"stages": {}}
    return state


def save_state(state: dict) -> None:
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = STATE_DIR / f"state.json.{os.getpid()}.tmp"  # one per process: two runners never share it
    tmp.write_text(json.dumps(state, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(STATE_DIR / "state.json")  # never a half-written state file


_held: dict[str, int] = {}  # the locks this process holds, and how deeply


@contextlib.contextmanager
def kit_lock(name: str, what: str):
    """One build per build folder, and one progress update, at a time in a kit checkout: a second
    ./workshop (another terminal) waits for the first and says so. Re-entrant within one process."""
    try:
        import fcntl
    except ImportError:  # no flock (native Windows): nothing to wait for
        yield
        return
    if _held.get(name):
        _held[name] += 1
        try:
            yield
        finally:
            _held[name] -= 1
        return
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    with open(STATE_DIR / f"lock-{name}", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(S.dim(f"Another ./workshop is {what} in this kit; waiting for it to finish ..."))
            fcntl.flock(handle, fcntl.LOCK_EX)
        _held[name] = 1
        try:
            yield
        finally:
            _held[name] = 0
            fcntl.flock(handle, fcntl.LOCK_UN)


def fingerprint(stage: Stage) -> str:
    """Changes whenever the student's files do (zlib's CRC: hashlib alone takes ~7 ms to import)."""
    crc = 0
    if stage.starter_dir.is_dir():
        for path in kitcore.source_files(stage.starter_dir):
            name = kitcore.stage_path(stage.starter_dir, path)
            crc = zlib.crc32(name.encode() + b"\0" + path.read_bytes(), crc)
    return f"{crc:08x}"


def record_progress(stage: Stage, **fields) -> None:
    with kit_lock("state", "saving progress"):  # read, change and write as one: no update of another runner lost
        state = load_state()
        entry = state["stages"].setdefault(stage.id, {})
        entry.update(fields, fingerprint=fingerprint(stage), checked=time.strftime("%Y-%m-%dT%H:%M:%S"),
                     at=time.time())
        save_state(state)


def status_of(stage: Stage, state: dict) -> tuple[str, str]:
    """(kind, text) with kind in passed / failing / broken / new / missing."""
    if not stage.starter_dir.is_dir():
        return "missing", f"folder stages/{stage.folder} is missing (./workshop reset {stage.number})"
    entry = state["stages"].get(stage.id)
    if not entry or "status" not in entry:
        return "new", "not started"
    stale = entry.get("fingerprint") != fingerprint(stage)
    suffix = S.dim(" (changed since)") if stale else ""
    if entry["status"] == "passed":
        return "passed", f"passed{suffix}"
    if entry["status"] == "broken":
        return "broken", f"does not compile{suffix}"
    return "failing", f"{entry.get('passed', 0)} of {entry.get('total', '?')} tests pass{suffix}"


def current_stage(stages: list[Stage]) -> Stage:
    """Where the student left off: the stage checked or edited last (a student who joined at stage
    07 stays there); once it passes, the next stage after it not passed yet. With nothing checked
    or edited, the first stage not passed."""
    state = load_state()
    cloned = (ROOT / "workshop").stat().st_mtime + 2  # files from the clone itself were not saved by the student
    worked = max(stages, key=lambda s: last_worked(s, state, cloned))  # all 0: the first stage
    following = [s for s in stages if s.number >= worked.number] + [s for s in stages if s.number < worked.number]
    for stage in following:
        if status_of(stage, state)[0] != "passed":
            return stage
    return stages[-1]


def last_worked(stage: Stage, state: dict, cloned: float) -> float:
    """When the student last checked this stage, or saved a file in it after `cloned` (0: never)."""
    entry = state["stages"].get(stage.id, {})
    checked = entry.get("at") if isinstance(entry.get("at"), (int, float)) else 0.0
    saved = max((p.stat().st_mtime for p in kitcore.source_files(stage.starter_dir)), default=0.0) \
        if stage.starter_dir.is_dir() else 0.0
    return max(checked, saved if saved > cloned else 0.0)


def show_progress(stages: list[Stage]) -> None:
    state = load_state()
    say(S.bold("Event-Sourced Domain Models: your progress"))
    for stage in stages:
        kind, text = status_of(stage, state)
        mark = {"passed": S.tick, "failing": S.cross, "broken": S.cross}.get(kind, S.dim("·"))
        say(f"  {mark} {stage.nn} {stage.title:<40} {text if kind != 'new' else S.dim(text)}")

