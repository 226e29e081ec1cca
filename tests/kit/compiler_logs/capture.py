#!/usr/bin/env python3
"""Captures what each compiler and linker says about the small programs in sources/, laid out as
the runner's build log holds it (ninja's FAILED line, the command, then the compiler's words), so
that test_compiler_output.py checks the runner's reading of real messages without needing these
toolchains installed. Run it again after adding a case or a toolchain:

    python3 tests/kit/compiler_logs/capture.py

Every toolchain below must be installed (the Debian packages are in README.md, "Toolchains").
The sources' folder is written as {KIT} in the logs: the test puts its own kit root there."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMPILERS = {  # name -> the compiler command
    "gcc-12": ["g++-12"],
    "clang-16": ["clang++-16"],
    "clang-16-libc++": ["clang++-16", "-stdlib=libc++"],
}
LINKERS = {"gcc-12": ["bfd", "gold", "lld"], "clang-16": ["lld", "bfd"], "clang-16-libc++": ["lld"]}
COMPILE_CASES = ["syntax_error", "library_error", "warning"]
LINK_CASES = {"undefined": ["undefined"], "duplicate": ["duplicate", "duplicate_main"]}
FLAGS = ["-std=c++20", "-g", "-Wall", "-Wextra"]


def run(command: list[str], cwd: Path) -> str:
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return proc.stdout + proc.stderr


def obj(name: str) -> str:
    return f"CMakeFiles/demo.dir/stages/01-demo/{name}.cpp.o"


def main() -> int:
    missing = [c[0] for c in COMPILERS.values() if not shutil.which(c[0])]
    if missing:
        print("capture: not installed: " + ", ".join(missing), file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="compiler-logs-") as tmp:
        kit = Path(tmp) / "kit"
        shutil.copytree(HERE / "sources", kit)
        build = kit / "build"
        (build / "CMakeFiles/demo.dir/stages/01-demo").mkdir(parents=True)

        def save(name: str, command: list[str]) -> None:
            said = run(command, build)
            failed = f"FAILED: {command[command.index('-o') + 1]}\n" if "error" in said else ""
            text = failed + " ".join(command) + "\n" + said
            (HERE / f"{name}.log").write_text(text.replace(str(kit), "{KIT}"))
            print(f"captured {name}.log")

        for compiler, cxx in COMPILERS.items():
            for case in COMPILE_CASES:
                source = str(kit / "stages/01-demo" / f"{case}.cpp")
                save(f"{compiler}-{case}", [*cxx, *FLAGS, "-c", source, "-o", obj(case)])
            for case, files in LINK_CASES.items():
                for name in files:
                    run([*cxx, *FLAGS, "-c", str(kit / "stages/01-demo" / f"{name}.cpp"), "-o", obj(name)], build)
                for linker in LINKERS[compiler]:
                    save(f"{compiler}-{linker}-{case}",
                         [*cxx, f"-fuse-ld={linker}", *[obj(n) for n in files], "-o", f"{case}_demo"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
