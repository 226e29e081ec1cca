"""The toolchains the kit is proved on, the build directory each one gets, and the check that proves
them: `./workshop test --toolchains` (what CI runs).

The reference toolchain is the default compiler (g++ 12 on Debian 12): the `ci` preset builds it
with sanitizers and runs every kit check. Each toolchain below then builds the whole kit in the
`toolchain` preset (warnings are errors, no sanitizers) and runs what depends on the compiler:
every solution's tests, every pristine starter failing with its stubs, every stub region needed,
every mutant killed. A pristine starter that warns does not build there, so "no warning shown to
the student" is proved too."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, NamedTuple


class Toolchain(NamedTuple):
    name: str
    cxx: str  # the compiler command, as CXX
    cxxflags: str  # as CXXFLAGS
    debian: str  # the Debian packages that bring it
    about: str


TOOLCHAINS = [
    Toolchain("gcc-11", "g++-11", "", "g++-11", "g++ 11 with libstdc++"),
    Toolchain("clang-14", "clang++-14", "", "clang-14", "clang 14 with libstdc++"),
    Toolchain("clang-16-libc++", "clang++-16", "-stdlib=libc++", "clang-16 libc++-16-dev libc++abi-16-dev",
              "clang 16 with libc++, the standard library of macOS: it stands in for Apple clang"),
]
REFERENCE = "g++ 12 with libstdc++ (Debian 12's g++), the reference: every kit check, under sanitizers"
# The checks whose outcome depends on the compiler; the others (manifest, format, slides, runner)
# read files, and run once, in the reference build.
COMPILER_CHECKS = r"^(stage-[0-9]+/solution|kit/stubs-fail-|kit/stubs-needed-|kit/mutants-)"


def build_dir(root: Path, preset: str, environ: dict | None = None) -> Path:
    """build/<preset>; or build/<preset>-<compiler>[-<flags>] when CXX or CXXFLAGS picks another
    toolchain (`CXX=clang++-16 ./workshop`): CMake keeps the compiler a build directory was first
    configured with, so each toolchain gets a directory of its own and switching back costs nothing."""
    environ = os.environ if environ is None else environ
    cxx, flags = environ.get("CXX", "").split(), environ.get("CXXFLAGS", "").split()
    if not cxx and not flags:
        return root / "build" / preset
    words = ([Path(cxx[0]).name] if cxx else []) + [f.lstrip("-").replace("=", "-") for f in flags]
    tag = re.sub(r"[^A-Za-z0-9+._-]", "", "-".join(words))[:60]
    return root / "build" / f"{preset}-{tag}"


def missing_compiler(environ: dict | None = None) -> str | None:
    """What to say when CXX names a compiler that is not installed."""
    environ = os.environ if environ is None else environ
    cxx = environ.get("CXX", "").split()
    if not cxx or shutil.which(cxx[0]):
        return None
    known = next((t for t in TOOLCHAINS if t.cxx == cxx[0]), None)
    install = f" (Debian/Ubuntu: sudo apt-get install -y {known.debian})" if known else ""
    return f"CXX={cxx[0]}, but there is no {cxx[0]} on PATH. Install it{install}, or unset CXX for the default compiler."


def tested_note(version_text: str) -> str:
    """Whether the compiler whose `--version` this is is one the kit is tested on."""
    text = version_text.lower()
    if "apple clang" in text:
        return "Apple clang: no Mac runs the kit's tests; clang 16 with libc++ stands in for it"
    family = "clang" if "clang" in text else "gcc" if "free software foundation" in text else None
    match = re.search(r"\b(\d+)\.\d+(?:\.\d+)?\b", text.splitlines()[0] if text else "")
    if not family or not match:
        return "not a compiler the kit is tested on"
    tested = {"gcc": (11, 12), "clang": (14, 16)}[family]
    if int(match[1]) in tested:
        return "tested by the kit's CI"
    return f"not tested: the kit is tested on {family} {' and '.join(map(str, tested))}"


class Outcome(NamedTuple):
    toolchain: Toolchain
    passed: int
    failed: int
    seconds: float
    problem: str  # what went wrong before the tests, or ""


def prove(root: Path, toolchain: Toolchain, log_dir: Path, jobs: str, echo: Callable[[str], None]) -> Outcome:
    """Configure, build and run the compiler-dependent checks of one toolchain."""
    started = time.time()
    if not shutil.which(toolchain.cxx):
        return Outcome(toolchain, 0, 1, 0.0, f"{toolchain.cxx} is not installed "
                       f"(Debian/Ubuntu: sudo apt-get install -y {toolchain.debian})")
    env = {**os.environ, "CXX": toolchain.cxx, "CXXFLAGS": toolchain.cxxflags}
    if shutil.which("ninja"):
        env["CMAKE_GENERATOR"] = "Ninja"
    build = build_dir(root, "toolchain", env)
    log = log_dir / f"toolchain-{toolchain.name}.log"
    log_dir.mkdir(parents=True, exist_ok=True)
    steps = [
        ["cmake", "--preset", "toolchain", "-B", str(build), f"-DPython3_EXECUTABLE={sys.executable}"],
        ["cmake", "--build", str(build), "-j", jobs],
    ]
    with log.open("w") as out:
        for step in steps:
            if subprocess.run(step, cwd=root, stdout=out, stderr=subprocess.STDOUT, env=env).returncode != 0:
                what = "configure" if step[1] == "--preset" else "build"
                return Outcome(toolchain, 0, 1, time.time() - started, f"does not {what}; see {log}")
        echo(f"   built in {time.time() - started:.0f} s; testing")
        tests = subprocess.run(["ctest", "--test-dir", str(build), "-j", jobs, "-R", COMPILER_CHECKS,
                                "--output-on-failure"], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=env)
        out.write(tests.stdout)
    summary = re.search(r"tests passed, (\d+) tests? failed out of (\d+)", tests.stdout)
    if not summary:
        return Outcome(toolchain, 0, 1, time.time() - started, f"ctest ran no test; see {log}")
    failed, total = int(summary[1]), int(summary[2])
    for line in tests.stdout.splitlines():
        if re.match(r"^\s*\d+ - \S+ \(", line):  # ctest's list of failed tests
            echo("   failed: " + line.strip())
    problem = student_sees_the_stub(root, env, log)
    if problem:
        echo("   failed: " + problem)
    return Outcome(toolchain, total - failed + (not problem), failed + bool(problem), time.time() - started, "")


def student_sees_the_stub(root: Path, env: dict, log: Path) -> str:
    """What a student on this toolchain sees on a pristine stage, through the runner and its own
    build directory: the stub's message and its README step, and not one warning. "" when so."""
    stage = "3"  # the first stage with stubs in headers and .cpp files alike
    check = subprocess.run([str(root / "workshop"), "check", stage], cwd=root, capture_output=True, text=True,
                           env={**env, "CI": "1", "NO_COLOR": "1"}, stdin=subprocess.DEVNULL)
    with log.open("a") as out:
        out.write(f"\n== ./workshop check {stage} (exit {check.returncode})\n{check.stdout}{check.stderr}")
    said = check.stdout + check.stderr
    if check.returncode != 1 or "not implemented yet" not in said or "README step" not in said:
        return f"./workshop check {stage} on a pristine starter does not show the stub and its step; see {log}"
    if "warning" in said.lower():
        return f"./workshop check {stage} on a pristine starter shows a warning; see {log}"
    return ""
