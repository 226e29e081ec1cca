"""Tests of slides/build.py's own logic (ctest kit/slides-tool): code regions, --sync, image and
exercise checks, and the PNG reading behind the blank-slide check. No Node.js or browser needed."""

from __future__ import annotations

import json
import struct
import sys
import tempfile
import unittest
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # noqa: E402

SOLUTION = """\
#include "dog.hpp"

namespace dogschool {

// slide: add_trick
void Dog::add_trick(std::string trick)
{
    // >>> step 3: Dog::add_trick
    tricks_.push_back(std::move(trick));
    // <<<
}
// end slide

    // slide: outer
    int a = 1;
    // slide: inner
    int b = 2;
    // end slide
    // end slide

}  // namespace dogschool
"""

DECK = """\
# A deck

<!-- code: solutions/01-x/dog.cpp#add_trick -->
```cpp
old text
```

<!-- code: solutions/01-x/dog.cpp#Dog::add_trick -->
```cpp
```

```text
not checked
```
"""


class Kit:
    """A throwaway kit root with a solution, a starter, a slides folder and a manifest."""

    def __init__(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)
        (self.root / "solutions" / "01-x").mkdir(parents=True)
        (self.root / "solutions" / "01-x" / "dog.cpp").write_text(SOLUTION)
        (self.root / "stages" / "01-x").mkdir(parents=True)
        (self.root / "stages" / "01-x" / "dog.cpp").write_text(SOLUTION)
        (self.root / "slides" / "diagrams").mkdir(parents=True)
        manifest = {"stages": [{"id": "x", "folder": "01-x", "title": "X", "part": "A", "minutes": 5}]}
        (self.root / "stages" / "manifest.json").write_text(json.dumps(manifest))
        self.saved = (build.ROOT, build.HERE, build.DIAGRAMS)
        build.ROOT, build.HERE, build.DIAGRAMS = self.root, self.root / "slides", self.root / "slides" / "diagrams"

    def deck(self, text: str, name: str = "part-a-test.md") -> Path:
        path = self.root / "slides" / name
        path.write_text(text)
        return path

    def close(self) -> None:
        build.ROOT, build.HERE, build.DIAGRAMS = self.saved
        self.tmp.cleanup()


class KitTestCase(unittest.TestCase):
    def setUp(self) -> None:
        self.kit = Kit()

    def tearDown(self) -> None:
        self.kit.close()


class RegionTests(KitTestCase):
    def test_a_slide_region_is_its_lines_without_any_marker(self):
        self.assertEqual(build.region_text("solutions/01-x/dog.cpp#add_trick"),
                         ["void Dog::add_trick(std::string trick)", "{",
                          "    tricks_.push_back(std::move(trick));", "}"])

    def test_a_stub_region_is_its_body_dedented(self):
        self.assertEqual(build.region_text("solutions/01-x/dog.cpp#Dog::add_trick"),
                         ["tricks_.push_back(std::move(trick));"])

    def test_nested_regions_are_both_usable_and_lose_their_indentation(self):
        self.assertEqual(build.region_text("solutions/01-x/dog.cpp#outer"), ["int a = 1;", "int b = 2;"])
        self.assertEqual(build.region_text("solutions/01-x/dog.cpp#inner"), ["int b = 2;"])

    def test_a_starter_keeps_its_stub_markers(self):
        lines = build.region_text("stages/01-x/dog.cpp#add_trick")
        self.assertIn("    // >>> step 3: Dog::add_trick", lines)
        self.assertNotIn("// slide: add_trick", lines)

    def test_a_missing_region_or_file_is_a_problem_naming_it(self):
        with self.assertRaisesRegex(build.Problem, "no region 'nope'"):
            build.region_text("solutions/01-x/dog.cpp#nope")
        with self.assertRaisesRegex(build.Problem, "no file"):
            build.region_text("solutions/01-x/cat.cpp#x")
        with self.assertRaisesRegex(build.Problem, "must start with"):
            build.region_text("tools/kit.py")

    def test_an_unclosed_slide_region_is_a_problem(self):
        (self.kit.root / "solutions" / "01-x" / "bad.cpp").write_text("// slide: open\nint x;\n")
        with self.assertRaisesRegex(build.Problem, "never closed"):
            build.region_text("solutions/01-x/bad.cpp#open")


