#!/usr/bin/env python3
"""./workshop bench feedback: how long a student waits after saving a file.

For every starter file that holds a stub region (what a student edits), touch it and time
  check  ./workshop check N    (what the student runs; it uses build/dev)
  bare   for a .cpp: the compile of that one object + the link of the stage's test binary + running
         it (the very commands ninja runs: ninja -t commands), with nothing else around them; for a
         header: ninja rebuilding the test binary (every file that includes it) + running it
several times, alternating, and print the medians and their ratio. Targets: check under 3 s after
any one-file edit (issue 14), within 1.2x of bare, and under 2 s for a .cpp without nlohmann/json
(DESIGN.md). Then: where the runner's own time goes (Python start, cmake --build, the XML report).

  ./workshop bench feedback [--runs N] [--stages 1,5,10] [--jobs N] [--first-only]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import kitcore  # noqa: E402

DEV = ROOT / "build" / "dev"
WORKSHOP = [str(ROOT / "workshop")]  # exactly what the student runs (the script picks the Python)
RATIO_TARGET = 1.2
SECONDS_TARGET = 2.0  # DESIGN.md, a .cpp without json
ANY_EDIT_TARGET = 3.0  # issue 14: any one-file edit, headers and json included


def say(text: str = "") -> None:
    print(text, flush=True)


def timed(command, **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                          **kwargs)
    return time.perf_counter() - start, proc


def touch(path: Path) -> None:
    now = time.time()
    os.utime(path, (now, now))


def stub_files(stage: kitcore.Stage, first_only: bool = False) -> list[Path]:
    """The starter files with a stub region, the one of the stage's first step first."""
    regions = sorted(kitcore.stage_regions(stage), key=lambda r: r.step)
    files = list(dict.fromkeys(stage.starter_dir / kitcore.region_path(r) for r in regions))
    files = [f for f in files if f.exists()]
    return files[:1] if first_only else files


def ninja_commands(target: str) -> list[str]:
    out = subprocess.run(["ninja", "-C", str(DEV), "-t", "commands", target], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"feedback: ninja knows no target {target} in build/dev:\n{out.stderr}")
    return out.stdout.splitlines()


def bare_commands(stage: kitcore.Stage, source: Path) -> tuple[str, str, Path]:
    """(compile, link, object file) exactly as ninja runs them for the stage's starter tests."""
    target = stage.target("starter")
    commands = ninja_commands(target)
    # ninja lists only what this target needs, so the one compile of the touched file is there
    # (in the stage's code library, or in the test target itself).
    compile_ = [c for c in commands if c.rstrip().endswith(f" -c {source}") or f" -c {source} " in c]
    link = [c for c in commands if re.search(rf"-o {re.escape(target)}(\s|$)", c)]
    if not compile_ or not link:
        raise SystemExit(f"feedback: cannot find the commands for {source.name} / {target} in build/dev")
    obj = re.search(r" -o (\S+\.o)\b", compile_[0])
    return compile_[0], link[-1], DEV / obj[1]


def includes_json(obj: Path, source: Path) -> bool:
    """Whether the object depends on nlohmann/json (ninja's recorded dependencies, else the sources)."""
    out = subprocess.run(["ninja", "-C", str(DEV), "-t", "deps", str(obj.relative_to(DEV))], capture_output=True,
                         text=True).stdout
    if "nlohmann" in out:
        return True
    if out.strip() and "deps not found" not in out:
        return False
    seen, todo = set(), [source]
    while todo:  # no recorded deps: follow the quoted includes inside the stage folder
        path = todo.pop()
        if path in seen or not path.exists():
            continue
        seen.add(path)
        text = path.read_text(errors="replace")
        if "nlohmann/json" in text:
            return True
        todo += [source.parent / name for name in re.findall(r'#include "([^"]+)"', text)]
    return False


