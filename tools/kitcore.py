"""What the runner (workshop.py) and the maintainer tool (kit.py) share.

- the stage manifest (stages/manifest.json): stable id, folder, title, what each stage changes;
- stub regions: a solution marks the code a student writes between
      // >>> step 3: Dog::add_trick
      ...the reference code...
      // <<<
  and the starter is generated from it by replacing each region's body with a throw of
  es::NotImplemented naming the README step (one source of truth: the solution);
- running a doctest binary and reading its XML report.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(os.environ.get("KIT_ROOT") or Path(__file__).resolve().parent.parent)
SOURCE_SUFFIXES = (".cpp", ".hpp", ".h")
STUB_INCLUDE = '#include "es/not_implemented.hpp"'
STUB_MESSAGE = "not implemented yet"


class KitError(Exception):
    """A problem the user can fix; the message says what is wrong and what to do."""


# --------------------------------------------------------------------------------------------
# The manifest


def record(cls):
    """@dataclasses.dataclass, the little of it the kit uses. (Importing dataclasses, which pulls in
    inspect and ast, took ~15 ms of every ./workshop check.) Gives the class an __init__ taking its
    annotated fields in order, by position or keyword, class attributes as defaults; == and repr."""
    fields = list(cls.__dict__.get("__annotations__", {}))
    defaults = {name: cls.__dict__[name] for name in fields if name in cls.__dict__}

    def __init__(self, *args, **kwargs):
        values = {**defaults, **dict(zip(fields, args)), **kwargs}
        missing = [name for name in fields if name not in values]
        if missing or len(args) > len(fields) or set(kwargs) - set(fields):
            raise TypeError(f"{cls.__name__}({', '.join(fields)}): got {args} {kwargs}")
        for name in fields:
            setattr(self, name, values[name])

    def __eq__(self, other):
        return type(other) is cls and all(getattr(self, n) == getattr(other, n) for n in fields)

    def __repr__(self):
        return f"{cls.__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in fields)})"

    cls.__init__, cls.__eq__, cls.__repr__, cls.__hash__ = __init__, __eq__, __repr__, None
    return cls


@record
class Stage:
    id: str
    folder: str
    title: str
    part: str
    minutes: int
    changes: list[str]
    root: Path
    services: list[str]  # servers its tests need ("postgres"), from the manifest

    @property
    def number(self) -> int:
        return int(self.folder[:2])

    @property
    def nn(self) -> str:
        return self.folder[:2]

    @property
    def starter_dir(self) -> Path:
        return self.root / "stages" / self.folder

    @property
    def solution_dir(self) -> Path:
        return self.root / "solutions" / self.folder

    @property
    def tests_dir(self) -> Path:
        return self.root / "tests" / self.folder

    def target(self, variant: str) -> str:
        return f"stage{self.nn}_{variant}_tests"


def load_stages(root: Path = ROOT) -> list[Stage]:
    path = root / "stages" / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KitError(f"{path} is missing: the kit does not know its stages.") from None
    except json.JSONDecodeError as e:
        raise KitError(f"{path} is not valid JSON (line {e.lineno}): {e.msg}") from None
    stages = []
    for entry in data["stages"]:
        stages.append(
            Stage(
                id=entry["id"],
                folder=entry["folder"],
                title=entry["title"],
                part=entry.get("part", ""),
                minutes=int(entry.get("minutes", 0)),
                changes=list(entry.get("changes", [])),
                root=root,
                services=list(entry.get("services", [])),
            )
        )
    return sorted(stages, key=lambda s: s.number)


def find_stage(stages: list[Stage], text: str) -> Stage:
    """A stage by number ("3", "03") or stable id ("mutator"); a clear error otherwise."""
    for stage in stages:
        if text == stage.id or (text.isdigit() and int(text) == stage.number):
            return stage
    numbers = ", ".join(str(s.number) for s in stages)
    raise KitError(f"there is no stage '{text}'. Stages are numbered {numbers} "
                   f"(see ./workshop list).")


def previous_stage(stages: list[Stage], stage: Stage) -> Stage | None:
    earlier = [s for s in stages if s.number < stage.number]
    return earlier[-1] if earlier else None


# --------------------------------------------------------------------------------------------
# Stub regions

REGION_OPEN = re.compile(r"^(?P<indent>[ \t]*)// >>> step (?P<step>\d+): (?P<name>\S.*?)\s*$")
REGION_CLOSE = re.compile(r"^[ \t]*// <<<\s*$")


@record
class Region:
    file: str
    name: str
    step: int
    indent: str
    open_line: int  # 0-based index of the "// >>>" line
    close_line: int  # 0-based index of the "// <<<" line


def parse_regions(text: str, file: str) -> list[Region]:
    regions: list[Region] = []
    current: Region | None = None
    for i, line in enumerate(text.splitlines()):
        opened = REGION_OPEN.match(line)
        if opened:
            if current:
                raise KitError(f"{file}:{i + 1}: a stub region opens inside the region "
                               f"'{current.name}' (line {current.open_line + 1}); close it first")
            current = Region(file, opened["name"], int(opened["step"]), opened["indent"], i, -1)
        elif REGION_CLOSE.match(line):
            if not current:
                raise KitError(f"{file}:{i + 1}: '// <<<' closes no stub region")
            current.close_line = i
            regions.append(current)
            current = None
        elif "// >>>" in line:
            raise KitError(f"{file}:{i + 1}: malformed stub marker; write "
                           f"'// >>> step N: What::is_stubbed'")
    if current:
        raise KitError(f"{file}:{current.open_line + 1}: stub region '{current.name}' "
                       f"is never closed with '// <<<'")
    return regions


def _c_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _add_stub_include(lines: list[str], first_region_line: int) -> list[str]:
    """Put the includes a stub needs after the file's last #include above the first region."""
    if STUB_INCLUDE in lines:
        return lines
    anchor = -1
    for i, line in enumerate(lines[:first_region_line]):
        if line.startswith("#include") or line.startswith("#pragma once"):
            anchor = i
    return lines[: anchor + 1] + [STUB_INCLUDE] + lines[anchor + 1 :]


