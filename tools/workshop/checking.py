"""Checking one stage: build it, run its tests, remember the result. This computes what happened
(a Result); reporting.py decides what the student reads about it."""

from __future__ import annotations

import os
import re
import shutil
import time
import zlib
from pathlib import Path

import kitcore
from kitcore import Stage, record

from .base import ROOT, STATE_DIR, LOG_DIR, Fail, rel
from .building import build_error_summary, build_target, configure_if_files_changed, ensure_configured, stage_warnings
from .compiler_output import BuildError
from .progress import kit_lock, load_state, record_progress

TEST_TIME_LIMIT = 120  # seconds for one stage's tests at most; the slowest (stage 12) need ~5-20


@record
class Result:
    stage: Stage
    variant: str  # "starter" (the student's) or "solution"
    kind: str  # broken, timed-out, exited, crashed, failing or passed
    log: Path  # the build's log
    binary: Path | None = None
    build_error: BuildError | None = None
    run: kitcore.TestRun | None = None
    limit: int = 0  # the time the tests were given
    warnings: tuple | list = ()  # the compiler's warnings in the student's files, remembered across builds
    case: kitcore.CaseResult | None = None  # the failing test to show
    step: int | None = None  # its README step (tests/NN/steps.txt)
    work: Path | None = None  # where the tests ran
    env: dict | None = None  # what the tests ran with besides the environment (servers, KIT_MUTANT)


def check_stage(stage: Stage, variant: str = "starter") -> Result:
    folder = stage.starter_dir if variant == "starter" else stage.solution_dir
    if not folder.is_dir():
        raise Fail(f"{rel(folder)} is missing. Put the starter back with: ./workshop reset {stage.number}")
    build = ensure_configured()
    with kit_lock(build.name, f"building in {rel(build)}"):
        return build_and_test(stage, variant, build)


def build_and_test(stage: Stage, variant: str, build: Path) -> Result:
    log = LOG_DIR / f"build-{stage.nn}-{variant}.log"
    configure_if_files_changed(build, [stage])
    if not build_target(build, stage.target(variant), log):
        if variant == "starter":
            record_progress(stage, status="broken")
        return Result(stage, variant, "broken", log, build_error=build_error_summary(log.read_text(errors="replace")))
    binary = build / stage.target(variant)
    work = STATE_DIR / "work" / f"{stage.nn}-{variant}"
    shutil.rmtree(work, ignore_errors=True)
    entry = load_state()["stages"].get(stage.id, {})
    limit = time_limit(entry.get("seconds"))
    servers = services_for(stage)
    started = time.monotonic()
    run = kitcore.run_doctest(binary, work, env=servers, timeout=limit)
    seconds = round(time.monotonic() - started, 2)
    result = result_of_run(stage, variant, log, binary, run, limit, work, servers)
    if variant == "starter":
        result.warnings, remembered = remembered_warnings(stage, log.read_text(errors="replace"), entry.get("warnings"))
        finished = {"seconds": seconds} if not run.crashed else {}
        # The step the student is stuck on, for ./workshop hint: the stub the failure hit, else the test's step.
        stuck = (result.case.stub_step or result.step) if result.case else None
        record_progress(stage, status="passed" if run.all_passed else "failing", passed=len(run.passed),
                        total=len(run.cases), warnings=remembered, step=stuck, **finished)
    return result


def result_of_run(stage: Stage, variant: str, log: Path, binary: Path, run: kitcore.TestRun, limit: int,
                  work: Path, env: dict | None = None) -> Result:
    """What a test run amounts to, and the failure to show from it (tools/kit.py mutant uses it too)."""
    kind = ("timed-out" if run.timed_out else "exited" if run.exited_early else "crashed" if run.crashed
            else "passed" if run.all_passed else "failing")
    result = Result(stage, variant, kind, log, binary=binary, run=run, limit=limit, work=work, env=env)
    if kind == "failing":
        steps = kitcore.step_order(stage)
        result.case = run.case_to_show(steps)
        result.step = steps.get(result.case.name, (None,))[0] if result.case else None
    return result


def services_for(stage: Stage) -> dict[str, str]:
    """The servers a stage's tests need (manifest "services"): one PostgreSQL per kit checkout,
    started on first need and kept for the next checks (a start is most of a stage-12 check).
    ./workshop stop-services stops it; a restart of the machine does too (it lives in /tmp)."""
    if "postgres" not in stage.services or os.environ.get("POSTGRES_HOST"):
        return {}
    import throwaway_postgres

    with kit_lock("postgres", "starting PostgreSQL"):
        return throwaway_postgres.shared(throwaway_postgres.shared_folder(ROOT))


def time_limit(usual: float | None) -> int:
    """How long a stage's tests may run before the runner calls it a hang: six times what they
    took when they last finished, at least 30 s (a first build's cold start, a loaded machine),
    at most TEST_TIME_LIMIT."""
    return int(min(TEST_TIME_LIMIT, max(30, 6 * (usual or 10))))


def remembered_warnings(stage: Stage, log_text: str, before: dict | None) -> tuple[list[str], dict]:
    """The compiler's warnings in the student's files, also those of files not compiled this time
    (ninja compiles only what changed, and says nothing of the rest). Kept per file with the file's
    checksum: a warning is forgotten once its file is compiled again without it, or changes."""
    compiled = set(re.findall(r"Building CXX object \S+?\.dir/(\S+?)\.o\b", log_text))
    files: dict[str, dict] = {}
    for line in stage_warnings(log_text, stage):
        name = line.split(":", 1)[0]
        files.setdefault(name, {"crc": file_crc(name), "lines": []})["lines"].append(line)
    for name, kept in (before or {}).items():
        if name not in files and name not in compiled and isinstance(kept, dict) and file_crc(name) == kept.get("crc"):
            files[name] = kept
    return [line for kept in files.values() for line in kept.get("lines", [])], files


def file_crc(name: str) -> str:
    try:
        return f"{zlib.crc32((ROOT / name).read_bytes()):08x}"
    except OSError:
        return ""
