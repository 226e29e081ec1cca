"""The commands for presenters and maintainers, and the machine's health: doctor, show-store,
test (the kit's own suite, and every toolchain), stop-services, and the bench and slides tools."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

import kitcore
from kitcore import Stage

from . import toolchains
from .base import LOG_DIR, ROOT, S, Fail, rel, say
from .building import build_error_summary, configure_if_files_changed, ensure_configured, run_logged
from .installing import (KIT_EXTRAS, OS_NAMES, REQUIREMENTS, cmake_version, compiler, detect_os, extra_installed,
                         install_command, install_missing, missing_requirements, probe_libraries)
from .progress import kit_lock


def cmd_doctor(stages: list[Stage], args) -> int:
    import platform

    say(S.bold("Toolchain"))
    cxx = compiler()
    about = subprocess.run([cxx, "--version"], capture_output=True, text=True).stdout if cxx else ""
    version = about.splitlines()[0] if about else ""
    rows = [("C++20 compiler", bool(cxx), f"{version} ({toolchains.tested_note(about)})" if cxx
             else toolchains.missing_compiler() or "no c++, g++ or clang++ on PATH")]
    cm = cmake_version()
    rows.append(("CMake >= 3.21", bool(cm and cm >= (3, 21)), f"cmake {cm[0]}.{cm[1]}" if cm else "not found"))
    rows.append(("Ninja", bool(shutil.which("ninja")), "optional: faster rebuilds"))
    rows.append(("Python 3", True, platform.python_version()))
    libraries = probe_libraries() if cm else {}
    for name, package, *_, needed in REQUIREMENTS:
        if package:
            rows.append((name, libraries.get(name, False), f"needed for {needed}"))
    for extra in KIT_EXTRAS:
        rows.append((extra[0], extra_installed(extra), f"needed for {extra[5]}"))
    for name, ok, detail in rows:
        say(f"  {S.tick if ok else S.cross} {name:<18} {S.dim(detail)}")
    say()
    say(S.bold("Toolchains the kit is tested on") + S.dim(" (./workshop test --toolchains, on Debian 12)"))
    say(f"  {toolchains.REFERENCE}")
    for toolchain in toolchains.TOOLCHAINS:
        say(f"  {toolchain.about}" + S.dim(f"   CXX={toolchain.cxx}" + (f" CXXFLAGS={toolchain.cxxflags}"
                                                                       if toolchain.cxxflags else "")))
    say(S.dim("  Pick one for your build: CXX=clang++-16 CXXFLAGS=-stdlib=libc++ ./workshop (each gets its own build/ folder)"))
    say(S.dim("  macOS: Apple clang (xcode-select --install) uses libc++; no Mac runs the kit's tests, clang 16 + libc++ stands in."))
    say()
    say(S.bold("Install everything the workshop uses"))
    here = detect_os()
    for os_name, label in OS_NAMES.items():
        marker = S.bold(" <- this machine") if os_name == here else ""
        say(f"  {label:<18} {install_command(os_name, extras=True)}{marker}")
    optional = {"Ninja", "libpq", *(extra[0] for extra in KIT_EXTRAS)}
    essential = [r for r in rows if r[0] not in optional]
    return 0 if all(ok for _, ok, _ in essential) else 1


def cmd_show_store(stages: list[Stage], args: list[str]) -> int:
    from . import show_store  # its own modules: only this command pays for them

    return show_store.main(args)


def cmd_test(stages: list[Stage], args) -> int:
    """The kit's own suite, in one build (the ci preset: warnings are errors, AddressSanitizer and
    UndefinedBehaviorSanitizer on): every solution, every starter, every integrity check. With
    --toolchains, then the compiler-dependent checks on every other toolchain the kit names."""
    # The checks prove things of the starters as generated; a student's work in stages/ would make
    # three of them fail for the wrong reason, after minutes of building. Say so at once instead.
    changed = [s.folder for s in stages if s.solution_dir.is_dir() and not kitcore.starter_is_pristine(s)]
    if changed:
        raise Fail(f"the kit's checks need the starters exactly as generated, and stages/ holds other files "
                   f"in {', '.join(changed)}. Your own work? Test the kit in a fresh clone, which leaves it "
                   f"where it is: git clone . /tmp/kit && cd /tmp/kit && ./workshop test. Changed solutions/? "
                   f"Regenerate: python3 tools/kit.py generate N", 2)
    missing = missing_requirements(for_kit=True)
    if missing:
        install_missing(missing, for_kit=True)
    started = time.time()
    build = ensure_configured("ci", for_kit=True)
    configure_if_files_changed(build, stages)
    log = LOG_DIR / "build-ci.log"
    say(S.bold("== ci: building") + S.dim(f" (warnings are errors, sanitizers on; log: {rel(log)})"))
    jobs = str(os.cpu_count() or 2)
    if run_logged(["cmake", "--build", str(build), "-j", jobs], log).returncode != 0:
        for line in build_error_summary(log.read_text(errors="replace")).lines:
            say("  " + line)
        raise Fail(f"the ci build failed; see {rel(log)}")
    built = time.time()
    say(S.bold("== ci: testing"))
    proc = subprocess.Popen(["ctest", "--preset", "ci", "-j", jobs], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    summary = None
    for line in proc.stdout:
        sys.stdout.write(line)
        summary = re.search(r"tests passed, (\d+) tests? failed out of (\d+)", line) or summary
    code = proc.wait()
    failed, total = (int(summary[1]), int(summary[2])) if summary else (1, 1)
    passed = total - failed
    say()
    say(f"{S.tick if code == 0 else S.cross} build {built - started:.0f} s, tests {time.time() - built:.0f} s")
    if args.toolchains:
        for outcome in test_toolchains(jobs):
            passed, failed = passed + outcome.passed, failed + outcome.failed
    say(f"kit: {passed} passed, {failed} failed")  # the closing line CI reads
    return 0 if failed == 0 and code == 0 else 1


def test_toolchains(jobs: str) -> list[toolchains.Outcome]:
    """After the reference build: the compiler-dependent checks on every other toolchain the kit names."""
    outcomes = []
    for toolchain in toolchains.TOOLCHAINS:
        say(S.bold(f"== {toolchain.name}: building and testing") + S.dim(f" ({toolchain.about})"))
        outcome = toolchains.prove(ROOT, toolchain, LOG_DIR, jobs, lambda line: say(S.dim(line)))
        mark = S.tick if outcome.failed == 0 else S.cross
        say(f"{mark} {toolchain.name}: " + (outcome.problem or f"{outcome.passed} passed, {outcome.failed} failed")
            + f" ({outcome.seconds:.0f} s)")
        outcomes.append(outcome)
    return outcomes


def cmd_delegate(script: str, what: str):
    def run(stages: list[Stage], args: list[str]) -> int:
        path = ROOT / script
        if not path.exists():
            raise Fail(f"{what} are not part of this kit yet ({script} is missing).")
        return subprocess.run([sys.executable, str(path), *args], cwd=ROOT).returncode

    return run


def cmd_stop_services(stages: list[Stage], args) -> int:
    import throwaway_postgres

    with kit_lock("postgres", "starting PostgreSQL"):
        stopped = throwaway_postgres.stop_shared(throwaway_postgres.shared_folder(ROOT))
    say("Stopped the PostgreSQL server of stage 12's tests." if stopped else "No server of the kit's was running.")
    return 0