def _rewrite(text: str, file: str, body_for) -> str:
    regions = parse_regions(text, file)
    if not regions:
        return text
    lines = text.splitlines()
    out: list[str] = []
    cursor = 0
    for region in regions:
        out.extend(lines[cursor : region.open_line + 1])
        out.extend(body_for(region, lines[region.open_line + 1 : region.close_line]))
        cursor = region.close_line
    out.extend(lines[cursor:])
    # Everything above the first region is unchanged, so its line number still holds in `out`.
    out = _add_stub_include(out, regions[0].open_line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def stub_statement(region: Region) -> str:
    return f"throw es::NotImplemented({_c_string(region.name)}, {region.step});"


def starter_text(text: str, file: str) -> str:
    """The solution text with every stub region's body replaced by its stub."""
    return _rewrite(text, file, lambda r, body: [r.indent + stub_statement(r)])


def region_path(region: Region) -> str:
    """The region's file named within its stage folder: the path after solutions/NN-name/ (or
    stages/NN-name/), or the file as given when it is in neither."""
    parts = Path(region.file).parts
    for i, part in enumerate(parts[:-2]):
        if part in ("solutions", "stages"):
            return "/".join(parts[i + 2:])
    return Path(region.file).name


def region_key(region: Region) -> str:
    return f"{region_path(region)}:{region.name}"


@record
class Mutant:
    """A plausible wrong body of one stub region, kept beside the stage's tests
    (tests/NN-name/mutants/NAME.mutant):

        // mutant: appends the events one at a time, each in a transaction of its own
        // region: event_store.cpp:EventStore::append
        // repeat: 20            (optional: runs of the killing tests after the first; default 2)
        for (const DogEvent& event : events) records_.append({to_sequenced_item(event)});

    The header lines come first; every line after them is the body that replaces the region's."""

    name: str  # the file's stem
    path: Path
    description: str
    region: str  # the region key, as KIT_STUB names it: file:Region
    repeat: int
    body: list[str]
    body_line: int  # 1-based line of the body's first line in the mutant file

    @property
    def key(self) -> str:
        """What KIT_MUTANT names to switch this mutant on."""
        return f"{self.region}:{self.name}"


MUTANT_SUFFIX = ".mutant"
MUTANT_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
MUTANT_HEADER = re.compile(r"^// (?P<field>mutant|region|repeat):\s*(?P<value>.*?)\s*$")
DEFAULT_REPEAT = 2


def parse_mutant(path: Path, shown: str | None = None) -> Mutant:
    shown = shown or str(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    fields: dict[str, str] = {}
    i = 0
    while i < len(lines) and (header := MUTANT_HEADER.match(lines[i])):
        if header["field"] in fields:
            raise KitError(f"{shown}:{i + 1}: '// {header['field']}:' is given twice")
        fields[header["field"]] = header["value"]
        i += 1
    if not MUTANT_NAME.fullmatch(path.stem):
        raise KitError(f"{shown}: a mutant's file name is lower-case words and dashes, like off-by-one.mutant")
    for field in ("mutant", "region"):
        if not fields.get(field):
            raise KitError(f"{shown}: the mutant has no '// {field}:' line at its top (see README.md, "
                           f"'Mutants')")
    repeat = fields.get("repeat", str(DEFAULT_REPEAT))
    if not repeat.isdigit():
        raise KitError(f"{shown}: '// repeat:' takes a number of runs, not '{repeat}'")
    body = lines[i:]
    if not any(line.strip() for line in body):
        raise KitError(f"{shown}: the mutant has no body below its header lines")
    return Mutant(path.stem, path, fields["mutant"], fields["region"], int(repeat), body, i + 1)


def stage_mutants(stage: Stage) -> list[Mutant]:
    """The stage's mutants, each checked to name one of its stub regions."""
    folder = stage.tests_dir / "mutants"
    if not folder.is_dir():
        return []
    keys = {region_key(r) for r in stage_regions(stage)}
    mutants = []
    for path in sorted(folder.glob("*" + MUTANT_SUFFIX)):
        mutant = parse_mutant(path, str(path.relative_to(stage.root)))
        if mutant.region not in keys:
            raise KitError(f"{path.relative_to(stage.root)}: '// region: {mutant.region}' is no stub region of "
                           f"stage {stage.nn}; its regions are: {', '.join(sorted(keys))}")
        mutants.append(mutant)
    return mutants


def instrumented_text(text: str, file: str, source_path: str | None = None,
                      mutants: list[Mutant] | None = None) -> str:
    """The solution text in which each region can be switched back to its stub at run time
    (KIT_STUB names the region), or to one of its mutants (KIT_MUTANT names the region and the
    mutant). #line directives keep compiler messages and test reports pointing at the solution
    file itself, and at the mutant's own file for a mutant's body."""
    regions = parse_regions(text, file)
    path = _c_string(source_path or file)
    out = []
    if regions:
        out += [STUB_INCLUDE, "namespace es::kit { bool stub_active(const char* region); "
                "bool mutant_active(const char* mutant); }"]
    out.append(f"#line 1 {path}")
    opens = {region.open_line: region for region in regions}
    mutants_of = {r.open_line: [m for m in mutants or [] if m.region == region_key(r)] for r in regions}
    closes = {r.close_line: r for r in regions if mutants_of[r.open_line]}
    for i, line in enumerate(text.splitlines()):
        region = closes.get(i)
        if region:  # the end of the original body, in the else branch of the mutants
            out += [region.indent + "}", f"#line {i + 1} {path}"]
        out.append(line)
        region = opens.get(i)
        if region:
            guard = f"if (::es::kit::stub_active({_c_string(region_key(region))})) " + stub_statement(region)
            out.append(region.indent + guard)
            for n, mutant in enumerate(mutants_of[i]):
                test = f"if (::es::kit::mutant_active({_c_string(mutant.key)})) {{"
                out += [region.indent + ("} else " if n else "") + test,
                        f"#line {mutant.body_line} {_c_string(str(mutant.path))}", *mutant.body]
            if mutants_of[i]:
                out.append(region.indent + "} else {")
            out.append(f"#line {i + 2} {path}")
    return "\n".join(out) + "\n"


def without_markers(data: bytes) -> bytes:
    """A solution file as the next stage carries it: its code kept, its stub markers dropped
    (what stage N asked for is given to the student in stage N+1)."""
    lines = data.decode("utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not (REGION_OPEN.match(line.rstrip("\n")) or
                                           REGION_CLOSE.match(line.rstrip("\n")))]
    return "".join(kept).encode("utf-8")


def carried_form(path: Path) -> bytes:
    data = path.read_bytes()
    return without_markers(data) if path.suffix in SOURCE_SUFFIXES else data


def source_files(folder: Path) -> list[Path]:
    """Every file of a stage folder, its subfolders' too (from stage 09 on the library sits in es/
    and the domain in dogschool/); hidden files and folders (an editor's, a tool's) left out."""
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def stage_path(folder: Path, path: Path) -> str:
    """A file's name within its stage folder: its path below it, with / ("es/recorder.hpp")."""
    return path.relative_to(folder).as_posix()


def stage_regions(stage: Stage) -> list[Region]:
    regions = []
    for path in source_files(stage.solution_dir):
        if path.suffix in SOURCE_SUFFIXES:
            regions.extend(parse_regions(path.read_text(encoding="utf-8"), str(path.relative_to(stage.root))))
    return regions


def generated_starter(stage: Stage) -> dict[str, bytes]:
    """File name within the stage (stage_path) -> content of the pristine starter of a stage, made from its solution."""
    files = {}
    for path in source_files(stage.solution_dir):
        data = path.read_bytes()
        if path.suffix in SOURCE_SUFFIXES:
            rel = str(path.relative_to(stage.root))
            data = starter_text(data.decode("utf-8"), rel).encode("utf-8")
        files[stage_path(stage.solution_dir, path)] = data
    return files


def starter_is_pristine(stage: Stage) -> bool:
    if not stage.starter_dir.is_dir():
        return False
    current = {stage_path(stage.starter_dir, p): p.read_bytes() for p in source_files(stage.starter_dir)}
    return current == generated_starter(stage)


def locate_region(stage: Stage, name: str) -> tuple[Path, int] | None:
    """Where a stub region sits in the student's copy of the stage (file, 1-based line)."""
    for path in source_files(stage.starter_dir) if stage.starter_dir.is_dir() else []:
        if path.suffix not in SOURCE_SUFFIXES:
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines()):
            match = REGION_OPEN.match(line)
            if match and match["name"] == name:
                return path, i + 2
    return None


