"""The commands a student uses: the default tour, check, watch, hint, diff, reset, run, list.
Each takes the stages and the parsed command line (argparse, in __init__.py)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import kitcore
from kitcore import KitError, Stage

from .base import INTERACTIVE, LOG_DIR, ROOT, STATE_DIR, S, Fail, rel, say
from .building import build_error_summary, build_target, configure_if_files_changed, ensure_configured
from .checking import check_stage, services_for
from .progress import current_stage, kit_lock, load_state, save_state, show_progress, status_of
from .reporting import report


def check(stage: Stage, variant: str = "starter", verbose: bool = True) -> bool:
    return report(check_stage(stage, variant), verbose)


def stage_arg(stages: list[Stage], given: str | None, required: bool = False) -> Stage:
    if not given:
        if required:
            raise Fail("which stage? Give its number, e.g. ./workshop reset 3", 2)
        return current_stage(stages)
    try:
        return kitcore.find_stage(stages, given)
    except KitError as e:
        raise Fail(str(e), 2) from None


def cmd_default(stages: list[Stage], args) -> int:
    ensure_configured()
    stage = current_stage(stages)
    while True:
        # The check's report is held back so that it comes last, under the progress table.
        held = io.StringIO()
        with contextlib.redirect_stdout(held):
            passed = check(stage)
        state = load_state()
        later = [s for s in stages if s.number > stage.number and status_of(s, state)[0] != "passed"]
        if not passed or not later:
            break
        stage = later[0]  # this one is done: move on to the next not passed yet
    show_progress(stages)
    say()
    sys.stdout.write(held.getvalue())
    return 0 if passed else 1


def cmd_check(stages: list[Stage], args) -> int:
    stage = stage_arg(stages, args.stage)
    return 0 if check(stage, "solution" if args.solution else "starter") else 1


def watched_files(stage: Stage) -> dict[Path, float]:
    files = {}
    for folder in (stage.starter_dir, stage.tests_dir):
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    files[path] = path.stat().st_mtime
    return files


def cmd_watch(stages: list[Stage], args) -> int:
    import select

    stage = stage_arg(stages, args.stage)
    stay = bool(args.stage)  # watch N stays on N, even once it passes; a bare watch moves on
    say(S.dim(f"Watching stages/{stage.folder}: saving a file re-checks it. Enter re-checks now, Ctrl-C stops."))
    try:
        while True:
            if check(stage) and not stay:
                later = [s for s in stages if s.number > stage.number]
                if later:
                    say(S.dim(f"Stage {stage.nn} is done. Watching stage {later[0].nn} next."))
                    stage = later[0]
                    continue
            before = watched_files(stage)
            while True:
                # Polling file times works on every file system (file events don't, e.g. in VMs).
                if INTERACTIVE and select.select([sys.stdin], [], [], 0.5)[0]:
                    sys.stdin.readline()
                    break
                if not INTERACTIVE:
                    time.sleep(0.5)
                if watched_files(stage) != before:
                    time.sleep(0.1)  # let the editor finish writing
                    break
            say(S.dim("\n--- " + time.strftime("%H:%M:%S") + " ---"))
    except KeyboardInterrupt:
        say()
        return 0


def cmd_hint(stages: list[Stage], args) -> int:
    """The next hint for the README step the student is stuck on: the step of the failure the last
    check showed (or --step S), from the idea, to the direction, to a sketch; never the solution."""
    stage = stage_arg(stages, args.stage)
    readme = stage.starter_dir / "README.md"
    if not readme.exists():
        readme = stage.solution_dir / "README.md"
    hints = kitcore.readme_hints(readme.read_text(encoding="utf-8"))
    if not hints:
        raise Fail(f"stage {stage.nn} has no hints in its README.")
    with kit_lock("state", "saving progress"):
        state = load_state()
        entry = state["stages"].setdefault(stage.id, {})
        steps = sorted({h.step for h in hints if h.step is not None})
        step = args.step or entry.get("step")
        why = "the step of the test that fails now" if not args.step and step else ""
        if steps and step not in steps:
            step, why = steps[0], ("no check yet: the first step" if not entry.get("step") else "")
        chosen = [h for h in hints if h.step == step] if steps else hints
        shown = entry.get("hints_shown") if isinstance(entry.get("hints_shown"), dict) else {}
        key = str(step or 0)
        index = min(shown.get(key, 0), len(chosen) - 1)
        hint = chosen[index]
        where = f"README step {step}, " if step else ""
        say(S.bold(f"Stage {stage.nn}, {where}hint {index + 1} of {len(chosen)}: {hint.title}")
            + (S.dim(f"  ({why})") if why else ""))
        say(hint.body)
        if index + 1 < len(chosen):
            again = f"./workshop hint {stage.number}" + (f" --step {step}" if args.step else "")
            say(S.dim(f"\nAsk again for the next hint: {again}"))
        else:
            others = f" Hints for another step: ./workshop hint {stage.number} --step S." if len(steps) > 1 else ""
            say(S.dim(f"\nThat was the last hint{' for this step' if step else ''}. The reference solution is in "
                      f"solutions/{stage.folder}/ (./workshop diff {stage.number} --force).{others}"))
        shown[key] = index + 1
        entry["hints_shown"] = shown
        save_state(state)
    return 0


def laid_out(text: str, path: Path, clang_format: str | None) -> str:
    if not clang_format or path.suffix not in kitcore.SOURCE_SUFFIXES:
        return text
    # The kit's own style, named explicitly: --style=file alone would take the first .clang-format
    # above the file, or clang-format's default where there is none.
    style = f"--style=file:{ROOT / '.clang-format'}"
    proc = subprocess.run([clang_format, style, f"--assume-filename={path}"], input=text,
                          capture_output=True, text=True, cwd=ROOT)
    return proc.stdout if proc.returncode == 0 else text


def cmd_diff(stages: list[Stage], args) -> int:
    import difflib

    stage = stage_arg(stages, args.stage)
    kind, _ = status_of(stage, load_state())
    if kind != "passed" and not args.force:
        raise Fail(f"stage {stage.nn} does not pass yet, so the solution stays hidden: try "
                   f"./workshop hint {stage.number} first. To see it anyway: ./workshop diff {stage.number} --force")
    # Your files laid out by the kit's .clang-format, as the solutions are (kit/format), so that the
    # diff shows what you wrote differently, not how you spaced it (--exact: the files as they are).
    layout = shutil.which("clang-format") if not args.exact else None
    shown = False
    for solution in kitcore.source_files(stage.solution_dir):
        name = kitcore.stage_path(stage.solution_dir, solution)
        if name == "README.md":
            continue
        mine = stage.starter_dir / name
        a = laid_out(mine.read_text(errors="replace"), solution, layout).splitlines() if mine.exists() else []
        b = solution.read_text(errors="replace").splitlines()
        if kitcore.STUB_INCLUDE not in b:
            a = [line for line in a if line != kitcore.STUB_INCLUDE]
        lines = list(difflib.unified_diff(a, b, f"yours/{name}", f"solution/{name}", lineterm=""))
        for line in lines:
            shown = True
            say(S.good(line) if line.startswith("+") else S.bad(line) if line.startswith("-") else line)
    if not shown:
        say(f"Your stage {stage.nn} is the same as the solution, to the letter.")
    return 0


def cmd_reset(stages: list[Stage], args) -> int:
    stage = stage_arg(stages, args.stage, required=True)
    if stage.starter_dir.is_dir() and not kitcore.starter_is_pristine(stage):
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backups = STATE_DIR / "backups"
        backups.mkdir(parents=True, exist_ok=True)
        for n in range(1, 1000):  # a name of its own, however many resets a second
            backup = backups / (f"{stage.folder}-{stamp}" + (f"-{n}" if n > 1 else ""))
            try:
                backup.mkdir()
                break
            except FileExistsError:
                continue
        shutil.copytree(stage.starter_dir, backup, dirs_exist_ok=True, symlinks=True)
        say(f"Your files are saved in {rel(backup)}/")
        # "/." copies everything, dotfiles and subfolders too
        say(S.dim(f"  (to get them back: cp -a {rel(backup)}/. stages/{stage.folder}/)"))
    for path in (kitcore.source_files(stage.starter_dir) if stage.starter_dir.is_dir() else []):
        path.unlink()
    stage.starter_dir.mkdir(parents=True, exist_ok=True)
    for name, data in kitcore.generated_starter(stage).items():
        (stage.starter_dir / name).parent.mkdir(parents=True, exist_ok=True)  # es/, dogschool/
        (stage.starter_dir / name).write_bytes(data)
    with kit_lock("state", "saving progress"):
        state = load_state()
        state["stages"].pop(stage.id, None)
        save_state(state)
    say(f"{S.tick} stages/{stage.folder} is back to its starter. ./workshop check {stage.number} to begin.")
    return 0


def cmd_run(stages: list[Stage], args) -> int:
    """Build a stage's demo program (its main.cpp) and run it, with any further arguments."""
    stage = stage_arg(stages, args.stage)
    variant = "solution" if args.solution else "starter"
    if not ((stage.starter_dir if variant == "starter" else stage.solution_dir) / "main.cpp").exists():
        raise Fail(f"stage {stage.nn} has no demo program (main.cpp).")
    build = ensure_configured()
    target = f"stage{stage.nn}_{variant}_demo"
    log = LOG_DIR / f"build-{stage.nn}-demo.log"
    with kit_lock(build.name, f"building in {rel(build)}"):
        configure_if_files_changed(build, [stage])
        built = build_target(build, target, log)
    if not built:
        for line in build_error_summary(log.read_text(errors="replace")).lines:
            say("  " + line)
        raise Fail(f"the demo of stage {stage.nn} does not compile (full output: {rel(log)})")
    # A stage whose tests need PostgreSQL (manifest "services") runs its demo with the same server
    # (POSTGRES_HOST...: stage 15's demo runs its system as processes there). Without one, the
    # demo runs as it can, and says so.
    env = None
    if stage.services:
        servers = services_for(stage)
        env = {**os.environ, **servers} if servers else None
    return subprocess.run([str(build / target), *args.args], env=env).returncode


def cmd_list(stages: list[Stage], args) -> int:
    state = load_state()
    say(S.bold(f"{'#':<3}{'id':<22}{'title':<40}{'part':<6}{'time':<8}status"))
    # Parts A-E are the one-day workshop; part F, the advanced track, comes after it.
    day = sum(s.minutes for s in stages if s.part != "F")
    advanced = sum(s.minutes for s in stages if s.part == "F")
    for i, stage in enumerate(stages):
        if stage.part == "F" and (i == 0 or stages[i - 1].part != "F"):
            say(S.dim(f"   parts A-E above: the one-day workshop, {day} min. Part F below: the advanced track, "
                      f"{advanced} min"))
        _, text = status_of(stage, state)
        say(f"{stage.nn:<3}{stage.id:<22}{stage.title:<40}{stage.part:<6}{str(stage.minutes) + ' min':<8}{text}")
    return 0
