#!/usr/bin/env python3
"""./workshop: your guide through the workshop.

  ./workshop                 set up, show your progress, check the stage you are on
  ./workshop check [N]       build stage N and run its tests (exit 0 when they all pass)
             check N --solution   the same against the reference solution
  ./workshop watch [N]       check again every time you save a file (Enter checks at once)
  ./workshop hint [N]        the next hint for stage N (one more each time)
  ./workshop diff [N]        your stage N beside the solution (once it passes; --force before;
                             --exact: without laying both out with clang-format first)
  ./workshop reset N         put back the starter of stage N (your files are backed up first)
  ./workshop run [N] [ARGS]  build and run stage N's little demo program (its main.cpp)
  ./workshop list            every stage, with its status
  ./workshop doctor          compiler, CMake and libraries, and how to install what is missing
  ./workshop show-store FILE the events in an event store (SQLite, PostgreSQL), one line each;
             [--stream ID] [--topic T] [--from N] [--limit K] [--json] [--html OUT.html]
  ./workshop test            the kit's own tests (for maintainers; one build with sanitizers)
             test --toolchains    then the same on every other compiler the kit names (what CI runs)
  ./workshop bench           the benchmarks
  ./workshop slides          render the slide decks

N is a stage number (3 or 03) or its id (mutator). Without N: the stage you are on.
"""

from __future__ import annotations

# Modules only some commands need are imported inside them: every import is paid on each check.

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compiler_output  # noqa: E402
import kitcore  # noqa: E402
import toolchains  # noqa: E402
from kitcore import KitError, Stage  # noqa: E402

ROOT = kitcore.ROOT
STATE_DIR = ROOT / ".workshop"
LOG_DIR = STATE_DIR / "logs"
INTERACTIVE = sys.stdin.isatty() and not os.environ.get("CI")
TEST_TIME_LIMIT = 120  # seconds for one stage's tests; the slowest (stage 12, with a server) need ~20


# --------------------------------------------------------------------------------------------
# Output: short, coloured on a terminal, plain otherwise.


class Style:
    def __init__(self) -> None:
        self.on = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.utf8 = (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text

    def good(self, t: str) -> str:
        return self._wrap("32", t)

    def bad(self, t: str) -> str:
        return self._wrap("31", t)

    def warn(self, t: str) -> str:
        return self._wrap("33", t)

    def bold(self, t: str) -> str:
        return self._wrap("1", t)

    def dim(self, t: str) -> str:
        return self._wrap("2", t)

    @property
    def tick(self) -> str:
        return self.good("✓" if self.utf8 else "ok")

    @property
    def cross(self) -> str:
        return self.bad("✗" if self.utf8 else "x ")


S = Style()


def say(text: str = "") -> None:
    print(text, flush=True)


def rel(path: Path | str) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT.resolve()))
    except ValueError:
        return str(path)