# --------------------------------------------------------------------------------------------
# The README step of each test case: tests/NN-name/steps.txt, one line "step N: <test case name>"
# per test case, in the order the runner shows failures (by step, the narrowest test first).
# tools/kit.py steps N proposes it; kit/stubs-needed-NN checks it against what each test needs.

STEPS_FILE = "steps.txt"
STEP_LINE = re.compile(r"^step (\d+): (.+)$")


def step_table(stage: Stage) -> list[tuple[int, str]]:
    path = stage.tests_dir / STEPS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    table = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = STEP_LINE.match(line)
        if not match:
            raise KitError(f"{path}:{number}: expected 'step N: <test case name>', got: {line}")
        table.append((int(match[1]), match[2]))
    return table


def step_order(stage: Stage) -> dict[str, tuple[int, int]]:
    """Test case name -> (its README step, its place in the table)."""
    return {name: (step, place) for place, (step, name) in enumerate(step_table(stage))}


@record
class Hint:
    step: int | None  # the README step it helps with ("Step 3, hint 1: ..."), None in an old README
    title: str
    body: str


HINT_BLOCK = re.compile(r"<details>\s*<summary>(.*?)</summary>(.*?)</details>", re.S)
STEP_HINT = re.compile(r"^Step (\d+), hint \d+:\s*(.*)$")


