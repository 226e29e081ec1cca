"""Configuring the kit's build (one build folder per preset and toolchain), building one target,
and reading what went wrong when it does not build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from kitcore import Stage

from . import compiler_output, toolchains
from .base import LOG_DIR, ROOT, S, Fail, rel, say
from .installing import cmake_version, compiler, install_missing, missing_requirements
from .progress import kit_lock


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
    with kit_lock(build.name, f"building in {rel(build)}"):
        return configure(build, preset, for_kit)


def configure(build: Path, preset: str, for_kit: bool) -> Path:
    if (build / "CMakeCache.txt").exists() and ((build / "build.ninja").exists() or (build / "Makefile").exists()):
        return build
    problem = toolchains.missing_compiler()
    if problem:
        raise Fail(problem)
    if not compiler() or not cmake_version():
        install_missing(missing_requirements(for_kit), for_kit)
    log = LOG_DIR / f"configure-{preset}.log"
    chosen = " ".join(f"{k}={os.environ[k]}" for k in ("CXX", "CXXFLAGS") if os.environ.get(k, "").strip())
    say(S.dim(f"Configuring the build ({preset}" + (f", {chosen}, in {rel(build)}" if chosen else "") + ") ..."))
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
# Building one target, and what its log says


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
        known = {Path(line) for line in listing.read_text().splitlines()
                 if not folders.isdisjoint(Path(line).parents)}
    except FileNotFoundError:
        known = None
    # From stage 09 on a stage has subfolders (es/, dogschool/); a test folder's mutants/ holds none.
    present = {p for folder in folders for p in folder.rglob("*.cpp")}
    present |= {p for s in stages for p in s.solution_dir.resolve().rglob("*.hpp")}
    if known != present:
        run_logged(["cmake", str(build)], LOG_DIR / f"reconfigure-{build.name}.log")


def build_target(build: Path, target: str, log: Path) -> bool:
    # Ninja called directly answers sooner than through `cmake --build` (the feedback loop counts).
    ninja = shutil.which("ninja")
    if ninja and (build / "build.ninja").exists():
        result = run_logged([ninja, "-C", str(build), target], log)
    else:
        result = run_logged(["cmake", "--build", str(build), "--target", target], log)
    if result.returncode in (-2, 130) or "interrupted by user" in log.read_text(errors="replace")[-2000:]:
        raise KeyboardInterrupt  # Ctrl-C reached the build first: it was stopped, it did not fail
    return result.returncode == 0