class Fail(Exception):
    """Stops the runner with a message (already user-facing) and an exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


# --------------------------------------------------------------------------------------------
# Progress, kept by the stage's stable id (never by its folder number).


def load_state() -> dict:
    try:
        return json.loads((STATE_DIR / "state.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {"stages": {}}


def save_state(state: dict) -> None:
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = STATE_DIR / "state.json.tmp"
    tmp.write_text(json.dumps(state, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(STATE_DIR / "state.json")  # never a half-written state file


def fingerprint(stage: Stage) -> str:
    """Changes whenever the student's files do (zlib's CRC: hashlib alone takes ~7 ms to import)."""
    crc = 0
    if stage.starter_dir.is_dir():
        for path in kitcore.source_files(stage.starter_dir):
            crc = zlib.crc32(path.name.encode() + b"\0" + path.read_bytes(), crc)
    return f"{crc:08x}"


def record(stage: Stage, **fields) -> None:
    state = load_state()
    entry = state["stages"].setdefault(stage.id, {})
    entry.update(fields, fingerprint=fingerprint(stage), checked=time.strftime("%Y-%m-%dT%H:%M:%S"))
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
    state = load_state()
    for stage in stages:
        if status_of(stage, state)[0] != "passed":
            return stage
    return stages[-1]


def show_progress(stages: list[Stage]) -> None:
    state = load_state()
    say(S.bold("Event-Sourced Domain Models: your progress"))
    for stage in stages:
        kind, text = status_of(stage, state)
        mark = {"passed": S.tick, "failing": S.cross, "broken": S.cross}.get(kind, S.dim("·"))
        say(f"  {mark} {stage.nn} {stage.title:<40} {text if kind != 'new' else S.dim(text)}")


# --------------------------------------------------------------------------------------------
# Toolchain, libraries, installation


REQUIREMENTS = [
    # name, cmake package (None: a program), Debian, Fedora, Arch, Homebrew, vcpkg, needed for
    # macOS: Apple clang comes with the Xcode command line tools, not with Homebrew (install_command)
    ("C++20 compiler", None, "g++", "gcc-c++", "gcc", None, None, "every stage"),
    ("CMake >= 3.21", None, "cmake", "cmake", "cmake", "cmake", None, "every stage"),
    ("Ninja", None, "ninja-build", "ninja-build", "ninja", "ninja", None, "faster rebuilds (optional)"),
    ("doctest", "doctest", "doctest-dev", "doctest-devel", "doctest", "doctest", "doctest", "every stage"),
    ("nlohmann_json", "nlohmann_json", "nlohmann-json3-dev", "json-devel", "nlohmann-json", "nlohmann-json",
     "nlohmann-json", "stages 05 onwards"),
    ("SQLite3", "SQLite3", "libsqlite3-dev", "sqlite-devel", "sqlite", "sqlite", "sqlite3", "stages 06 onwards"),
    ("libpq", "PostgreSQL", "libpq-dev", "libpq-devel", "postgresql-libs", "libpq", "libpq", "stage 12"),
]
KIT_EXTRAS = [
    # what ./workshop test needs beyond a student's set-up: name, Debian, Fedora, Arch, Homebrew,
    # needed for, and the commands that show it is there
    ("clang-format", "clang-format", "clang-format", "clang", "clang-format", "the format check", ["clang-format"]),
    ("PostgreSQL server", "postgresql", "postgresql-server", "postgresql", "postgresql@16", "stage 12's tests",
     ["initdb"]),
    ("Node.js", "nodejs", "nodejs", "nodejs", "node", "the slides (Marp CLI)", ["node"]),
    ("npm", "npm", "npm", "npm", "node", "the slides (Marp CLI)", ["npm"]),
    ("Graphviz", "graphviz", "graphviz", "graphviz", "graphviz", "the slide diagrams", ["dot"]),
    ("Chromium", "chromium", "chromium", "chromium", "--cask chromium", "the slides check",
     ["chromium", "chromium-browser", "google-chrome"]),
]


def extra_installed(extra: tuple) -> bool:
    if extra[0] == "PostgreSQL server":
        return postgres_bindir() is not None  # its programs are not on PATH on Debian
    return any(shutil.which(command) for command in extra[6])
OS_NAMES = {"debian": "Debian / Ubuntu", "fedora": "Fedora", "arch": "Arch", "macos": "macOS (Homebrew)",
            "vcpkg": "vcpkg (any OS)"}


def detect_os() -> str:
    import platform

    if platform.system() == "Darwin":
        return "macos"
    try:
        release = Path("/etc/os-release").read_text()
    except OSError:
        return "other"
    ids = " ".join(re.findall(r"^(?:ID|ID_LIKE)=\"?([^\"\n]*)", release, re.M)).lower()
    for name, words in (("debian", ("debian", "ubuntu")), ("fedora", ("fedora", "rhel")), ("arch", ("arch",))):
        if any(w in ids for w in words):
            return name
    return "other"


def install_command(os_name: str, names: list[str] | None = None, extras: bool = False) -> str:
    column = {"debian": 2, "fedora": 3, "arch": 4, "macos": 5, "vcpkg": 6}[os_name]
    chosen = [r for r in REQUIREMENTS if names is None or r[0] in names]
    packages = [r[column] for r in chosen if r[column]]
    if extras:
        extra_column = {"debian": 1, "fedora": 2, "arch": 3, "macos": 4}.get(os_name)
        if extra_column:
            packages += [e[extra_column] for e in KIT_EXTRAS if names is None or e[0] in names]
    packages = list(dict.fromkeys(packages))
    return {
        "debian": "sudo apt-get install -y " + " ".join(packages),
        "fedora": "sudo dnf install -y " + " ".join(packages),
        "arch": "sudo pacman -S --needed " + " ".join(packages),
        "macos": ("xcode-select --install; " if any(r[0] == "C++20 compiler" for r in chosen) else "")
        + "brew install " + " ".join(p for p in packages if not p.startswith("--cask"))
        + "".join(f"; brew install {p}" for p in packages if p.startswith("--cask")),
        "vcpkg": "vcpkg install " + " ".join(packages)
        + "   # then add -DCMAKE_TOOLCHAIN_FILE=<vcpkg>/scripts/buildsystems/vcpkg.cmake",
    }[os_name]


def compiler() -> str | None:
    if os.environ.get("CXX", "").strip():  # the one CMake will use, installed or not
        return shutil.which(os.environ["CXX"].split()[0])
    for name in ["c++", "g++", "clang++"]:
        if shutil.which(name):
            return shutil.which(name)
    return None


def cmake_version() -> tuple[int, int] | None:
    if not shutil.which("cmake"):
        return None
    out = subprocess.run(["cmake", "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)\.(\d+)", out)
    return (int(match[1]), int(match[2])) if match else None


def probe_libraries() -> dict[str, bool]:
    """Ask CMake itself which packages it finds: the same answer the real build will get."""
    probe = STATE_DIR / "probe"
    probe.mkdir(parents=True, exist_ok=True)
    lines = ["cmake_minimum_required(VERSION 3.21)", "project(probe LANGUAGES CXX)"]
    for name, package, *_ in REQUIREMENTS:
        if package:
            lines.append(f"find_package({package} QUIET)")
            lines.append(f'message(STATUS "probe {name}=${{{package}_FOUND}}")')
    (probe / "CMakeLists.txt").write_text("\n".join(lines) + "\n")
    out = subprocess.run(["cmake", "-S", str(probe), "-B", str(probe / "build")], capture_output=True,
                         text=True).stdout
    found = dict(re.findall(r"probe (.+?)=(\S*)", out))
    return {name: found.get(name, "").upper() in ("1", "TRUE", "ON", "YES") for name, pkg, *_ in REQUIREMENTS if pkg}


def missing_requirements(for_kit: bool = False) -> list[str]:
    missing = []
    if not compiler():
        missing.append("C++20 compiler")
    version = cmake_version()
    if version is None or version < (3, 21):
        missing.append("CMake >= 3.21")
        return missing  # without CMake the libraries cannot be probed
    for name, ok in probe_libraries().items():
        if not ok and (name != "libpq" or for_kit):
            missing.append(name)
    if for_kit:
        missing += [extra[0] for extra in KIT_EXTRAS if not extra_installed(extra)]
    return missing


def postgres_bindir() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def install_missing(missing: list[str], for_kit: bool) -> None:
    """Install with apt-get when we may (root, or the user agrees); otherwise say exactly how."""
    os_name = detect_os()
    say(S.warn("Missing: " + ", ".join(missing)))
    if os_name != "debian" or not shutil.which("apt-get"):
        say("Install them with:")
        for name in ([os_name] if os_name in OS_NAMES else list(OS_NAMES)):
            say(f"  {OS_NAMES[name]:<18} {install_command(name, missing, extras=True)}")
        raise Fail("then run ./workshop again.")
    command = install_command("debian", missing, extras=True).split()[1:]  # without "sudo"
    if os.geteuid() != 0:
        if not INTERACTIVE:
            raise Fail(f"Install them with:\n  {' '.join(['sudo', *command])}\nthen run ./workshop again.")
        answer = input(f"Install them now with: sudo {' '.join(command)}  [Y/n] ").strip().lower()
        if answer not in ("", "y", "yes"):
            raise Fail("Nothing installed. Run the command above yourself, then ./workshop again.")
        command = ["sudo", *command]
    say(S.dim("Installing (apt-get) ..."))
    log = LOG_DIR / "install.log"
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    with log.open("w") as out:
        update = [*command[: command.index("apt-get") + 1], "update", "-q"]
        subprocess.run(update, stdout=out, stderr=subprocess.STDOUT, env=env)
        result = subprocess.run([*command, "-q"], stdout=out, stderr=subprocess.STDOUT, env=env)
    if result.returncode != 0:
        raise Fail(f"apt-get could not install them; see {rel(log)}")
    say(S.good("Installed: ") + ", ".join(missing))


def run_logged(command: list[str], log: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        return subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, **(env or {})})


def generator_env() -> dict:
    # Ninja rebuilds one stage much faster than Make; use it when it is there.
    return {"CMAKE_GENERATOR": "Ninja"} if shutil.which("ninja") and not os.environ.get("CMAKE_GENERATOR") else {}


def ensure_configured(preset: str = "dev", for_kit: bool = False) -> Path:
    build = toolchains.build_dir(ROOT, preset)
    if (build / "CMakeCache.txt").exists() and ((build / "build.ninja").exists() or (build / "Makefile").exists()):
        return build
    problem = toolchains.missing_compiler()
    if problem:
        raise Fail(problem)
    if not compiler() or not cmake_version():
        install_missing(missing_requirements(for_kit), for_kit)
    log = LOG_DIR / f"configure-{preset}.log"
    say(S.dim(f"Configuring the build ({preset}) ..."))
    # The kit's checks run on the Python running this (a version manager's shim costs ~0.3 s a call).
    configure = ["cmake", "--preset", preset, "-B", str(build), f"-DPython3_EXECUTABLE={sys.executable}"]
    result = run_logged(configure, log, generator_env())
    if result.returncode != 0:
        missing = missing_requirements(for_kit)
        if not missing:
            libcxx = "-stdlib=libc++" in os.environ.get("CXXFLAGS", "")
            hint = " (-stdlib=libc++: is libc++ installed? Debian: sudo apt-get install -y libc++-16-dev libc++abi-16-dev)"
            raise Fail(f"CMake could not configure the kit{hint if libcxx else ''}; see {rel(log)}")
        install_missing(missing, for_kit)
        shutil.rmtree(build, ignore_errors=True)
        result = run_logged(configure, log, generator_env())
        if result.returncode != 0:
            raise Fail(f"CMake could not configure the kit; see {rel(log)}")
    link = ROOT / "compile_commands.json"  # for clangd and other editors
    if preset == "dev" and not link.exists():  # missing, or left pointing at a build removed since
        try:
            link.unlink(missing_ok=True)
            link.symlink_to(build / "compile_commands.json")
        except OSError:
            pass
    return build


# --------------------------------------------------------------------------------------------
# Building and checking one stage

def shown(path: str) -> str:
    """A path from a build log as the student reads it: relative to the kit when inside it
    (object files are named relative to it already)."""
    return rel(path) if os.path.isabs(path) else path


def in_kit(path: str) -> bool:
    return not shown(path).startswith("/")


def build_error_summary(log_text: str) -> compiler_output.BuildError:
    """The first error of a failed build (compiler or linker), with the lines that explain it."""
    return compiler_output.first_error(log_text, shown, in_kit)


def stage_warnings(log_text: str, stage: Stage) -> list[str]:
    return compiler_output.warnings_in(log_text, stage.starter_dir, shown)


def configure_if_files_changed(build: Path, stages: list[Stage]) -> None:
    """CMake globs the stage folders when it configures and lists what it found in
    kit-sources.txt (tools/cmake/KitStages.cmake). A file added to or removed from these stages
    since then (a new stage among them) takes a new configure; comparing one stage's folders here
    costs well under a millisecond, where CMake re-globbing the whole kit before every build cost
    ~30 ms."""
    listing = build / "kit-sources.txt"
    folders = {d.resolve() for s in stages for d in (s.starter_dir, s.tests_dir, s.solution_dir)}
    try:
        known = {Path(line) for line in listing.read_text().splitlines() if Path(line).parent in folders}
    except FileNotFoundError:
        known = None
    present = {p for folder in folders for p in folder.glob("*.cpp")}
    present |= {p for s in stages for p in s.solution_dir.resolve().glob("*.hpp")}
    if known != present:
        run_logged(["cmake", str(build)], LOG_DIR / f"reconfigure-{build.name}.log")


def build_target(build: Path, target: str, log: Path) -> bool:
    # Ninja called directly answers sooner than through `cmake --build` (the feedback loop counts).
    ninja = shutil.which("ninja")
    if ninja and (build / "build.ninja").exists():
        return run_logged([ninja, "-C", str(build), target], log).returncode == 0
    return run_logged(["cmake", "--build", str(build), "--target", target], log).returncode == 0


def describe_failure(case: kitcore.CaseResult) -> list[str]:
    out = [S.cross + " " + S.bold(case.name)]
    failure = case.first_failure
    where = f"{rel(failure.file)}:{failure.line}" if failure and failure.file else f"{rel(case.file)}:{case.line}"
    out.append("  " + S.dim(where))
    if failure:
        if failure.original:
            expected = f", {failure.expected_exception}" if failure.expected_exception else ""
            out.append(f"  {failure.kind}( {failure.original}{expected} )")
        if failure.expected_message:
            out.append(f"  the message must match: {failure.expected_message}")
        if failure.expanded and failure.expanded != failure.original:
            out.append(f"  with values: {failure.expanded}")
        if failure.exception:
            out.append(f"  threw: {S.warn(failure.exception)}")
            if failure.expected_exception and not failure.is_stub:
                out.append(f"  but the test expects {failure.expected_exception}")
        elif failure.expected_exception:
            out.append(f"  did not throw, but the test expects {S.warn(failure.expected_exception)}")
    return out


def next_step_advice(stage: Stage, case: kitcore.CaseResult) -> list[str]:
    readme = rel(stage.starter_dir / "README.md")
    stuck = S.dim(f"      Stuck? ./workshop hint {stage.number}   Re-check on every save: ./workshop watch {stage.number}")
    for failure in case.failures:
        match = re.search(r"not implemented yet: (.+) \(see README step (\d+)\)", failure.exception)
        if match:
            where = kitcore.locate_region(stage, match[1])
            place = f" in {rel(where[0])}:{where[1]}" if where else ""
            return [f"Next: README step {match[2]} ({readme}): write {S.bold(match[1])}{place}.", stuck]
    failure = case.first_failure
    if failure and failure.exception and not failure.expected_exception:
        return [f"Next: your code threw the exception above, which this test does not expect. Read the test at "
                f"the line above, and the step of {readme} it is about.", stuck]
    return [f"Next: your code runs, but gives another answer than this test expects. Read the test at the "
            f"line above, and the step of {readme} it is about.", stuck]


def crash_summary(report: str) -> list[str]:
    """From doctest's console report of a crash: the test case, where, and the signal."""
    keep = []
    for line in report.splitlines():
        text = line.strip()
        if re.fullmatch(r"\S+:\d+:", text):
            continue  # a bare location line; the lines kept name it too
        if text.startswith("TEST CASE:") or "crashed" in text.lower() or "SIG" in text or re.match(r"^\S+:\d+:", text):
            cleaned = re.sub(r"(/\S+?):(\d+)", lambda m: f"{rel(m[1])}:{m[2]}", text)
            if cleaned not in keep:
                keep.append(cleaned)
    return keep[:6] or [line for line in report.splitlines() if line.strip()][-6:]