def readme_hints(readme: str) -> list[Hint]:
    """The <details> blocks of a README's "## Hints" section, in order."""
    section = re.split(r"^## Hints\s*$", readme, flags=re.M)
    if len(section) < 2:
        return []
    body = re.split(r"^## ", section[1], flags=re.M)[0]
    hints = []
    for summary, content in HINT_BLOCK.findall(body):
        match = STEP_HINT.match(summary.strip())
        hints.append(Hint(int(match[1]), match[2], content.strip()) if match else Hint(None, summary.strip(), content.strip()))
    return hints


def readme_step_title(stage: Stage, step: int) -> str:
    """'### Step 3: TrickAdded and Renamed change it' -> 'TrickAdded and Renamed change it'"""
    try:
        text = (stage.starter_dir / "README.md").read_text(encoding="utf-8")
    except OSError:
        return ""
    match = re.search(rf"^### Step {step}\b:?\s*(.*)$", text, re.M)
    return match[1].strip() if match else ""


# --------------------------------------------------------------------------------------------
# Running doctest binaries


@record
class Failure:
    file: str
    line: int
    kind: str  # CHECK, REQUIRE, ..., "exception" (thrown out of the test) or "crash" (a signal)
    original: str = ""
    expanded: str = ""
    exception: str = ""
    expected_exception: str = ""  # CHECK_THROWS_AS: the type it should have thrown
    expected_message: str = ""  # CHECK_THROWS_WITH: what its message should say

    @property
    def is_stub(self) -> bool:
        return STUB_MESSAGE in self.exception

    @property
    def stub_step(self) -> int | None:
        match = re.search(r"see README step (\d+)", self.exception)
        return int(match[1]) if match else None

    @property
    def is_placeholder(self) -> bool:
        # doctest's stand-in for an exception thrown inside a SUBCASE; the real one follows
        return "will translate later" in self.exception


