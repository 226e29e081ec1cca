"""The runner reads build logs of every toolchain the kit names alike: the logs in compiler_logs/
are what gcc 12, clang 16 (libstdc++ and libc++) and the GNU, gold and lld linkers really said
(compiler_logs/capture.py writes them again), and each must give the student the same one thing."""

import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOGS = HERE / "compiler_logs"
sys.path.insert(0, str(HERE.parents[1] / "tools"))
from workshop import compiler_output  # noqa: E402

KIT = Path("/home/student/kit")  # stands in for {KIT} in the captured logs
STAGE = "stages/01-demo"


def shown(path: str) -> str:
    return str(Path(path).relative_to(KIT)) if Path(path).is_relative_to(KIT) else path


def ours(path: str) -> bool:
    return not shown(path).startswith("/")


def logs(pattern: str) -> list[tuple[str, str]]:
    found = sorted(LOGS.glob(pattern))
    assert found, f"no captured log matches {pattern}: run compiler_logs/capture.py"
    return [(p.stem, p.read_text().replace("{KIT}", str(KIT))) for p in found]


def first_error(text: str) -> compiler_output.BuildError:
    return compiler_output.first_error(text, shown, ours)


class CompilerErrors(unittest.TestCase):
    def test_every_toolchain_has_each_kind_of_log(self):
        names = {p.stem for p in LOGS.glob("*.log")}
        for compiler in ("gcc-12", "clang-16", "clang-16-libc++"):
            for case in ("syntax_error", "library_error", "warning"):
                self.assertIn(f"{compiler}-{case}", names)
        for linker in ("gcc-12-bfd", "gcc-12-gold", "gcc-12-lld", "clang-16-lld", "clang-16-bfd"):
            for case in ("undefined", "duplicate"):
                self.assertIn(f"{linker}-{case}", names)

    def test_a_syntax_error_is_shown_at_its_line_with_the_source_quoted(self):
        for name, text in logs("*-syntax_error.log"):
            with self.subTest(name):
                error = first_error(text)
                self.assertEqual(error.kind, "compile")
                self.assertTrue(error.lines[0].startswith(f"{STAGE}/syntax_error.cpp:4: error: "), error.lines)
                self.assertIn("retrun", error.lines[0])
                self.assertIn("retrun 42;", "\n".join(error.lines[1:]), "the source line is quoted")

    def test_an_error_inside_the_library_names_the_students_line_that_leads_there(self):
        for name, text in logs("*-library_error.log"):
            with self.subTest(name):
                error = first_error(text)
                self.assertEqual(error.kind, "compile")
                self.assertEqual(error.lines[0], f"{STAGE}/library_error.cpp:7: this line leads to the error below")
                self.assertIn(": error: ", error.lines[1])
                self.assertLess(len(error.lines), 6, "one error, not the instantiation stack")

    def test_warnings_in_the_stage_are_found_once_each(self):
        for name, text in logs("*-warning.log"):
            with self.subTest(name):
                found = compiler_output.warnings_in(text, KIT / STAGE, shown)
                self.assertEqual(len(found), 1, found)
                self.assertTrue(found[0].startswith(f"{STAGE}/warning.cpp:7: warning: "), found)
                self.assertEqual(compiler_output.warnings_in(text, KIT / "stages/02-other", shown), [])


class LinkerErrors(unittest.TestCase):
    def test_an_undefined_symbol_is_named_with_where_it_is_used(self):
        for name, text in logs("*-undefined.log"):
            with self.subTest(name):
                error = first_error(text)
                self.assertEqual(error.kind, "link")
                self.assertEqual(error.lines[0],
                                 "link error: Dog::add_trick(std::string) is declared and used, but never defined")
                self.assertIn(f"  used at {STAGE}/undefined.cpp:11", error.lines)
                self.assertNotIn("ld returned", "\n".join(error.lines))

    def test_a_symbol_defined_twice_is_named_with_both_places(self):
        for name, text in logs("*-duplicate.log"):
            with self.subTest(name):
                error = first_error(text)
                self.assertEqual(error.kind, "link")
                self.assertEqual(error.lines[0], "link error: answer() is defined more than once")
                places = "\n".join(error.lines[2:])
                self.assertIn(f"{STAGE}/duplicate.cpp", places)
                self.assertIn(f"{STAGE}/duplicate_main.cpp", places)

    def test_apples_linker_is_read_too(self):
        # Not captured (no macOS here): the layout of Apple's ld messages, written out by hand.
        undefined = ("Undefined symbols for architecture arm64:\n"
                     '  "Dog::add_trick(std::__1::basic_string<char, std::__1::char_traits<char>, '
                     'std::__1::allocator<char>>)", referenced from:\n'
                     "      _main in undefined.cpp.o\n"
                     "ld: symbol(s) not found for architecture arm64\n"
                     "clang: error: linker command failed with exit code 1 (use -v to see invocation)\n")
        error = first_error(undefined)
        self.assertEqual(error.lines[0], "link error: Dog::add_trick(std::string) is declared and used, but never defined")
        self.assertIn("  used at undefined.cpp", error.lines)
        duplicate = ("duplicate symbol 'answer()' in:\n    CMakeFiles/demo.dir/stages/01-demo/duplicate.cpp.o\n"
                     "    CMakeFiles/demo.dir/stages/01-demo/duplicate_main.cpp.o\n"
                     "ld: 1 duplicate symbol for architecture arm64\n")
        error = first_error(duplicate)
        self.assertEqual(error.lines[0], "link error: answer() is defined more than once")
        self.assertIn(f"  defined at {STAGE}/duplicate_main.cpp", error.lines)

    def test_a_log_with_nothing_recognisable_shows_its_last_lines(self):
        error = first_error("FAILED: x\nsomething odd happened\nninja: build stopped: subcommand failed.\n")
        self.assertEqual(error, compiler_output.BuildError("unknown", ["something odd happened"]))


if __name__ == "__main__":
    unittest.main()
