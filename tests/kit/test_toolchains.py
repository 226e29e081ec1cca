"""What the runner decides from the toolchain a student picks (CXX, CXXFLAGS): the build directory,
what to say when the compiler is missing, and whether a compiler is one the kit is tested on."""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from workshop import toolchains  # noqa: E402

ROOT = Path("/kit")


class BuildDirectories(unittest.TestCase):
    def test_the_default_compiler_builds_in_the_presets_folder(self):
        self.assertEqual(toolchains.build_dir(ROOT, "dev", {}), ROOT / "build/dev")
        self.assertEqual(toolchains.build_dir(ROOT, "dev", {"CXX": "", "CXXFLAGS": " "}), ROOT / "build/dev")

    def test_each_toolchain_gets_a_folder_of_its_own(self):
        clang = toolchains.build_dir(ROOT, "dev", {"CXX": "clang++-16"})
        libcxx = toolchains.build_dir(ROOT, "dev", {"CXX": "clang++-16", "CXXFLAGS": "-stdlib=libc++"})
        self.assertEqual(clang, ROOT / "build/dev-clang++-16")
        self.assertEqual(libcxx, ROOT / "build/dev-clang++-16-stdlib-libc++")
        self.assertEqual(toolchains.build_dir(ROOT, "ci", {"CXX": "/usr/bin/g++-11"}), ROOT / "build/ci-g++-11")

    def test_odd_characters_never_leave_the_build_folder(self):
        odd = toolchains.build_dir(ROOT, "dev", {"CXX": "ccache g++", "CXXFLAGS": "-O2 -I/x/../y"})
        self.assertEqual(odd.parent, ROOT / "build")


class CompilerChoice(unittest.TestCase):
    def test_a_compiler_that_is_not_installed_is_said_with_its_package(self):
        said = toolchains.missing_compiler({"CXX": "clang++-16-not-here"})
        self.assertIn("no clang++-16-not-here on PATH", said)
        self.assertIsNone(toolchains.missing_compiler({}))
        known = toolchains.TOOLCHAINS[0]
        if not __import__("shutil").which(known.cxx):
            self.assertIn(known.debian, toolchains.missing_compiler({"CXX": known.cxx}))

    def test_the_versions_tested_are_told_apart_from_the_others(self):
        gcc = "g++ (Debian 12.2.0-14) 12.2.0\nCopyright (C) 2022 Free Software Foundation, Inc.\n"
        self.assertEqual(toolchains.tested_note(gcc), "tested by the kit's CI")
        self.assertEqual(toolchains.tested_note("Debian clang version 16.0.6 (15~deb12u1)\n"), "tested by the kit's CI")
        self.assertIn("not tested", toolchains.tested_note("Ubuntu clang version 18.1.3\n"))
        self.assertIn("not tested", toolchains.tested_note("g++ (GCC) 9.4.0\nFree Software Foundation\n"))
        self.assertIn("stands in", toolchains.tested_note("Apple clang version 15.0.0 (clang-1500.3.9.4)\n"))


if __name__ == "__main__":
    unittest.main()
