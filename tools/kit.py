#!/usr/bin/env python3
"""The maintainer's tool: keeps starters, solutions and the manifest consistent.

  tools/kit.py generate [N ...]      write stages/NN from solutions/NN (all stages by default)
  tools/kit.py carry N               copy the files stage N+1 carries over unchanged from
                                     solutions/N into solutions/N+1 (stub markers dropped:
                                     stage N's answers are given in N+1), regenerate its starter
  tools/kit.py check                 every static check below, at once
  tools/kit.py check-manifest        manifest, folders, READMEs and README steps agree
  tools/kit.py check-generated       committed starters equal the generated ones
  tools/kit.py check-carry           carried-over files are identical unless the manifest says so
  tools/kit.py check-format          clang-format finds nothing to change
  tools/kit.py check-layers          the library (a stage's es/ folder) includes nothing of its domain
  tools/kit.py regions [N]           list the stub regions of a stage
  tools/kit.py steps N [BINARY]      write tests/NN/steps.txt: each test case's README step (the
                                     last step it needs), from runs of the solution's tests
  tools/kit.py mutants [N]           list the mutants of a stage (tests/NN-name/mutants/)
  tools/kit.py mutant N NAME         build stage N's solution tests (build/ci) and run them with the
                                     mutant NAME switched on: what the runner would show a student

Run by ctest (see tools/cmake/KitChecks.cmake):
  tools/kit.py expect-stubs N BINARY every test case of stage N fails on its stub, none crashes
  tools/kit.py coverage N BINARY     each stub region alone makes at least one test case fail, and
                                     tests/NN/steps.txt gives each test case the last step it needs
  tools/kit.py mutants-killed N BINARY  every mutant of stage N makes a test case fail, every run
  tools/kit.py compile-error FILE     a mistake of tests/NN/must_not_compile/ is refused, with the
                                     message its header names
  tools/kit.py instrument FOLDER OUT the copy of a solution the solution tests are built from: each
                                     stub region can be switched back to its stub (KIT_STUB) or to
                                     one of its mutants (KIT_MUTANT)
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kitcore  # noqa: E402
import throwaway_postgres  # noqa: E402
from kitcore import KitError, Stage  # noqa: E402

ROOT = kitcore.ROOT
SERVICES = {"postgres": throwaway_postgres.server}  # what a stage's manifest entry may name


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def selected(args: list[str]) -> list[Stage]:
    stages = kitcore.load_stages()
    return [kitcore.find_stage(stages, a) for a in args] if args else stages


# --------------------------------------------------------------------------------------------
# Writing


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def generate(stage: Stage) -> list[str]:
    """Make stages/NN exactly the generated starter; returns what changed."""
    files = kitcore.generated_starter(stage)
    changed = [rel(stage.starter_dir / name) for name, data in files.items()
               if write_if_changed(stage.starter_dir / name, data)]
    for path in kitcore.source_files(stage.starter_dir):
        if kitcore.stage_path(stage.starter_dir, path) not in files:
            path.unlink()
            changed.append(rel(path) + " (removed)")
    return changed


def cmd_generate(args: list[str]) -> int:
    for stage in selected(args):
        changed = generate(stage)
        print(f"stage {stage.nn}: " + (", ".join(changed) if changed else "up to date"))
    return 0


def cmd_carry(args: list[str]) -> int:
    if len(args) != 1:
        raise KitError("usage: tools/kit.py carry N   (copies solutions/N's unchanged files into N+1)")
    stages = kitcore.load_stages()
    source = kitcore.find_stage(stages, args[0])
    later = [s for s in stages if s.number > source.number]
    if not later:
        raise KitError(f"stage {source.nn} is the last stage: there is nothing to carry into.")
    target = later[0]
    copied = []
    for path in kitcore.source_files(source.solution_dir):
        name = kitcore.stage_path(source.solution_dir, path)
        dest = target.solution_dir / name
        if name == "README.md" or name in target.changes or not dest.exists():
            continue
        if write_if_changed(dest, kitcore.carried_form(path)):
            copied.append(rel(dest))
    generate(target)
    print("copied: " + (", ".join(copied) if copied else "nothing (already identical)"))
    print(f"regenerated stages/{target.folder}. Next: tools/kit.py check, then build and test.")
    return 0


def cmd_instrument(args: list[str]) -> int:
    folder, out_dir = args[0], Path(args[1])
    stage = next((s for s in kitcore.load_stages() if s.folder == folder), None)
    mutants = kitcore.stage_mutants(stage) if stage else []
    source = ROOT / "solutions" / folder
    for path in kitcore.source_files(source):
        if path.suffix in kitcore.SOURCE_SUFFIXES:
            text = kitcore.instrumented_text(path.read_text(encoding="utf-8"), rel(path), str(path), mutants)
            write_if_changed(out_dir / kitcore.stage_path(source, path), text.encode("utf-8"))
    return 0


def cmd_regions(args: list[str]) -> int:
    for stage in selected(args):
        for region in kitcore.stage_regions(stage):
            print(f"{stage.nn}  step {region.step}  {region.file}:{region.open_line + 1}  {region.name}")
    return 0


def cmd_mutants_list(args: list[str]) -> int:
    for stage in selected(args):
        for mutant in kitcore.stage_mutants(stage):
            print(f"{stage.nn}  {mutant.name:<32} {mutant.region:<44} {mutant.description}")
    return 0


# --------------------------------------------------------------------------------------------
# Static checks: each returns a list of problems, each problem says what to do.

README_SECTIONS = ("## Goal", "## Why", "## Steps", "## Hints")


def check_manifest() -> list[str]:
    problems = []
    stages = kitcore.load_stages()
    ids = [s.id for s in stages]
    numbers = [s.number for s in stages]
    for dup in {i for i in ids if ids.count(i) > 1}:
        problems.append(f"manifest: the id '{dup}' is used twice; ids must be unique")
    for dup in {n for n in numbers if numbers.count(n) > 1}:
        problems.append(f"manifest: two stages have number {dup:02d}")
    listed = {s.folder for s in stages}
    for folder in sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()):
        if folder not in listed:
            problems.append(f"solutions/{folder} is not in stages/manifest.json; add an entry for it")
    for stage in stages:
        if not re.fullmatch(r"[0-9]{2}-[a-z0-9-]+", stage.folder):
            problems.append(f"manifest: folder '{stage.folder}' should look like 'NN-short-name'")
        for service in set(stage.services) - set(SERVICES):
            problems.append(f"manifest: stage {stage.nn} needs the service '{service}', which tools/kit.py "
                            f"cannot start; known: {', '.join(SERVICES)}")
        if not stage.solution_dir.is_dir():
            problems.append(f"manifest: solutions/{stage.folder} does not exist")
            continue
        if not stage.tests_dir.is_dir() or not list(stage.tests_dir.glob("*.cpp")):
            problems.append(f"tests/{stage.folder} has no *.cpp test file")
        readme = stage.solution_dir / "README.md"
        if not readme.exists():
            problems.append(f"solutions/{stage.folder}/README.md is missing")
            continue
        text = readme.read_text(encoding="utf-8")
        for section in README_SECTIONS:
            if not re.search(rf"^{re.escape(section)}\b", text, re.M):
                problems.append(f"{rel(readme)} has no '{section}' section")
        regions = kitcore.stage_regions(stage)
        if not regions:
            problems.append(f"solutions/{stage.folder} has no stub region: a stage must ask for something")
        for region in regions:
            if not re.search(rf"^### Step {region.step}\b", text, re.M):
                problems.append(f"{region.file}:{region.open_line + 1}: the stub '{region.name}' points "
                                f"to README step {region.step}, but {rel(readme)} has no '### Step {region.step}'")
        keys = [kitcore.region_key(r) for r in regions]
        for dup in {k for k in keys if keys.count(k) > 1}:
            problems.append(f"solutions/{stage.folder}: two stub regions are named '{dup}'; name each once")
        try:
            kitcore.stage_mutants(stage)  # each mutant well formed, and naming a region of the stage
        except KitError as e:
            problems.append(str(e))
        problems += check_step_table(stage, text)
        problems += check_hints(stage, text)
    return problems


def check_hints(stage: Stage, readme: str) -> list[str]:
    """Every README step has at least two hints ("Step N, hint K: ..."), so that ./workshop hint
    has something for the step a student is stuck on, from the idea to a sketch."""
    where = f"solutions/{stage.folder}/README.md"
    hints = kitcore.readme_hints(readme)
    problems = [f"{where}: the hint '{h.title}' names no step; write its summary as 'Step N, hint K: ...'"
                for h in hints if h.step is None]
    steps = [int(n) for n in re.findall(r"^### Step (\d+)\b", readme, re.M)]
    for step in steps:
        count = sum(1 for h in hints if h.step == step)
        if count < 2:
            problems.append(f"{where}: step {step} has {count} hint(s); give it at least two (the idea, then a sketch)")
    problems += [f"{where}: a hint is for step {h.step}, which the README does not have"
                 for h in hints if h.step is not None and h.step not in steps]
    return problems


TEST_CASE_NAME = re.compile(r'^\s*TEST_CASE\("((?:[^"\\]|\\.)*)"', re.M)


def check_step_table(stage: Stage, readme: str) -> list[str]:
    """Every test case has a README step in tests/NN/steps.txt, and every step there is in the README.
    (Whether it is the right step, the last one the test needs, kit/stubs-needed-NN checks.)"""
    where = f"tests/{stage.folder}/{kitcore.STEPS_FILE}"
    try:
        table = kitcore.step_table(stage)
    except KitError as e:
        return [str(e)]
    if not table:
        return [f"{where} is missing: every test case needs its README step (python3 tools/kit.py steps {stage.number})"]
    listed = {name for _, name in table}
    problems = []
    for source in sorted(stage.tests_dir.glob("*.cpp")):
        for match in TEST_CASE_NAME.finditer(source.read_text(encoding="utf-8")):
            name = match[1].encode().decode("unicode_escape") if "\\" in match[1] else match[1]
            if name not in listed:
                line = source.read_text(encoding="utf-8")[: match.start()].count("\n") + 1
                problems.append(f"{rel(source)}:{line}: the test case '{name}' has no line in {where} "
                                f"(python3 tools/kit.py steps {stage.number})")
    for step in sorted({step for step, _ in table}):
        if not re.search(rf"^### Step {step}\b", readme, re.M):
            problems.append(f"{where} names step {step}, but solutions/{stage.folder}/README.md has no '### Step {step}'")
    return problems


def check_generated() -> list[str]:
    problems = []
    for stage in kitcore.load_stages():
        if not stage.solution_dir.is_dir():
            continue
        expected = kitcore.generated_starter(stage)
        actual = ({kitcore.stage_path(stage.starter_dir, p): p.read_bytes()
                   for p in kitcore.source_files(stage.starter_dir)}
                  if stage.starter_dir.is_dir() else {})
        names = sorted(set(expected) | set(actual))
        wrong = [n for n in names if expected.get(n) != actual.get(n)]
        for name in wrong:
            what = ("is missing" if name not in actual else
                    "should not be there" if name not in expected else "differs from the generated starter")
            problems.append(f"stages/{stage.folder}/{name} {what}. Starters are generated from solutions/: "
                            f"edit the solution, then run tools/kit.py generate {stage.number} "
                            f"(if this is your own work as a student, test the kit in a fresh clone)")
    return problems


def check_carry() -> list[str]:
    problems = []
    stages = kitcore.load_stages()
    for stage in stages:
        before = kitcore.previous_stage(stages, stage)
        if before is None or not stage.solution_dir.is_dir() or not before.solution_dir.is_dir():
            continue
        for name in stage.changes:
            old, new = before.solution_dir / name, stage.solution_dir / name
            if not old.exists() or not new.exists():
                problems.append(f"manifest: stage {stage.nn} lists '{name}' under changes, but it is not in "
                                f"both solutions/{before.folder} and solutions/{stage.folder}; remove the entry")
            elif kitcore.carried_form(old) == new.read_bytes():
                problems.append(f"manifest: stage {stage.nn} lists '{name}' under changes, but it is identical "
                                f"to solutions/{before.folder}/{name}; remove the entry")
        for path in kitcore.source_files(stage.solution_dir):
            name = kitcore.stage_path(stage.solution_dir, path)
            old = before.solution_dir / name
            if name == "README.md" or name in stage.changes or not old.exists():
                continue
            if kitcore.carried_form(old) != path.read_bytes():
                problems.append(
                    f"solutions/{stage.folder}/{name} differs from solutions/{before.folder}/{name} "
                    f"(compared without stub markers), "
                    f"and stage {stage.nn}'s manifest entry does not list it under changes. If stage "
                    f"{stage.nn} is meant to change it, add it there; if solution {before.nn} changed, "
                    f"carry it forward: tools/kit.py carry {before.number}")
    return problems


def format_targets() -> list[Path]:
    files = []
    for top in ("solutions", "support", "tests", "tools", "bench"):
        for suffix in ("*.cpp", "*.hpp"):
            files.extend((ROOT / top).rglob(suffix))
    # Fixtures (the runner's fixture stages, the sources of captured compiler logs and doctest reports)
    # stay as they are: their line numbers are in what was captured.
    return sorted(p for p in files if not {"fixtures", "compiler_logs", "doctest_reports"} & set(p.parts))


def check_format() -> list[str]:
    tool = shutil.which("clang-format")
    if not tool:
        return ["clang-format is not installed, so formatting cannot be checked: "
                "sudo apt-get install clang-format (see ./workshop doctor)"]
    # One clang-format for all files (one process per file took half a minute); it names each file
    # it would change in its diagnostics.
    files = format_targets()
    proc = subprocess.run([tool, "--dry-run", "--Werror", *map(str, files)], capture_output=True, text=True)
    if proc.returncode == 0:
        return []
    named = {p for p in files if str(p) in proc.stderr}
    return [f"{rel(p)} is not formatted: clang-format -i {rel(p)}" for p in sorted(named)] or [
        "clang-format failed: " + proc.stderr.strip()[:500]]


LIBRARY_FOLDER = "es"  # from stage 09 on: the reusable library; every other subfolder is a domain
INCLUDE = re.compile(r'^\s*#\s*include\s*"(?P<path>[^"]+)"', re.M)


def check_layers() -> list[str]:
    """The library a student takes home names no domain: nothing in a stage's es/ includes a file
    of another of its subfolders (dogschool/)."""
    problems = []
    for stage in kitcore.load_stages():
        library = stage.solution_dir / LIBRARY_FOLDER
        if not library.is_dir():
            continue
        domains = {p.name for p in stage.solution_dir.iterdir() if p.is_dir() and p.name != LIBRARY_FOLDER}
        for path in kitcore.source_files(library):
            for match in INCLUDE.finditer(path.read_text(encoding="utf-8")):
                if match["path"].split("/")[0] in domains:
                    problems.append(f"{rel(path)} includes \"{match['path']}\": the library (es/) must not "
                                    f"depend on the domain; move what it needs into es/, or the code into the domain")
    return problems


STATIC_CHECKS = {
    "check-manifest": check_manifest,
    "check-generated": check_generated,
    "check-carry": check_carry,
    "check-format": check_format,
    "check-layers": check_layers,
}


def report(name: str, problems: list[str]) -> int:
    if problems:
        print(f"{name}: {len(problems)} problem(s)")
        for p in problems:
            print("  - " + p)
        return 1
    print(f"{name}: ok")
    return 0


# --------------------------------------------------------------------------------------------
# Checks that run test binaries


def work_dir(stage: Stage, what: str) -> Path:
    path = Path.cwd() / f"kit-{what}-{stage.nn}"
    shutil.rmtree(path, ignore_errors=True)
    return path


def cmd_expect_stubs(args: list[str]) -> int:
    stage = kitcore.find_stage(kitcore.load_stages(), args[0])
    binary = Path(args[1]).resolve()
    run = kitcore.run_doctest(binary, work_dir(stage, "stubs"))
    problems = []
    if run.crashed:
        problems.append(f"the starter's tests crashed instead of failing cleanly:\n"
                        f"{kitcore.crash_report(binary, work_dir(stage, 'stubs'))[-2000:]}")
    if not run.cases:
        problems.append("no test case ran")
    for case in run.cases:
        if case.passed:
            problems.append(f"'{case.name}' ({case.file}:{case.line}) passes against the pristine starter: "
                            f"it tests nothing the student writes")
        elif not case.failed_on_stub:
            first = case.failures[0] if case.failures else None
            detail = f"{first.kind} {first.original} {first.exception}".strip() if first else "no detail"
            problems.append(f"'{case.name}' ({case.file}:{case.line}) fails without the stub's "
                            f"'{kitcore.STUB_MESSAGE}' message: {detail}")
    return report(f"stage {stage.nn}: every test fails on the starter's stubs ({len(run.cases)} test cases)",
                  problems)


def cmd_coverage(args: list[str]) -> int:
    stage = kitcore.find_stage(kitcore.load_stages(), args[0])
    binary = Path(args[1]).resolve()
    # One server for every run below, rather than one started by each run (manifest "services").
    return with_services(stage, lambda servers: coverage(stage, binary, servers))


def coverage(stage: Stage, binary: Path, servers: dict[str, str]) -> int:
    baseline, needs, problems = needs_of_tests(stage, binary, servers)
    problems += check_steps(stage, baseline.cases, needs)
    return report(f"stage {stage.nn}: each of {len(kitcore.stage_regions(stage))} stub regions is needed by a test, "
                  f"and each test's README step is the last step it needs", problems)


def needs_of_tests(stage: Stage, binary: Path, servers: dict[str, str]):
    """Runs the solution's tests once with no stub and once per stub region switched on alone.
    Returns the plain run, the regions each test case needs as (README step, region) (stubbing
    the region alone makes the test fail), and the problems found on the way."""
    problems = []
    baseline = kitcore.run_doctest(binary, work_dir(stage, "coverage"), env=servers)
    if not baseline.all_passed:
        problems.append("the instrumented solution fails with no stub switched on; fix the solution first")
    needs: dict[str, set[tuple[int, str]]] = {case.name: set() for case in baseline.cases}
    for region in kitcore.stage_regions(stage):
        key = kitcore.region_key(region)
        run = kitcore.run_doctest(binary, work_dir(stage, "coverage"), env={**servers, "KIT_STUB": key})
        if run.crashed:
            problems.append(f"with only '{key}' stubbed, the tests crash instead of failing cleanly")
        elif not any(c.failed_on_stub for c in run.cases):
            problems.append(f"{region.file}:{region.open_line + 1}: stubbing only '{region.name}' makes no test "
                            f"fail; a student could skip it. Add a test that needs it (tests/{stage.folder}/)")
        for case in run.cases:
            if case.failed_on_stub:
                needs.setdefault(case.name, set()).add((region.step, key))
    return baseline, needs, problems


def check_steps(stage: Stage, cases: list, needs: dict[str, set[tuple[int, str]]]) -> list[str]:
    """tests/NN/steps.txt names every test case once, each with the last README step it needs (so
    that the runner, showing the earliest step's failure, never shows a test a student cannot pass yet)."""
    table = kitcore.step_table(stage)
    where = f"tests/{stage.folder}/{kitcore.STEPS_FILE}"
    fix = f"python3 tools/kit.py steps {stage.number} rewrites it"
    if not table:
        return [f"{where} is missing or empty; {fix}"]
    problems = []
    declared: dict[str, int] = {}
    for step, name in table:
        if name in declared:
            problems.append(f"{where} names '{name}' twice")
        declared[name] = step
    for case in cases:
        steps = {step for step, _ in needs.get(case.name) or ()}
        if case.name not in declared:
            problems.append(f"{where} has no line for '{case.name}' ({case.file}:{case.line}); {fix}")
        elif steps and declared[case.name] != max(steps):
            problems.append(f"{where} says '{case.name}' checks step {declared[case.name]}, but the last step it "
                            f"needs is {max(steps)} (it needs {', '.join(map(str, sorted(steps)))}); {fix}")
    names = {case.name for case in cases}
    problems += [f"{where} names '{name}', which is no test case of stage {stage.nn}; {fix}"
                 for name in declared if name not in names]
    return problems


def proposed_steps(stage: Stage, cases: list, needs: dict[str, set[tuple[int, str]]]) -> str:
    """The step table as it should be: each test under the last step it needs. Lines already right
    keep their order (a maintainer may have put a narrower test first); new ones go after them,
    those needing fewer regions first."""
    old = [name for _, name in kitcore.step_table(stage)]
    by_name = {case.name: case for case in cases}
    step_of = {name: max({step for step, _ in needs.get(name) or ()} or {0}) for name in by_name}

    def order(name: str) -> tuple:
        case = by_name[name]
        kept = old.index(name) if name in old else len(old)
        return step_of[name], kept, len(needs.get(name) or ()), case.file, case.line

    lines = [f"# The README step each test case of stage {stage.nn} checks: the last step it needs. The runner",
             "# shows the failing test of the earliest step, and of a step the first listed: keep the",
             "# narrowest test first. python3 tools/kit.py steps N rewrites it; kit/stubs-needed-NN checks it."]
    lines += [f"step {step_of[name]}: {name}" for name in sorted(by_name, key=order)]
    return "\n".join(lines) + "\n"


def cmd_steps(args: list[str]) -> int:
    """tools/kit.py steps N [BINARY]: write tests/NN/steps.txt from what each test needs."""
    stage = kitcore.find_stage(kitcore.load_stages(), args[0])
    candidates = [Path(args[1])] if len(args) > 1 else [ROOT / "build" / b / f"stage{stage.nn}_solution_tests"
                                                        for b in ("ci", "dev")]
    binary = next((b.resolve() for b in candidates if b.exists()), None)
    if binary is None:
        raise KitError(f"no solution test binary for stage {stage.nn} ({', '.join(map(rel, candidates))}); "
                       f"build it first: cmake --build build/ci --target stage{stage.nn}_solution_tests")
    return with_services(stage, lambda servers: write_steps(stage, binary, servers))


def write_steps(stage: Stage, binary: Path, servers: dict[str, str]) -> int:
    baseline, needs, problems = needs_of_tests(stage, binary, servers)
    if problems:
        return report(f"stage {stage.nn}: steps", problems)
    path = stage.tests_dir / kitcore.STEPS_FILE
    changed = write_if_changed(path, proposed_steps(stage, baseline.cases, needs).encode())
    print(f"{rel(path)}: " + ("written" if changed else "up to date"))
    return 0


MUTANT_TIME_LIMIT = 120  # seconds for one run of a stage's tests with a mutant switched on


def doctest_filter(names: list[str]) -> str:
    """doctest's --test-case list: names separated by commas, a comma or backslash in one escaped."""
    return ",".join(re.sub(r"([,\\])", r"\\\1", name) for name in names)


def with_services(stage: Stage, then) -> int:
    """Starts the servers the stage's manifest entry names, once for every run `then` makes."""
    with contextlib.ExitStack() as stack:
        servers = {}
        for service in stage.services:
            servers.update(stack.enter_context(SERVICES[service]()))
        return then(servers)


def cmd_mutants_killed(args: list[str]) -> int:
    stage = kitcore.find_stage(kitcore.load_stages(), args[0])
    binary = Path(args[1]).resolve()
    return with_services(stage, lambda servers: mutants_killed(stage, binary, servers))


def mutant_problem(stage: Stage, binary: Path, mutant: kitcore.Mutant, servers: dict[str, str]) -> str | None:
    """None when the mutant makes a test case fail cleanly in the first run and in every repeat of
    the test cases that failed; else what is wrong. Prints what killed it."""
    work = work_dir(stage, "mutants")
    env = {**servers, "KIT_MUTANT": mutant.key}
    label = f"{rel(mutant.path)} ({mutant.description})"
    killers: list[str] = []
    started = time.monotonic()
    for attempt in range(1 + mutant.repeat):
        # The first run stops at the first failed assertion: what is left would only cost time. The
        # repeats run the test case that failed, alone.
        extra = [f"--test-case={doctest_filter(killers)}"] if killers else ["--abort-after=1"]
        run = kitcore.run_doctest(binary, work, extra, env=env, timeout=MUTANT_TIME_LIMIT)
        which = "" if not attempt else f" in repeat {attempt} of {mutant.repeat}"
        if run.timed_out:
            return (f"{label}: the tests time out{which} (after {MUTANT_TIME_LIMIT} s) instead of failing; "
                    f"a test should catch this mistake with an assertion")
        if run.crashed:
            report = kitcore.run_captured([str(binary), "--no-version", *extra], work, env, 120)[1]
            return (f"{label}: the tests crash{which} instead of failing cleanly (a REQUIRE before a line "
                    f"that indexes or dereferences?):\n{report.strip()[-1500:]}")
        if not run.failed:
            if attempt:
                return (f"{label}: killed by '{killers[0]}' in the first run, but it passes{which}: a test that "
                        f"catches it only sometimes (timing?) must catch it every time")
            return (f"{label}: the mutant survives, every test of stage {stage.nn} passes with it. Add or "
                    f"sharpen a test in tests/{stage.folder}/ that fails on it")
        stubbed = [c for c in run.failed if c.failed_on_stub]
        if stubbed:
            return f"{label}: '{stubbed[0].name}' fails on a stub's message: a mutant must not throw NotImplemented"
        if not attempt:
            first = run.failed[0]
            killers = [first.name]
            failure = first.first_failure
            where = (f"{rel(Path(failure.file))}:{failure.line}" if failure and failure.file
                     else f"{rel(Path(first.file))}:{first.line}")
            print(f"  killed: {mutant.name} by '{first.name}' at {where}", end="", flush=True)
    print(f" ({1 + mutant.repeat} runs, {time.monotonic() - started:.1f} s)")
    return None


def mutants_killed(stage: Stage, binary: Path, servers: dict[str, str]) -> int:
    mutants = kitcore.stage_mutants(stage)
    problems = [p for m in mutants if (p := mutant_problem(stage, binary, m, servers))]
    if not mutants:
        problems.append(f"tests/{stage.folder}/mutants/ has no mutant")
    return report(f"stage {stage.nn}: each of {len(mutants)} mutants makes a test fail, every run", problems)


def cmd_mutant(args: list[str]) -> int:
    if len(args) != 2:
        raise KitError("usage: tools/kit.py mutant N NAME   (tools/kit.py mutants N lists the names)")
    stage = kitcore.find_stage(kitcore.load_stages(), args[0])
    mutants = {m.name: m for m in kitcore.stage_mutants(stage)}
    if args[1] not in mutants:
        raise KitError(f"stage {stage.nn} has no mutant '{args[1]}'; it has: {', '.join(mutants) or 'none'}")
    mutant = mutants[args[1]]
    build = ROOT / "build" / "ci"
    if not (build / "build.ninja").exists() and not (build / "Makefile").exists():
        raise KitError("build/ci is not configured: run ./workshop test once (or cmake --preset ci)")
    target = stage.target("solution")
    print(f"building {target} in {rel(build)} ...", flush=True)
    built = subprocess.run(["cmake", "--build", str(build), "--target", target], capture_output=True, text=True)
    if built.returncode != 0:
        print(built.stdout[-6000:] + built.stderr[-2000:])
        raise KitError(f"{target} does not build (a mutant that does not compile names its file above)")
    print(f"mutant {mutant.name} of stage {stage.nn}: {mutant.description}\n  ({rel(mutant.path)}, in place of "
          f"the region {mutant.region})\n")
    return with_services(stage, lambda servers: show_mutant(stage, build / target, mutant, servers))


def show_mutant(stage: Stage, binary: Path, mutant: kitcore.Mutant, servers: dict[str, str]) -> int:
    from workshop import checking, reporting  # the runner's own way of showing a failure

    work = work_dir(stage, "mutant")
    env = {**servers, "KIT_MUTANT": mutant.key}
    run = kitcore.run_doctest(binary, work, env=env, timeout=MUTANT_TIME_LIMIT)
    result = checking.result_of_run(stage, "starter", binary, binary, run, MUTANT_TIME_LIMIT, work, env)
    if reporting.report(result):
        print("the mutant survives: no test catches it")
        return 1
    others = [c.name for c in run.failed if c is not result.case]
    if others:
        print("\nalso failing: " + "; ".join(others))
    return 0


# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Mistakes that must not compile: tests/NN-name/must_not_compile/CASE.cpp, each with its header
#     // must not compile: what the mistake is
#     // message: the words the compiler's output must hold (what to do instead)
#     // at most: 10 lines        (optional: a clear error, not pages of template noise)
#     // quoted in: README.md     (optional: the stage's README shows that very message)
# compiled alone against solutions/NN-name with the kit's compiler (KIT_CXX, KIT_CXXFLAGS from ctest).

COMPILE_ERROR_HEADER = re.compile(r"^// (?P<field>must not compile|message|at most|quoted in):\s*(?P<value>.*?)\s*$")


def cmd_compile_error(args: list[str]) -> int:
    if len(args) != 1:
        raise KitError("usage: tools/kit.py compile-error tests/NN-name/must_not_compile/CASE.cpp")
    source = Path(args[0]).resolve()
    stage = next((s for s in kitcore.load_stages() if s.tests_dir == source.parent.parent), None)
    if stage is None:
        raise KitError(f"{source}: not in a stage's tests/NN-name/must_not_compile/ folder")
    fields = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if not (header := COMPILE_ERROR_HEADER.match(line)):
            break
        fields[header["field"]] = header["value"]
    if not fields.get("message"):
        raise KitError(f"{rel(source)}: no '// message:' line at its top says what the compiler must say")
    compiler = os.environ.get("KIT_CXX") or os.environ.get("CXX") or "c++"
    command = [compiler, *shlex.split(os.environ.get("KIT_CXXFLAGS", "")), "-std=c++20", "-fsyntax-only",
               f"-I{stage.solution_dir}", f"-I{ROOT / 'support'}", f"-I{stage.tests_dir}", str(source)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    output = run.stdout + run.stderr
    flat = " ".join(output.split())
    problems = []
    if run.returncode == 0:
        problems.append("it compiles: the mistake it shows is no longer refused")
    elif fields["message"] not in flat:
        problems.append(f"the compiler's output does not say '{fields['message']}'")
    limit = fields.get("at most", "").split()
    if limit and len(output.splitlines()) > int(limit[0]):
        problems.append(f"the compiler wrote {len(output.splitlines())} lines, more than {limit[0]}")
    if fields.get("quoted in"):
        text = " ".join((stage.solution_dir / fields["quoted in"]).read_text(encoding="utf-8").split())
        if fields["message"] not in text:
            problems.append(f"solutions/{stage.folder}/{fields['quoted in']} does not quote '{fields['message']}'")
    if problems:
        print(f"{rel(source)} ({fields.get('must not compile', 'a mistake')}):\n  " + "\n  ".join(problems))
        print("compiler output:\n" + output)
        return 1
    print(f"{rel(source)}: refused, as it should be ({len(output.splitlines())} lines of compiler output)")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    command, args = argv[0], argv[1:]
    try:
        if command in STATIC_CHECKS:
            return report(command, STATIC_CHECKS[command]())
        if command == "check":
            return max(report(name, check()) for name, check in STATIC_CHECKS.items())
        handlers = {
            "generate": cmd_generate,
            "carry": cmd_carry,
            "instrument": cmd_instrument,
            "regions": cmd_regions,
            "expect-stubs": cmd_expect_stubs,
            "coverage": cmd_coverage,
            "steps": cmd_steps,
            "mutants": cmd_mutants_list,
            "mutants-killed": cmd_mutants_killed,
            "mutant": cmd_mutant,
            "compile-error": cmd_compile_error,
        }
        if command not in handlers:
            print(f"tools/kit.py: unknown command '{command}'. Commands: "
                  f"{', '.join([*handlers, 'check', *STATIC_CHECKS])}", file=sys.stderr)
            return 2
        return handlers[command](args)
    except KitError as e:
        print(f"tools/kit.py: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