@record
class CaseResult:
    name: str
    file: str
    line: int
    passed: bool
    failures: list[Failure]

    @property
    def failed_on_stub(self) -> bool:
        return not self.passed and any(f.is_stub for f in self.failures)

    @property
    def first_failure(self) -> Failure | None:
        real = [f for f in self.failures if not f.is_placeholder]
        return (real or self.failures or [None])[0]

    @property
    def stub_step(self) -> int | None:
        steps = [f.stub_step for f in self.failures if f.stub_step is not None]
        return min(steps) if steps else None


@record
class TestRun:
    cases: list[CaseResult]
    returncode: int
    crashed: bool
    output: str
    timed_out: bool = False
    unfinished: CaseResult | None = None  # the test case in which the binary crashed, exited or hung

    @property
    def exited_early(self) -> bool:
        """The binary ended on its own (no signal, no time limit) before doctest finished its report:
        something called std::exit (or exit, quick_exit) in the middle of a test."""
        return self.crashed and self.returncode >= 0 and not self.timed_out

    @property
    def passed(self) -> list[CaseResult]:
        return [c for c in self.cases if c.passed]

    @property
    def failed(self) -> list[CaseResult]:
        return [c for c in self.cases if not c.passed]

    @property
    def all_passed(self) -> bool:
        return not self.crashed and self.returncode == 0 and not self.failed

    def case_to_show(self, steps: dict[str, tuple[int, int]] | None = None) -> CaseResult | None:
        """The failing test a student should look at first: of the earliest README step that has a
        failing test, the narrowest (the order of tests/NN/steps.txt: `steps` maps a test case's
        name to its step and its place there). A test the table does not know comes after those it
        knows, by the step of the stub it hit; min keeps the first of equals."""
        steps = steps or {}

        def order(c: CaseResult) -> tuple[int, int, int]:
            return (0, *steps[c.name]) if c.name in steps else (1, c.stub_step or 1000, 0)

        return min(self.failed, key=order) if self.failed else None


def _text(element: ET.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


MESSAGE_FAILURES = {"ERROR": "FAIL_CHECK", "FATAL ERROR": "FAIL", "FAIL_CHECK": "FAIL_CHECK", "FAIL": "FAIL"}


def _failures(case: ET.Element) -> list[Failure]:
    found = []
    for element in case.iter():
        if element.tag == "Expression" and element.get("success") == "false":
            exception = _text(element.find("Exception")).strip('"')
            found.append(Failure(element.get("filename", ""), int(element.get("line", 0)),
                                 element.get("type", ""), _text(element.find("Original")),
                                 _text(element.find("Expanded")), exception,
                                 _text(element.find("ExpectedException")),
                                 _text(element.find("ExpectedExceptionString"))))
        elif element.tag == "Exception" and element.get("crash") is not None:
            kind = "crash" if element.get("crash") == "true" else "exception"  # a signal, or a throw
            found.append(Failure(case.get("filename", ""), int(case.get("line", 0)), kind, exception=_text(element)))
        elif element.tag == "Message" and element.get("type") in MESSAGE_FAILURES:
            # FAIL_CHECK(message) or FAIL(message): doctest writes them as an ERROR or a FATAL ERROR
            found.append(Failure(element.get("filename", ""), int(element.get("line", 0)),
                                 MESSAGE_FAILURES[element.get("type", "")], _text(element.find("Text"))))
    return found


OUTPUT_CAP = 32 * 1024 * 1024  # a crashing test binary can print without end: stop it there


TIMED_OUT = -1000  # the exit code run_captured gives a run it stopped at its time limit

# The application's settings (es::Environment) that a student may have exported for a demo: the
# tests must not see them (a test would use, or write into, the student's own file). A test that
# needs one sets it itself. POSTGRES_HOST, _PORT, _USER, _PASSWORD stay: stage 12's tests use them
# to reach a server of the student's own, in databases the tests create and drop.
STUDENT_SETTINGS = ("PERSISTENCE_MODULE", "SQLITE_DBNAME", "POSTGRES_DBNAME")


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in STUDENT_SETTINGS}