def check(stage: Stage, variant: str = "starter", verbose: bool = True) -> bool:
    """Build and test one stage; print the one thing to read; remember the result."""
    folder = stage.starter_dir if variant == "starter" else stage.solution_dir
    if not folder.is_dir():
        raise Fail(f"{rel(folder)} is missing. Put the starter back with: ./workshop reset {stage.number}")
    build = ensure_configured()
    title = f"Stage {stage.nn} · {stage.title}" + (" (solution)" if variant == "solution" else "")
    log = LOG_DIR / f"build-{stage.nn}-{variant}.log"
    if sys.__stdout__.isatty():
        sys.__stdout__.write(S.dim(f"building and testing stage {stage.nn} ...") + "\r")
        sys.__stdout__.flush()
    configure_if_files_changed(build, [stage])
    built = build_target(build, stage.target(variant), log)
    if sys.__stdout__.isatty():
        sys.__stdout__.write("\033[K")  # clear the line again
    if not built:
        if variant == "starter":
            record(stage, status="broken")
        error = build_error_summary(log.read_text(errors="replace"))
        say(f"{S.cross} {S.bold(title)}: " + ("compiles, but does not link" if error.kind == "link" else "does not compile"))
        for line in error.lines:
            say("  " + line)
        say(S.dim(f"  (full compiler output: {rel(log)})"))
        return False
    binary = build / stage.target(variant)
    work = STATE_DIR / "work" / f"{stage.nn}-{variant}"
    shutil.rmtree(work, ignore_errors=True)
    run = kitcore.run_doctest(binary, work, timeout=TEST_TIME_LIMIT)
    total, passed = len(run.cases), len(run.passed)
    if variant == "starter":
        record(stage, status="passed" if run.all_passed else "failing", passed=passed, total=total)
    warnings = stage_warnings(log.read_text(errors="replace"), stage) if variant == "starter" else []
    if run.timed_out:
        say(f"{S.cross} {S.bold(title)}: the tests did not finish within {TEST_TIME_LIMIT} s")
        say("Next: look for a loop that never ends, or a wait that is never answered (a transaction never "
            "committed, a lock never released). To find the test: " + rel(binary) + " -s")
        return False
    if run.crashed:
        say(f"{S.cross} {S.bold(title)}: a test crashed")
        for line in crash_summary(kitcore.crash_report(binary, work)):
            say("  " + line)
        for line in warnings[:3]:
            say("  " + S.warn(line))
        say("Next: a crash is often a reference to something that no longer exists, a null pointer, or an "
            "empty optional dereferenced" + (" (the compiler's warning above may be it)." if warnings else ".")
            + f"\n      To debug: gdb --args {rel(binary)}")
        return False
    if run.all_passed:
        say(f"{S.tick} {S.bold(title)}: all {total} tests pass")
        if verbose and variant == "starter":
            later = [s for s in kitcore.load_stages() if s.number > stage.number]
            nxt = f" · next stage: ./workshop check {later[0].number}" if later else " · that was the last stage!"
            say(S.dim(f"  compare with the reference: ./workshop diff {stage.number}{nxt}"))
        return True
    say(f"{S.bold(title)}: {passed} of {total} tests pass")
    case = run.case_to_show()
    for line in describe_failure(case):
        say("  " + line)
    for line in warnings[:3]:
        say("  " + S.warn(line))
    if verbose and variant == "starter":
        for line in next_step_advice(stage, case):
            say(line)
    return False