def children_cpu() -> float:
    """CPU seconds (user + system) of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Clock:
    """Wall and CPU time of what runs inside `with`: wall says what a student waits; CPU hardly
    depends on what else the machine is doing, so it shows the runner's share even under load."""

    def __enter__(self) -> "Clock":
        self.wall, self.cpu = time.perf_counter(), children_cpu()
        return self

    def __exit__(self, *exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, children_cpu() - self.cpu


def shell_run(command: str) -> Clock:
    with Clock() as clock:
        proc = subprocess.run(command, shell=True, cwd=DEV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    if proc.returncode != 0:
        raise SystemExit(f"feedback: this command failed:\n{command}\n{proc.stderr[-2000:]}")
    return clock


def measure_file(stage: kitcore.Stage, source: Path, runs: int, jobs: int, work: Path) -> dict | None:
    target = stage.target("starter")
    binary = DEV / target
    # Once untimed: builds whatever the stage needs besides the touched file (with --jobs), then
    # lets the runner record its first result.
    subprocess.run(["cmake", "--build", str(DEV), "--target", target, "-j", str(jobs)], cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([*WORKSHOP, "check", str(stage.number)], cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    if not binary.exists():
        say(f"  stage {stage.nn}: does not build in build/dev; skipped")
        return None
    header = source.suffix != ".cpp"
    if header:
        compile_, link, with_json = f"ninja -C {DEV} {target}", "true", False
    else:
        compile_, link, obj = bare_commands(stage, source)
        with_json = includes_json(obj, source)
    checks, bares, parts = [], [], []  # (wall, cpu) pairs; parts: (compile, link, run) walls
    for run in range(runs):
        order = ("check", "bare") if run % 2 == 0 else ("bare", "check")
        for kind in order:
            touch(source)
            if kind == "check":
                with Clock() as clock:
                    proc = subprocess.run([*WORKSHOP, "check", str(stage.number)], cwd=ROOT, capture_output=True,
                                          text=True, errors="replace")
                if "does not compile" in proc.stdout:
                    raise SystemExit(f"feedback: stage {stage.nn} does not compile:\n{proc.stdout}")
                checks.append((clock.wall, clock.cpu))
            else:
                c = shell_run(compile_)
                ln = shell_run(link)
                with Clock() as r:
                    subprocess.run([str(binary)], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env=test_environment(stage))
                bares.append((c.wall + ln.wall + r.wall, c.cpu + ln.cpu + r.cpu))
                parts.append((c.wall, ln.wall, r.wall))
    check_s, bare_s = statistics.median(w for w, _ in checks), statistics.median(w for w, _ in bares)
    check_cpu, bare_cpu = statistics.median(c for _, c in checks), statistics.median(c for _, c in bares)
    return {
        "measure": f"feedback_stage{stage.nn}",
        "file": str(source.relative_to(ROOT)),
        "includes_json": with_json,
        "check_s": round(check_s, 3),
        "bare_s": round(bare_s, 3),
        "ratio": round(check_s / bare_s, 3),
        "compile_s": round(statistics.median(p[0] for p in parts), 3),
        "link_s": round(statistics.median(p[1] for p in parts), 3),
        "run_s": round(statistics.median(p[2] for p in parts), 3),
        "check_cpu_s": round(check_cpu, 3),
        "bare_cpu_s": round(bare_cpu, 3),
        "cpu_ratio": round(check_cpu / bare_cpu, 3),
        "held": check_s < ANY_EDIT_TARGET and check_s / bare_s <= RATIO_TARGET
        and (with_json or header or check_s < SECONDS_TARGET),
        "runs": runs,
        "load_average": round(os.getloadavg()[0], 2),
    }


def test_environment(stage: kitcore.Stage) -> dict:
    """The bare run gets the server the runner's check uses (the runner keeps one running)."""
    if "postgres" not in stage.services:
        return dict(os.environ)
    import throwaway_postgres

    return {**os.environ, **throwaway_postgres.shared(throwaway_postgres.shared_folder(ROOT))}


def runner_costs(stage: kitcore.Stage, runs: int, work: Path) -> dict:
    """The runner's own share, measured with nothing to compile."""
    target = stage.target("starter")
    binary = DEV / target

    def median_of(command, **kwargs) -> float:
        return statistics.median(timed(command, **kwargs)[0] for _ in range(runs))

    # The last bare compile went around ninja, which would redo it once: bring the build up to date.
    subprocess.run(["ninja", "-C", str(DEV), target], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    costs = {
        "python_start_s": median_of([python_of_workshop(), "-c", "pass"]),
        "runner_start_s": median_of([*WORKSHOP, "list"], cwd=ROOT),
        "check_nothing_to_build_s": median_of([*WORKSHOP, "check", str(stage.number)], cwd=ROOT),
        "cmake_build_noop_s": median_of(["cmake", "--build", str(DEV), "--target", target]),
        "ninja_noop_s": median_of(["ninja", "-C", str(DEV), target]),
        "run_console_s": median_of([str(binary)], cwd=work),
        "run_xml_s": median_of([str(binary), "--reporters=xml", "--no-version"], cwd=work),
    }
    return {"measure": "feedback_runner_costs", **{k: round(v, 3) for k, v in costs.items()}}


def python_of_workshop() -> str:
    """The interpreter ./workshop starts (it prefers the system's: version-manager shims are slow)."""
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"):
        if os.access(candidate, os.X_OK):
            return candidate
    return "python3"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./workshop bench feedback", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="repetitions per stage (default 5)")
    parser.add_argument("--stages", default="", help="comma-separated stage numbers (default: every stage)")
    parser.add_argument("--first-only", action="store_true", help="only the file of each stage's first step")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                        help="parallel jobs for the untimed first build of each stage (default: every core)")
    args = parser.parse_args(argv)
    if not (DEV / "CMakeCache.txt").exists():
        # What the runner does on its first run: configure the dev preset, with Ninja when it is there.
        env = {**os.environ, **({"CMAKE_GENERATOR": "Ninja"} if shutil.which("ninja") else {})}
        subprocess.run(["cmake", "--preset", "dev"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    if not (DEV / "build.ninja").exists() and (DEV / "CMakeCache.txt").exists():
        raise SystemExit("feedback: build/dev is not a Ninja build; this benchmark reads ninja's commands.")
    stages = [s for s in kitcore.load_stages() if s.starter_dir.is_dir() and s.solution_dir.is_dir()]
    if args.stages:
        wanted = {int(n) for n in args.stages.split(",") if n.strip()}
        stages = [s for s in stages if s.number in wanted]
    say(f"Feedback loop: ./workshop check N against the bare compile + link + run (build/dev, medians of "
        f"{args.runs}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    say(f"  {'stage':<7}{'touched file':<26}{'json':<6}{'check':>8}{'bare':>8}{'ratio':>8}"
        f"{'(compile':>10}{'link':>7}{'run)':>7}{'cpu ratio':>11}  target (wall)")
    results = []
    with tempfile.TemporaryDirectory(prefix="kit-feedback-") as tmp:
        for stage in stages:
            if sys.stdout.isatty():
                sys.stdout.write(f"  stage {stage.nn} ...\r")
                sys.stdout.flush()
            for source in stub_files(stage, args.first_only):
                found = measure_file(stage, source, args.runs, args.jobs, Path(tmp))
                if found is None:
                    break
                results.append(found)
                verdict = "held" if found["held"] else "MISSED"
                small = not found["includes_json"] and source.suffix == ".cpp"
                limit = "< 3 s, <= 1.2x" + (", < 2 s" if small else "")
                say(f"  {stage.nn:<7}{Path(found['file']).name:<26}{'yes' if found['includes_json'] else 'no':<6}"
                    f"{found['check_s']:>7.2f}s{found['bare_s']:>7.2f}s{found['ratio']:>7.2f}x"
                    f"{found['compile_s']:>9.2f}s{found['link_s']:>6.2f}s{found['run_s']:>6.2f}s"
                    f"{found['cpu_ratio']:>10.2f}x  {limit}: {verdict}")
        # On the smallest stage: its test binary runs in no time, so what is left is the runner.
        cheapest = min((r for r in results), key=lambda r: r["bare_s"], default=None)
        measured = next((s for s in stages if cheapest and cheapest["measure"].endswith(s.nn)), None)
        costs = runner_costs(measured, args.runs, Path(tmp)) if measured else None
    if costs:
        say()
        say(f"  The runner's own time (stage {measured.nn}, nothing to compile):")
        say(f"    Python start {costs['python_start_s']:.3f}s · ./workshop list {costs['runner_start_s']:.3f}s · "
            f"./workshop check {costs['check_nothing_to_build_s']:.3f}s")
        say(f"    cmake --build (no-op) {costs['cmake_build_noop_s']:.3f}s · ninja (no-op) {costs['ninja_noop_s']:.3f}s")
        say(f"    test binary: console {costs['run_console_s']:.3f}s · XML report {costs['run_xml_s']:.3f}s")
    say()
    for found in results + ([costs] if costs else []):
        say(json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