def run_captured(command: list[str], cwd: Path, env: dict | None = None, timeout: float = 300) -> tuple[int, str]:
    """Run a test binary with its output in a file, stopping it after `timeout` seconds or once it
    has written OUTPUT_CAP bytes. Returns (exit code, output): -9 when it wrote without end,
    TIMED_OUT when it ran out of time."""
    cwd.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                env={**clean_environment(), **(env or {})})
        finished = threading.Event()
        late = []

        # A watchdog looks every 50 ms; this thread waits for the exit itself, so that a check
        # learns the result the moment the binary ends (the feedback loop counts milliseconds).
        def watchdog() -> None:
            deadline = time.monotonic() + timeout
            while not finished.wait(0.05):
                if time.monotonic() > deadline:
                    late.append(True)
                if late or os.fstat(out.fileno()).st_size > OUTPUT_CAP:
                    proc.kill()
                    return

        guard = threading.Thread(target=watchdog, daemon=True)
        guard.start()
        code = proc.wait()
        finished.set()
        guard.join()
        if late:
            code = TIMED_OUT
        out.seek(0)
        return code, out.read(OUTPUT_CAP).decode("utf-8", errors="replace")


def run_doctest(binary: Path, cwd: Path, extra: list[str] | None = None, env: dict | None = None,
                timeout: float = 300) -> TestRun:
    code, output = run_captured([str(binary), "--reporters=xml", "--no-version", *(extra or [])], cwd, env,
                                timeout)
    return read_run(code, output)


def read_run(code: int, output: str) -> TestRun:
    """A test binary's exit code and XML report, as a TestRun (however far the report got)."""
    cases = []
    crashed = code < 0
    finished, unfinished = _read_report(output)
    if unfinished is not None or not output.rstrip().endswith("</doctest>"):
        crashed = True
    crashed_in = None  # doctest catches a signal itself: it reports the case, then the binary dies
    for case in finished:
        results = case.find("OverallResultsAsserts")
        passed = results is not None and results.get("test_case_success") == "true"
        exception = case.find("Exception")
        if exception is not None and exception.get("crash") == "true":
            crashed = True
            crashed_in = crashed_in or case
        cases.append(_case(case, passed))
    stopped_in = unfinished if unfinished is not None else crashed_in
    return TestRun(cases, code, crashed, output, timed_out=code == TIMED_OUT,
                   unfinished=_case(stopped_in, False) if stopped_in is not None else None)


def _case(case: ET.Element, passed: bool) -> CaseResult:
    return CaseResult(case.get("name", ""), case.get("filename", ""), int(case.get("line", 0)), passed,
                      _failures(case))


def _read_report(output: str) -> tuple[list[ET.Element], ET.Element | None]:
    """doctest's XML report, read as far as it goes: the test cases it finished, and the one it
    was in when the binary stopped (a crash, an exit, a hang), with the checks it had reported."""
    parser = ET.XMLPullParser(events=("start", "end"))
    finished, open_cases = [], []
    start = output.find("<?xml")
    parser.feed(output[start:] if start >= 0 else output)  # a parse error is queued, not raised here
    with contextlib.suppress(ET.ParseError):  # what parsed before a report cut short stands
        for event, element in parser.read_events():
            if element.tag == "TestCase" and event == "start":
                open_cases.append(element)
            elif element.tag == "TestCase":
                finished.append(open_cases.pop())
    return finished, (open_cases[-1] if open_cases else None)


def crash_report(binary: Path, cwd: Path, env: dict | None = None) -> str:
    """Run again with doctest's console reporter: it names the test case that crashed."""
    return run_captured([str(binary), "--no-version"], cwd, env, timeout=120)[1][-20000:].strip()