# --------------------------------------------------------------------------------------------
# Commands


def stage_arg(stages: list[Stage], args: list[str], required: bool = False) -> Stage:
    positional = [a for a in args if not a.startswith("--")]
    if not positional:
        if required:
            raise Fail("which stage? Give its number, e.g. ./workshop reset 3", 2)
        return current_stage(stages)
    try:
        return kitcore.find_stage(stages, positional[0])
    except KitError as e:
        raise Fail(str(e), 2) from None


def cmd_default(stages: list[Stage], args: list[str]) -> int:
    ensure_configured()
    stage = current_stage(stages)
    while True:
        # The check's report is held back so that it comes last, under the progress table.
        report = io.StringIO()
        with contextlib.redirect_stdout(report):
            passed = check(stage)
        later = [s for s in stages if s.number > stage.number]
        if not passed or not later:
            break
        stage = later[0]  # this one is done: move on to the next
    show_progress(stages)
    say()
    sys.stdout.write(report.getvalue())
    return 0 if passed else 1


def cmd_check(stages: list[Stage], args: list[str]) -> int:
    stage = stage_arg(stages, args)
    return 0 if check(stage, "solution" if "--solution" in args else "starter") else 1


def watched_files(stage: Stage) -> dict[Path, float]:
    files = {}
    for folder in (stage.starter_dir, stage.tests_dir):
        if folder.is_dir():
            for path in folder.iterdir():
                if path.is_file():
                    files[path] = path.stat().st_mtime
    return files


