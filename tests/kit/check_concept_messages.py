"""es::Aggregate states what it needs of an aggregate as concepts (es::EventSourced), checked where it
uses them: an aggregate whose mutate() the compiler cannot find gets one error line that names
mutate, not pages of template errors. One compile of a tiny aggregate against
solutions/09-aggregate, with the compiler the kit is built with (KIT_CXX, set by ctest) or c++."""

import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STAGE = ROOT / "solutions" / "09-aggregate"
MAX_LINES = 10  # gcc 12 prints 7 lines, clang 16 prints 8 (the message, where, and what led there)

# A shopping cart whose mutator is misspelled `mutat`: record() cannot find a mutate for it.
MISSPELLED_MUTATOR = """
#include <optional>
#include <variant>

#include "aggregate.hpp"

namespace shop {
struct Opened : es::DomainEvent {};
using CartEvent = std::variant<Opened>;

class Cart : public es::Aggregate<Cart, CartEvent> {
public:
    static Cart open()
    {
        Cart cart;
        cart.record<Opened>();
        return cart;
    }
    friend std::optional<Cart> mutat(std::optional<Cart> cart, const CartEvent& event)
    {
        std::visit([&](const Opened& e) { Cart::start(cart, e); }, event);
        return cart;
    }

private:
    friend Aggregate;
    Cart() = default;
};
}  // namespace shop

int main() { shop::Cart::open(); }
"""


def compile_output(source: str) -> tuple[int, str]:
    compiler = os.environ.get("KIT_CXX") or os.environ.get("CXX") or shutil.which("c++") or "c++"
    flags = shlex.split(os.environ.get("KIT_CXXFLAGS", ""))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cart.cpp"
        path.write_text(source)
        run = subprocess.run([compiler, *flags, "-std=c++20", "-fsyntax-only", "-I", str(STAGE),
                              "-I", str(ROOT / "support"), str(path)],
                             capture_output=True, text=True, timeout=120)
    return run.returncode, run.stdout + run.stderr


class AMissingMutator(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.returncode, cls.output = compile_output(MISSPELLED_MUTATOR)
        cls.errors = [line for line in cls.output.splitlines() if re.search(r"\berror: ", line)]

    def test_an_aggregate_without_mutate_is_refused_in_one_line_that_names_mutate(self):
        self.assertNotEqual(self.returncode, 0, self.output)
        self.assertEqual(len(self.errors), 1, self.output)
        self.assertIn("static assertion failed", self.errors[0])
        self.assertIn("es::EventSourced: no mutate() for this aggregate", self.errors[0])
        self.assertLess(len(self.output.splitlines()), MAX_LINES, self.output)

    def test_the_stage_readme_shows_the_message_the_compiler_gives(self):
        found = re.search(r"es::EventSourced: .*", self.errors[0] if self.errors else "")
        self.assertTrue(found, self.output)
        message = found.group(0)
        readme = (STAGE / "README.md").read_text()
        self.assertIn(message, " ".join(readme.split()), "solutions/09-aggregate/README.md quotes another message")


if __name__ == "__main__":
    unittest.main()
