#!/usr/bin/env python3
"""Captures what doctest's XML reporter really writes for the small test programs in sources/: a
run with failures of several README steps, a crash after a failed CHECK, a std::exit in a test,
and a hang stopped by a time limit (the report as far as it got). test_reporting.py reads them as
the runner does. Run it again after changing a source (needs g++ and doctest):

    python3 tests/kit/doctest_reports/capture.py

Each NAME.xml comes with NAME.code, the exit code the runner saw (negative: killed by a signal)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HANG_AFTER = 2.0  # seconds before the hang is stopped, as the runner's time limit would


def main() -> int:
    cxx = shutil.which("g++")
    if not cxx:
        print("capture: needs g++ and doctest (Debian: apt-get install g++ doctest-dev)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="doctest-reports-") as tmp:
        for source in sorted((HERE / "sources").glob("*.cpp")):
            binary = Path(tmp) / source.stem
            subprocess.run([cxx, "-std=c++20", "-O0", "-DDOCTEST_CONFIG_IMPLEMENT_WITH_MAIN", str(source),
                            "-o", str(binary)], check=True)
            with open(Path(tmp) / "out", "w+b") as out:
                proc = subprocess.Popen([str(binary), "--reporters=xml", "--no-version"], stdout=out,
                                        stderr=subprocess.STDOUT, cwd=tmp)
                try:
                    code = proc.wait(timeout=HANG_AFTER)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                    code = -1000  # kitcore.TIMED_OUT
                out.seek(0)
                text = out.read().decode("utf-8", "replace")
            (HERE / f"{source.stem}.xml").write_text(text.replace(str(source), f"sources/{source.name}"))
            (HERE / f"{source.stem}.code").write_text(f"{code}\n")
            print(f"captured {source.stem}.xml (exit code {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