def cmd_watch(stages: list[Stage], args: list[str]) -> int:
    import select

    stage = stage_arg(stages, args)
    say(S.dim(f"Watching stages/{stage.folder}: saving a file re-checks it. Enter re-checks now, Ctrl-C stops."))
    try:
        while True:
            if check(stage):
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


def readme_hints(stage: Stage) -> list[tuple[str, str]]:
    readme = stage.starter_dir / "README.md"
    if not readme.exists():
        readme = stage.solution_dir / "README.md"
    text = readme.read_text(encoding="utf-8")
    section = re.split(r"^## Hints\s*$", text, flags=re.M)
    if len(section) < 2:
        return []
    body = re.split(r"^## ", section[1], flags=re.M)[0]
    found = re.findall(r"<details>\s*<summary>(.*?)</summary>(.*?)</details>", body, re.S)
    return [(title.strip(), content.strip()) for title, content in found]


def cmd_hint(stages: list[Stage], args: list[str]) -> int:
    stage = stage_arg(stages, args)
    hints = readme_hints(stage)
    if not hints:
        raise Fail(f"stage {stage.nn} has no hints in its README.")
    state = load_state()
    entry = state["stages"].setdefault(stage.id, {})
    shown = entry.get("hints_shown", 0)
    index = min(shown, len(hints) - 1)
    title, body = hints[index]
    say(S.bold(f"Stage {stage.nn}, {title}") + S.dim(f"  ({index + 1} of {len(hints)})"))
    say(body)
    if index + 1 < len(hints):
        say(S.dim(f"\nAsk again for the next hint: ./workshop hint {stage.number}"))
    else:
        say(S.dim(f"\nThat was the last hint. The reference solution is in solutions/{stage.folder}/ "
                  f"(./workshop diff {stage.number} --force)."))
    entry["hints_shown"] = index + 1
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


