"""Ctrl-C during a build is a build stopped, not a compile error: ninja, interrupted, says so in
its log, and the runner stops there (it then prints "stopped (Ctrl-C)" instead of an error)."""

import shutil
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from workshop import building  # noqa: E402

# A build whose one command is interrupted the way Ctrl-C interrupts one: by SIGINT.
INTERRUPTED = 'rule stop\n  command = sh -c "kill -INT $$PPID; sleep 1"\nbuild out: stop\n'


class ABuildStoppedByCtrlC(unittest.TestCase):
    def test_is_said_as_stopped_not_as_does_not_compile(self):
        self.assertTrue(shutil.which("ninja"), "this test needs ninja (Debian: apt-get install ninja-build)")
        with tempfile.TemporaryDirectory() as tmp:
            build = Path(tmp)
            (build / "build.ninja").write_text(INTERRUPTED)
            with self.assertRaises(KeyboardInterrupt):
                building.build_target(build, "out", build / "build.log")
            self.assertIn("interrupted by user", (build / "build.log").read_text())


if __name__ == "__main__":
    unittest.main()
