"""Reading a build log the way a student needs it: the first error with its source lines, the line
of the student's code that led into a library header, the linker's undefined or duplicate symbol
with where it is used, and the warnings in one folder. gcc and clang, with GNU ld, gold and lld
alike (and Apple's ld): tests/kit/test_compiler_output.py checks each on captured logs.

`shown` turns a path from the log into the one to print (relative to the kit when inside it);
`ours` says whether a path is the kit's own code rather than a library's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, NamedTuple

Shown = Callable[[str], str]
Ours = Callable[[str], bool]

LOCATION = r"(?P<file>[^\s:][^:]*):(?P<line>\d+):(?:(?P<col>\d+):)?"
ERROR_LINE = re.compile(rf"^{LOCATION} (?:fatal )?error: (?P<msg>.*)$")
WARNING_LINE = re.compile(rf"^{LOCATION} warning: (?P<msg>.*)$")
# gcc: "file:7:46:   required from here"; clang: "file:7:46: note: in instantiation of ... requested here"
LEADS_HERE = re.compile(rf"^{LOCATION}\s+(?P<what>required from here|note:|error:)")
GCC_EXCERPT = re.compile(r"^\s+\d* *\|")  # "   90 |   code" and "      |   ^~~~"
CLANG_CARET = re.compile(r"^\s*[~^]*\^[~^]*\s*$")  # the line under clang's quoted source line


class BuildError(NamedTuple):
    kind: str  # "compile", "link" or "unknown"
    lines: list[str]


def first_error(log: str, shown: Shown, ours: Ours) -> BuildError:
    """The one thing to read in a failed build's log."""
    lines = log.splitlines()
    link = link_error(lines, shown)
    for i, line in enumerate(lines):
        match = ERROR_LINE.match(line)
        if not match:
            continue
        if link and match["msg"].startswith("undefined reference"):  # gold says it like a compiler
            return link
        out = [f"{shown(match['file'])}:{match['line']}: error: {match['msg']}", *excerpt(lines, i + 1)]
        if not ours(match["file"]):
            nearby = lines[max(0, i - 30) : i] + lines[i + 1 : i + 30]
            for candidate in nearby:
                here = LEADS_HERE.match(candidate)
                if here and ours(here["file"]):
                    out.insert(0, f"{shown(here['file'])}:{here['line']}: this line leads to the error below")
                    break
        return BuildError("compile", out)
    if link:
        return link
    noise = ("ninja: build stopped", "FAILED: ", "[")
    tail = [line for line in lines if line.strip() and not line.startswith(noise)]
    return BuildError("unknown", tail[-8:])


def excerpt(lines: list[str], start: int) -> list[str]:
    """The source lines a compiler quotes under its message: gcc numbers them ("  7 | code"),
    clang 16 and older print the line as it is and a caret line under it."""
    quoted = []
    for follow in lines[start : start + 3]:
        if not GCC_EXCERPT.match(follow):
            break
        quoted.append("  " + follow)
    if not quoted and start + 1 < len(lines) and CLANG_CARET.match(lines[start + 1]):
        quoted = ["  " + lines[start], "  " + lines[start + 1]]
    return quoted


# --------------------------------------------------------------------------------------------
# The linker


def tidy_symbol(symbol: str) -> str:
    """Demangled names as a person writes them: std::string, not basic_string<char, ...>."""
    symbol = re.sub(r"std::__(?:cxx11|1)::", "std::", symbol)  # libstdc++'s and libc++'s inline namespaces
    symbol = re.sub(r"std::basic_string<char, std::char_traits<char>, std::allocator<char> ?>", "std::string", symbol)
    return symbol.strip()


def source_of_object(path: str) -> str:
    """CMake names an object after its source: CMakeFiles/<target>.dir/<source path>.o"""
    return re.sub(r"\.o(bj)?$", "", re.sub(r"^.*?CMakeFiles/[^/]+\.dir/", "", path))