def cmd_diff(stages: list[Stage], args: list[str]) -> int:
    import difflib

    stage = stage_arg(stages, args)
    kind, _ = status_of(stage, load_state())
    if kind != "passed" and "--force" not in args:
        raise Fail(f"stage {stage.nn} does not pass yet, so the solution stays hidden: try "
                   f"./workshop hint {stage.number} first. To see it anyway: ./workshop diff {stage.number} --force")
    # Your files laid out by the kit's .clang-format, as the solutions are (kit/format), so that the
    # diff shows what you wrote differently, not how you spaced it (--exact: the files as they are).
    layout = shutil.which("clang-format") if "--exact" not in args else None
    shown = False
    for solution in kitcore.source_files(stage.solution_dir):
        if solution.name == "README.md":
            continue
        mine = stage.starter_dir / solution.name
        a = laid_out(mine.read_text(errors="replace"), solution, layout).splitlines() if mine.exists() else []
        b = solution.read_text(errors="replace").splitlines()
        if kitcore.STUB_INCLUDE not in b:
            a = [line for line in a if line != kitcore.STUB_INCLUDE]
        lines = list(difflib.unified_diff(a, b, f"yours/{solution.name}", f"solution/{solution.name}", lineterm=""))
        for line in lines:
            shown = True
            say(S.good(line) if line.startswith("+") else S.bad(line) if line.startswith("-") else line)
    if not shown:
        say(f"Your stage {stage.nn} is the same as the solution, to the letter.")
    return 0