class SyncTests(KitTestCase):
    def test_sync_writes_every_block_from_its_region_and_check_then_passes(self):
        deck = self.kit.deck(DECK)
        problems, _ = build.check_code([deck], fix=False)
        self.assertEqual(len(problems), 2)
        self.assertIn("differs from solutions/01-x/dog.cpp#add_trick", problems[0])
        problems, tracked = build.check_code([deck], fix=True)
        self.assertEqual((problems, tracked), ([], 2))
        self.assertEqual(build.check_code([deck], fix=False), ([], 2))
        text = deck.read_text()
        self.assertIn("```cpp\nvoid Dog::add_trick(std::string trick)\n{\n", text)
        self.assertIn("```cpp\ntricks_.push_back(std::move(trick));\n```", text)
        self.assertIn("```text\nnot checked\n```", text)

    def test_a_cpp_block_without_a_source_is_a_problem_unless_it_is_a_sketch(self):
        deck = self.kit.deck("```cpp\nint x;\n```\n\n<!-- code: sketch -->\n```cpp\nint y;\n```\n")
        problems, tracked = build.check_code([deck], fix=False)
        self.assertEqual(tracked, 0)
        self.assertEqual(len(problems), 1)
        self.assertIn(":1: a C++ block without a source", problems[0])

    def test_a_marker_must_sit_right_above_its_block(self):
        deck = self.kit.deck("<!-- code: solutions/01-x/dog.cpp#inner -->\n\n```cpp\nint b = 2;\n```\n")
        problems, _ = build.check_code([deck], fix=False)
        self.assertTrue(any("just above" in p for p in problems), problems)


class ImageTests(KitTestCase):
    def test_images_must_exist_be_local_and_stay_inside_slides(self):
        (self.kit.root / "slides" / "diagrams" / "flow.dot").write_text("digraph { a -> b }")
        (self.kit.root / "slides" / "photo.png").write_bytes(b"png")
        deck = self.kit.deck("![a](diagrams/flow.svg)\n![b](photo.png)\n![c](diagrams/none.svg)\n"
                             "![d](https://example.org/x.png)\n![e](../outside.png)\n"
                             "```text\n![not an image](inside-code.png)\n```\n")
        problems, count = build.check_images([deck])
        self.assertEqual(count, 5)
        self.assertEqual(len(problems), 3)
        self.assertIn(":3: the image diagrams/none.svg does not exist", problems[0])
        self.assertIn("remote image", problems[1])
        self.assertIn("inside slides/", problems[2])


class ExerciseTests(KitTestCase):
    def test_each_stage_needs_an_exercise_slide_in_its_parts_deck(self):
        deck = self.kit.deck("# nothing here\n")
        self.assertIn("no exercise slide for stage 01", build.check_exercises([deck])[0])
        deck.write_text("## Now: stage 01 · `./workshop check 1`\n")
        self.assertEqual(build.check_exercises([deck]), [])
        self.assertIn("has no deck", build.check_exercises([])[0])


def png(width: int, height: int, rows: list[bytes], channels: int = 3) -> bytes:
    """A PNG whose rows are given already filtered (each starts with its filter byte)."""
    colour = {3: 2, 4: 6}[channels]

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b""))


class PngTests(unittest.TestCase):
    def test_every_filter_type_is_undone(self):
        # Two pixels per row, RGB; each row's raw bytes are filtered against the row above.
        raw = [bytes([10, 20, 30, 40, 50, 60]), bytes([11, 22, 33, 44, 55, 66])]
        sub = bytes([raw[1][0], raw[1][1], raw[1][2]] + [(raw[1][i] - raw[1][i - 3]) & 255 for i in range(3, 6)])
        up = bytes((raw[1][i] - raw[0][i]) & 255 for i in range(6))
        average = bytes((raw[1][i] - (((raw[1][i - 3] if i >= 3 else 0) + raw[0][i]) >> 1)) & 255
                        for i in range(6))

        def paeth(i: int) -> int:
            a, b, c = (raw[1][i - 3] if i >= 3 else 0), raw[0][i], (raw[0][i - 3] if i >= 3 else 0)
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            return a if pa <= pb and pa <= pc else b if pb <= pc else c

        paeth_row = bytes((raw[1][i] - paeth(i)) & 255 for i in range(6))
        for kind, second in ((1, sub), (2, up), (3, average), (4, paeth_row)):
            with self.subTest(filter=kind):
                data = png(2, 2, [b"\x00" + raw[0], bytes([kind]) + second])
                _w, _h, channels, rows = build.png_rgb(data)
                self.assertEqual((channels, rows), (3, raw))

    def test_a_blank_picture_has_no_ink_and_a_drawn_one_has_some(self):
        with tempfile.TemporaryDirectory() as folder:
            blank = Path(folder) / "blank.png"
            blank.write_bytes(png(4, 2, [b"\x00" + b"\xff" * 16] * 2, channels=4))
            self.assertEqual(build.ink(blank), (0.0, 1))
            drawn = Path(folder) / "drawn.png"
            drawn.write_bytes(png(4, 2, [b"\x00" + b"\xff" * 16, b"\x00" + b"\x00\x00\x00\xff" + b"\xff" * 12],
                                  channels=4))
            self.assertEqual(build.ink(drawn), (1 / 8, 2))

    def test_a_file_that_is_not_a_png_is_a_problem(self):
        with self.assertRaises(build.Problem):
            build.png_rgb(b"GIF89a")


if __name__ == "__main__":
    unittest.main()
