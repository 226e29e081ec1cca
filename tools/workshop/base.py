"""What every part of the runner shares: where the kit is, and how it speaks (short, coloured on
a terminal, plain otherwise)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import kitcore

ROOT = kitcore.ROOT
STATE_DIR = ROOT / ".workshop"
LOG_DIR = STATE_DIR / "logs"
INTERACTIVE = sys.stdin.isatty() and not os.environ.get("CI")


# --------------------------------------------------------------------------------------------
# Output


class Style:
    def __init__(self) -> None:
        self.on = sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.utf8 = (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text

    def good(self, t: str) -> str:
        return self._wrap("32", t)

    def bad(self, t: str) -> str:
        return self._wrap("31", t)

    def warn(self, t: str) -> str:
        return self._wrap("33", t)

    def bold(self, t: str) -> str:
        return self._wrap("1", t)

    def dim(self, t: str) -> str:
        return self._wrap("2", t)

    @property
    def tick(self) -> str:
        return self.good("✓" if self.utf8 else "ok")

    @property
    def cross(self) -> str:
        return self.bad("✗" if self.utf8 else "x ")


S = Style()


def say(text: str = "") -> None:
    print(text, flush=True)


def rel(path: Path | str) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT.resolve()))
    except ValueError:
        return str(path)


class Fail(Exception):
    """Stops the runner with a message (already user-facing) and an exit code."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")