def cmd_reset(stages: list[Stage], args: list[str]) -> int:
    stage = stage_arg(stages, args, required=True)
    if stage.starter_dir.is_dir() and not kitcore.starter_is_pristine(stage):
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = STATE_DIR / "backups" / f"{stage.folder}-{stamp}"
        shutil.copytree(stage.starter_dir, backup)
        say(f"Your files are saved in {rel(backup)}/")
        say(S.dim(f"  (to get them back: cp {rel(backup)}/* stages/{stage.folder}/)"))
    for path in (kitcore.source_files(stage.starter_dir) if stage.starter_dir.is_dir() else []):
        path.unlink()
    stage.starter_dir.mkdir(parents=True, exist_ok=True)
    for name, data in kitcore.generated_starter(stage).items():
        (stage.starter_dir / name).write_bytes(data)
    state = load_state()
    state["stages"].pop(stage.id, None)
    save_state(state)
    say(f"{S.tick} stages/{stage.folder} is back to its starter. ./workshop check {stage.number} to begin.")
    return 0


def cmd_run(stages: list[Stage], args: list[str]) -> int:
    """Build a stage's demo program (its main.cpp) and run it, with any further arguments."""
    positional = [a for a in args if not a.startswith("--")]
    stage = stage_arg(stages, positional[:1])
    variant = "solution" if "--solution" in args else "starter"
    if not ((stage.starter_dir if variant == "starter" else stage.solution_dir) / "main.cpp").exists():
        raise Fail(f"stage {stage.nn} has no demo program (main.cpp).")
    build = ensure_configured()
    target = f"stage{stage.nn}_{variant}_demo"
    log = LOG_DIR / f"build-{stage.nn}-demo.log"
    configure_if_files_changed(build, [stage])
    if not build_target(build, target, log):
        for line in build_error_summary(log.read_text(errors="replace")).lines:
            say("  " + line)
        raise Fail(f"the demo of stage {stage.nn} does not compile (full output: {rel(log)})")
    return subprocess.run([str(build / target), *positional[1:]]).returncode


