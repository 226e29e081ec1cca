"""Mutants (tests/NN-name/mutants/*.mutant): how a mutant file is read, and how the instrumented copy
of a solution switches a region to one of its mutants while every line keeps pointing at its file."""

import re
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tools"))
import kitcore  # noqa: E402

SOLUTION = """#include "exclaim.hpp"

std::string exclaim(const std::string& text)
{
    // >>> step 1: exclaim
    return text + "!";
    // <<<
}
"""


class Mutants(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="kit-mutants-")
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = self.dir / name
        path.write_text(text)
        return path

    def test_a_mutant_has_a_description_a_region_and_a_body(self):
        path = self.write("no-bang.mutant", "// mutant: forgets the bang\n// region: exclaim.cpp:exclaim\n"
                                            "// repeat: 7\nreturn text;\n")
        mutant = kitcore.parse_mutant(path)
        self.assertEqual(mutant.name, "no-bang")
        self.assertEqual(mutant.description, "forgets the bang")
        self.assertEqual(mutant.key, "exclaim.cpp:exclaim:no-bang")
        self.assertEqual(mutant.repeat, 7)
        self.assertEqual(mutant.body, ["return text;"])
        self.assertEqual(mutant.body_line, 4)

    def test_a_mutant_without_its_header_lines_is_refused_with_its_file_named(self):
        path = self.write("bare.mutant", "return text;\n")
        with self.assertRaisesRegex(kitcore.KitError, r"bare\.mutant.*'// mutant:'"):
            kitcore.parse_mutant(path)
        path = self.write("no-body.mutant", "// mutant: nothing\n// region: exclaim.cpp:exclaim\n")
        with self.assertRaisesRegex(kitcore.KitError, "no body"):
            kitcore.parse_mutant(path)

    def test_the_instrumented_solution_switches_the_region_to_its_mutant_and_keeps_the_lines(self):
        path = self.write("no-bang.mutant", "// mutant: forgets the bang\n// region: exclaim.cpp:exclaim\n"
                                            "return text;\n")
        mutant = kitcore.parse_mutant(path)
        text = kitcore.instrumented_text(SOLUTION, "exclaim.cpp", "/kit/solutions/01/exclaim.cpp", [mutant])
        self.assertIn('if (::es::kit::mutant_active("exclaim.cpp:exclaim:no-bang")) {', text)
        # Each line, after the #line directive above it, is the line that directive names.
        current, where = None, {}
        for line in text.splitlines():
            directive = re.match(r'#line (\d+) "(.*)"', line)
            if directive:
                current = [int(directive[1]), directive[2]]
                continue
            if current:
                where.setdefault(line.strip(), (current[1], current[0]))
                current[0] += 1
        self.assertEqual(where["return text;"], (str(path), 3))
        self.assertEqual(where['return text + "!";'], ("/kit/solutions/01/exclaim.cpp", 6))
        self.assertEqual(where["// <<<"], ("/kit/solutions/01/exclaim.cpp", 7))

    def test_a_region_without_mutants_is_instrumented_as_before(self):
        text = kitcore.instrumented_text(SOLUTION, "exclaim.cpp", None, [])
        self.assertNotIn("mutant_active(\"", text)
        self.assertIn('stub_active("exclaim.cpp:exclaim")', text)


if __name__ == "__main__":
    unittest.main()