def link_error(lines: list[str], shown: Shown) -> BuildError | None:
    undefined: dict[str, list[str]] = {}
    duplicate: dict[str, list[str]] = {}

    def note(table: dict[str, list[str]], symbol: str, where: str | None = None) -> list[str]:
        places = table.setdefault(tidy_symbol(symbol), [])
        if where and where not in places:
            places.append(where)
        return places

    places: list[str] | None = None  # lld lists locations on the lines after its message
    for i, line in enumerate(lines):
        if m := re.match(r"^\S*ld(?:\.lld)?: error: undefined symbol: (.*)$", line):
            places = note(undefined, m[1])
        elif m := re.match(r"^\S*ld(?:\.lld)?: error: duplicate symbol: (.*)$", line):
            places = note(duplicate, m[1])
        elif places is not None and (m := re.match(r"^>>> (?:referenced by|defined at) \S+ \((.+):(\d+)\)", line)):
            places.append(f"{shown(m[1])}:{m[2]}")
        elif places is not None and (m := re.match(r"^>>> (?:referenced by|defined at) (\S+?):(\d+)$", line)):
            places.append(f"{shown(m[1])}:{m[2]}")
        elif line.startswith(">>> "):
            continue
        elif m := re.match(rf"^{LOCATION} (?:error: )?undefined reference to [`'](.*)'$", line):
            places = None
            note(undefined, m[4], f"{shown(m['file'])}:{m['line']}")
        elif m := re.match(r"^(.*?):\(.*?\): undefined reference to `(.*)'$", line):  # no debug info
            places = None
            note(undefined, m[2], shown(source_of_object(m[1])))
        elif m := re.match(rf"^{LOCATION} multiple definition of `(.*)'; (?:.*?:)?(.+?):(\d+): first defined here", line):
            places = None
            note(duplicate, m[4], f"{shown(m['file'])}:{m['line']}")
            note(duplicate, m[4], f"{shown(m[5])}:{m[6]}")
        elif m := re.match(r"^\S*ld\.gold: error: (\S+): multiple definition of '(.*)'$", line):
            places = note(duplicate, m[2], shown(source_of_object(m[1])))
        elif places is not None and (m := re.match(r"^\S*ld\.gold: (\S+): previous definition here", line)):
            places.append(shown(source_of_object(m[1])))
        elif line.startswith("Undefined symbols for architecture"):  # Apple's ld
            places = None
            for follow in lines[i + 1 :]:
                if m := re.match(r'^\s+"(.*)", referenced from:$', follow):
                    places = note(undefined, m[1])
                elif places is not None and (m := re.match(r"^\s+\S+ in (\S+)$", follow)):
                    places.append(shown(source_of_object(m[1])))
                else:
                    break
            places = None
        elif m := re.match(r"^duplicate symbol '(.*)' in:$", line):  # Apple's ld
            places = note(duplicate, m[1])
            for follow in lines[i + 1 :]:
                if not re.match(r"^\s+\S+\.o$", follow):
                    break
                places.append(shown(source_of_object(follow.strip())))
            places = None
        else:
            places = None
    if undefined:
        symbol, used = next(iter(undefined.items()))
        out = [f"link error: {symbol} is declared and used, but never defined",
               "  (is its definition missing, or spelt with other parameter types or without its class name?)"]
        out += [f"  used at {where}" for where in used[:3]]
        if len(undefined) > 1:
            out.append(f"  and {len(undefined) - 1} more undefined: " + ", ".join(list(undefined)[1:4]))
        return BuildError("link", out)
    if duplicate:
        symbol, defined = next(iter(duplicate.items()))
        out = [f"link error: {symbol} is defined more than once",
               "  (a function defined in a header needs `inline`; or one of the two is left over)"]
        out += [f"  defined at {where}" for where in defined[:3]]
        return BuildError("link", out)
    return None


# --------------------------------------------------------------------------------------------
# Warnings


def warnings_in(log: str, folder: Path, shown: Shown) -> list[str]:
    """The compiler's warnings about files in `folder` (the student's stage), each once."""
    found: list[str] = []
    inside = folder.resolve()
    for line in log.splitlines():
        match = WARNING_LINE.match(line)
        if match and Path(match["file"]).resolve().is_relative_to(inside):
            text = f"{shown(match['file'])}:{match['line']}: warning: {match['msg']}"
            if text not in found:
                found.append(text)
    return found