def cmd_list(stages: list[Stage], args: list[str]) -> int:
    state = load_state()
    say(S.bold(f"{'#':<3}{'id':<22}{'title':<40}{'part':<6}{'time':<8}status"))
    for stage in stages:
        _, text = status_of(stage, state)
        say(f"{stage.nn:<3}{stage.id:<22}{stage.title:<40}{stage.part:<6}{str(stage.minutes) + ' min':<8}{text}")
    return 0


def cmd_doctor(stages: list[Stage], args: list[str]) -> int:
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


def cmd_test(stages: list[Stage], args: list[str]) -> int:
    """The kit's own suite, in one build (the ci preset: warnings are errors, AddressSanitizer and
    UndefinedBehaviorSanitizer on): every solution, every starter, every integrity check."""
    unknown = [a for a in args if a != "--toolchains"]
    if unknown:
        raise Fail(f"./workshop test takes one option, --toolchains (got {' '.join(unknown)})", 2)
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
    if "--toolchains" in args:
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


COMMANDS = {
    "check": cmd_check,
    "watch": cmd_watch,
    "hint": cmd_hint,
    "diff": cmd_diff,
    "reset": cmd_reset,
    "run": cmd_run,
    "list": cmd_list,
    "doctor": cmd_doctor,
    "show-store": lambda stages, args: __import__("show_store").main(args),  # tools/show_store.py
    "test": cmd_test,
    "bench": cmd_delegate("bench/run.py", "benchmarks"),
    "slides": cmd_delegate("slides/build.py", "slides"),
}


def main(argv: list[str]) -> int:
    if argv and any(a in ("-h", "--help", "help") for a in argv[:2]):
        say(__doc__.strip())
        return 0
    try:
        stages = kitcore.load_stages()
        if not argv:
            return cmd_default(stages, [])
        command = COMMANDS.get(argv[0])
        if command is None:
            raise Fail(f"unknown command '{argv[0]}'. Commands: {', '.join(COMMANDS)} (./workshop help)", 2)
        return command(stages, argv[1:])
    except KitError as e:
        say(S.bad("workshop: ") + str(e))
        return 2
    except Fail as e:
        say(S.bad("workshop: ") + str(e))
        return e.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. ./workshop list | head
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
