#!/usr/bin/env python3
"""The workshop's slide decks: render them, keep their code in step with the solutions, check them.

  python3 slides/build.py [DECK ...]  render the decks (all by default) into slides/out/: HTML,
                                      and PDF when Chromium is installed (./workshop slides)
  python3 slides/build.py --sync      rewrite every code block of the decks from the solution
                                      region it names
  python3 slides/build.py --check     what ./workshop test runs (ctest kit/slides): every code
                                      block equals its region, every image exists, every deck
                                      renders to HTML, and a headless Chromium screenshot of each
                                      deck's first slide is not blank
Options: --out DIR (where to render; --check uses a temporary folder unless given), --no-pdf.

The code-on-slides rule. A code block that shows kit code is preceded by a comment naming its
source, relative to the kit's root:

    <!-- code: solutions/03-mutator/dog.cpp#mutate -->
    ```cpp
    ...
    ```

The name after '#' is a region of that file: either a slide region, marked in the source by the
lines `// slide: mutate` and `// end slide`, or a stub region, named as in `// >>> step 3: NAME`.
Without '#NAME', the whole file. The block holds the region's lines without their common
indentation and without marker lines (a file under stages/ keeps its stub markers: a starter is
shown as the student sees it). Files may be under solutions/, stages/ or support/. A C++ block that deliberately shows code which is not the kit's
(a sketch, a mistake to avoid) says so with `<!-- code: sketch -->`.

Needs Python 3 (standard library only), Node.js + npm (Marp CLI, pinned in package-lock.json,
installed into slides/node_modules by `npm ci` on first use), Graphviz's `dot` for the diagrams
(slides/diagrams/*.dot, rendered to SVG), and Chromium for PDFs and for the check's screenshots.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tools"))
import kitcore  # noqa: E402  (the kit's shared code: manifest and stub regions)

DIAGRAMS = HERE / "diagrams"
MARP_CONFIG = HERE / "marprc.yml"  # the theme, and Markdown options
DEFAULT_OUT = HERE / "out"
MARP = HERE / "node_modules" / ".bin" / "marp"
CODE_ROOTS = ("solutions/", "stages/", "support/")

INSTALL = {
    "node": "sudo apt-get install -y nodejs npm",
    "dot": "sudo apt-get install -y graphviz",
    "chromium": "sudo apt-get install -y chromium",
}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]
SHOT_SIZE = (960, 540)  # the slide fills the window; small enough to decode quickly in Python


class Problem(Exception):
    """Something the maintainer must fix; the message says what and how."""


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def say(text: str = "") -> None:
    print(text, flush=True)


# --------------------------------------------------------------------------------------------
# Decks


def all_decks() -> list[Path]:
    return sorted(HERE.glob("part-*.md"))


def choose_decks(names: list[str]) -> list[Path]:
    decks = all_decks()
    if not names:
        return decks
    chosen = []
    for name in names:
        found = [d for d in decks if name in (d.name, d.stem) or d.stem.startswith(f"part-{name.lower()}-")]
        if not found:
            raise Problem(f"no deck '{name}'. Decks: " + ", ".join(d.stem for d in decks))
        chosen.extend(found)
    return chosen


CODE_MARKER = re.compile(r"^<!--\s*code:\s*(?P<ref>\S.*?)\s*-->\s*$")  # region names may have spaces
FENCE_OPEN = re.compile(r"^(?P<fence>`{3,})(?P<lang>[\w+-]*)\s*$")
IMAGE_MD = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
IMAGE_HTML = re.compile(r"<img\b[^>]*\bsrc=\"(?P<src>[^\"]+)\"")


@dataclasses.dataclass
class Block:
    deck: Path
    ref: str | None  # None: a C++ block with no marker at all
    marker_line: int  # 0-based; -1 without marker
    open_line: int  # 0-based index of the opening fence
    close_line: int  # 0-based index of the closing fence
    lang: str
    body: list[str]

    def where(self) -> str:
        return f"{rel(self.deck)}:{(self.marker_line if self.marker_line >= 0 else self.open_line) + 1}"


def parse_blocks(deck: Path, lines: list[str]) -> tuple[list[Block], list[str]]:
    """Every fenced block that is marked, or that is C++; plus structural problems."""
    blocks, problems = [], []
    i = 0
    pending: tuple[str, int] | None = None
    while i < len(lines):
        line = lines[i]
        marker = CODE_MARKER.match(line)
        if marker:
            if pending:
                problems.append(f"{rel(deck)}:{pending[1] + 1}: the code marker is not followed by a fenced block")
            pending = (marker["ref"], i)
            i += 1
            continue
        opened = FENCE_OPEN.match(line)
        if opened:
            fence = opened["fence"]
            close = next((j for j in range(i + 1, len(lines))
                          if lines[j].startswith(fence) and lines[j].strip("`").strip() == ""), None)
            if close is None:
                problems.append(f"{rel(deck)}:{i + 1}: this code block is never closed")
                return blocks, problems
            marked = pending is not None and pending[1] == i - 1
            if pending and not marked:
                problems.append(f"{rel(deck)}:{pending[1] + 1}: put the code marker on the line just "
                                f"above the block's opening ```")
            if marked or opened["lang"] in ("cpp", "c++", "hpp", "h"):
                blocks.append(Block(deck, pending[0] if marked else None, pending[1] if marked else -1,
                                    i, close, opened["lang"], lines[i + 1 : close]))
            pending = None
            i = close + 1
            continue
        if pending and line.strip():
            problems.append(f"{rel(deck)}:{pending[1] + 1}: the code marker is not followed by a fenced block")
            pending = None
        i += 1
    if pending:
        problems.append(f"{rel(deck)}:{pending[1] + 1}: the code marker is not followed by a fenced block")
    return blocks, problems


def image_refs(lines: list[str]) -> list[tuple[int, str]]:
    found = []
    in_fence = False
    for i, line in enumerate(lines):
        if FENCE_OPEN.match(line) or (in_fence and line.startswith("```")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for pattern in (IMAGE_MD, IMAGE_HTML):
            for match in pattern.finditer(line):
                found.append((i, match["src"]))
    return found


# --------------------------------------------------------------------------------------------
# Regions of source files

SLIDE_OPEN = re.compile(r"^[ \t]*// slide: (?P<name>\S+)\s*$")
SLIDE_CLOSE = re.compile(r"^[ \t]*// end slide\s*$")


def is_marker(line: str, keep_stub_markers: bool = False) -> bool:
    if SLIDE_OPEN.match(line) or SLIDE_CLOSE.match(line):
        return True
    return not keep_stub_markers and bool(kitcore.REGION_OPEN.match(line) or kitcore.REGION_CLOSE.match(line))


def slide_regions(text: str, file: str) -> dict[str, tuple[int, int]]:
    """Slide region name -> (first line, end) of its content, 0-based, end exclusive."""
    regions: dict[str, tuple[int, int]] = {}
    open_ones: list[tuple[str, int]] = []
    for i, line in enumerate(text.splitlines()):
        opened = SLIDE_OPEN.match(line)
        if opened:
            open_ones.append((opened["name"], i))
        elif SLIDE_CLOSE.match(line):
            if not open_ones:
                raise Problem(f"{file}:{i + 1}: '// end slide' closes no slide region")
            name, start = open_ones.pop()
            if name in regions:
                raise Problem(f"{file}:{start + 1}: a second slide region is named '{name}'")
            regions[name] = (start + 1, i)
        elif "// slide:" in line or "// end slide" in line:
            raise Problem(f"{file}:{i + 1}: malformed slide marker; write '// slide: NAME' "
                          f"and '// end slide' on lines of their own")
    if open_ones:
        name, start = open_ones[-1]
        raise Problem(f"{file}:{start + 1}: slide region '{name}' is never closed with '// end slide'")
    return regions


def dedent(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    widths = [len(line) - len(line.lstrip(" \t")) for line in lines if line]
    cut = min(widths, default=0)
    return [line[cut:] for line in lines]


def region_text(ref: str) -> list[str]:
    """The lines a code block naming `ref` must hold."""
    path_text, _, name = ref.partition("#")
    if not path_text.startswith(CODE_ROOTS):
        raise Problem(f"'{ref}': code on slides comes from the kit's sources; the path must start "
                      f"with {' or '.join(CODE_ROOTS)}")
    path = ROOT / path_text
    if not path.is_file():
        raise Problem(f"'{ref}': there is no file {path_text}")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    # A starter is shown as the student sees it, stub markers and all; other code without them.
    keep = path_text.startswith("stages/")
    if not name:
        return dedent([line for line in lines if not is_marker(line, keep)])
    slides = slide_regions(text, path_text)
    if name in slides:
        start, end = slides[name]
        return dedent([line for line in lines[start:end] if not is_marker(line, keep)])
    for region in kitcore.parse_regions(text, path_text):
        if region.name == name:
            return dedent(lines[region.open_line + 1 : region.close_line])
    known = sorted(slides) + [r.name for r in kitcore.parse_regions(text, path_text)]
    raise Problem(f"'{ref}': {path_text} has no region '{name}'"
                  + (f" (it has: {', '.join(known)})" if known else
                     " (mark one with '// slide: NAME' ... '// end slide')"))


# --------------------------------------------------------------------------------------------
# Static checks and --sync


def check_code(decks: list[Path], fix: bool) -> tuple[list[str], int]:
    """Problems with code blocks (fixing what --sync may fix), and how many blocks are tracked."""
    problems: list[str] = []
    tracked = 0
    for deck in decks:
        lines = deck.read_text(encoding="utf-8").splitlines()
        blocks, structural = parse_blocks(deck, lines)
        problems.extend(structural)
        replacements: list[tuple[Block, list[str]]] = []
        for block in blocks:
            if block.ref is None:
                problems.append(f"{block.where()}: a C++ block without a source. Put "
                                f"'<!-- code: solutions/NN-name/FILE#REGION -->' on the line above it "
                                f"(or '<!-- code: sketch -->' for code that is deliberately not the kit's)")
                continue
            if block.ref == "sketch":
                continue
            tracked += 1
            try:
                expected = region_text(block.ref)
            except (Problem, kitcore.KitError) as e:
                problems.append(f"{block.where()}: {e}")
                continue
            if block.body != expected:
                if fix:
                    replacements.append((block, expected))
                else:
                    problems.append(f"{block.where()}: the block differs from {block.ref}; "
                                    f"run: python3 slides/build.py --sync\n" + short_diff(block.body, expected))
        if replacements:
            for block, expected in sorted(replacements, key=lambda r: r[0].open_line, reverse=True):
                lines[block.open_line + 1 : block.close_line] = expected
            deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
            say(f"synced {len(replacements)} block(s) in {rel(deck)}")
    return problems, tracked


def short_diff(have: list[str], want: list[str]) -> str:
    import difflib

    diff = list(difflib.unified_diff(have, want, "slide", "source", lineterm="", n=1))
    shown = diff[:16] + (["    ..."] if len(diff) > 16 else [])
    return "\n".join("    " + line for line in shown)


def image_sources(deck: Path) -> list[tuple[int, str, Path | None, str]]:
    """(line, src, file it comes from, problem) for every image the deck shows."""
    found = []
    for i, src in image_refs(deck.read_text(encoding="utf-8").splitlines()):
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
            found.append((i, src, None, "a remote image: the slides must work offline; keep it in slides/"))
            continue
        target = (deck.parent / src).resolve()
        if not target.is_relative_to(HERE):
            found.append((i, src, None, "images must be inside slides/"))
            continue
        dot = target.with_suffix(".dot")
        if target.parent == DIAGRAMS and target.suffix == ".svg" and dot.is_file():
            found.append((i, src, dot, ""))
        elif target.is_file():
            found.append((i, src, target, ""))
        else:
            hint = f" (nor a diagram source diagrams/{target.stem}.dot)" if target.parent == DIAGRAMS else ""
            found.append((i, src, None, f"the image {src} does not exist{hint}"))
    return found


def check_images(decks: list[Path]) -> tuple[list[str], int]:
    problems, count = [], 0
    for deck in decks:
        for line, src, _source, problem in image_sources(deck):
            count += 1
            if problem:
                problems.append(f"{rel(deck)}:{line + 1}: {problem}")
    return problems, count


def check_exercises(decks: list[Path]) -> list[str]:
    """Each stage has its exercise slide in its part's deck: the decks lead into the stages."""
    problems = []
    try:
        stages = kitcore.load_stages(ROOT)
    except kitcore.KitError as e:
        return [str(e)]
    by_part: dict[str, list[Path]] = {}
    for deck in decks:
        match = re.match(r"part-([a-z])-", deck.stem)
        if match:
            by_part.setdefault(match[1].upper(), []).append(deck)
    for stage in stages:
        part_decks = by_part.get(stage.part.upper(), [])
        if not part_decks:
            problems.append(f"stage {stage.nn} is in part {stage.part}, which has no deck "
                            f"(slides/part-{stage.part.lower()}-*.md)")
            continue
        wanted = f"./workshop check {stage.number}`"
        if not any(wanted in d.read_text(encoding="utf-8") for d in part_decks):
            problems.append(f"{rel(part_decks[0])}: no exercise slide for stage {stage.nn} "
                            f"(a slide saying `{wanted})")
    return problems


# --------------------------------------------------------------------------------------------
# Tools


def chromium_path() -> str | None:
    given = os.environ.get("CHROME_PATH")
    if given and Path(given).is_file():
        return given
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def need(tool: str, what: str) -> str:
    found = shutil.which(tool)
    if not found:
        raise Problem(f"{tool} is needed {what} but is not installed. On Debian / Ubuntu:\n"
                      f"  {INSTALL.get(tool, 'sudo apt-get install -y ' + tool)}")
    return found


def ensure_marp() -> None:
    """Install the pinned Marp CLI (slides/package-lock.json) on first use."""
    for tool in ("node",) if MARP.exists() else ("node", "npm"):
        if not shutil.which(tool):
            raise Problem("Node.js and npm are needed to render the slides (Marp CLI), but "
                          f"{tool} is not installed. On Debian / Ubuntu:\n  {INSTALL['node']}")
    version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    major = re.match(r"v(\d+)", version)
    if major and int(major[1]) < 18:
        raise Problem(f"Marp CLI needs Node.js 18 or newer; this is {version}.")
    if MARP.exists():
        return
    say("Installing Marp CLI into slides/node_modules (npm ci, once) ...")
    proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, capture_output=True, text=True,
                          env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})
    if proc.returncode != 0 or not MARP.exists():
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise Problem(f"npm ci failed in slides/ (it needs the npm registry):\n{tail}")


def marp_env() -> dict[str, str]:
    env = {**os.environ, "CHROME_DISABLE_GPU": "1"}
    browser = chromium_path()
    if browser:
        env["CHROME_PATH"] = browser
    # Chromium's sandbox does not start as root (containers, CI): Marp then passes --no-sandbox.
    if os.geteuid() == 0 or os.environ.get("CI"):
        env["CHROME_NO_SANDBOX"] = "1"
    return env


def run(command: list[str], what: str, env: dict | None = None, timeout: float = 300,
        cwd: Path = HERE) -> subprocess.CompletedProcess:
    try:
        proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, errors="replace",
                              env=env, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise Problem(f"{what}: timed out after {timeout:.0f} s") from None
    if proc.returncode != 0:
        tail = "\n".join("  " + line for line in (proc.stdout + proc.stderr).strip().splitlines()[-20:])
        raise Problem(f"{what} failed (exit {proc.returncode}):\n{tail}")
    return proc


# --------------------------------------------------------------------------------------------
# Rendering


def render_diagrams(decks: list[Path], out: Path) -> list[Path]:
    """Render the diagrams the decks use, and copy their other images, into out/ (same paths)."""
    made = []
    for deck in decks:
        for _line, src, source, problem in image_sources(deck):
            if problem or source is None:
                continue
            target = out / (deck.parent / src).resolve().relative_to(HERE)
            if target in made:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.suffix == ".dot":
                dot = need("dot", "to draw the diagrams (Graphviz)")
                run([dot, "-Tsvg", str(source), "-o", str(target)], f"dot {rel(source)}")
            else:
                shutil.copyfile(source, target)
            made.append(target)
    return made


def render_deck(deck: Path, out: Path, kind: str) -> Path:
    target = out / (deck.stem + "." + kind)
    command = [str(MARP), "--no-stdin", "--config-file", str(MARP_CONFIG), "--output", str(target)]
    if kind == "pdf":
        command += ["--pdf", "--allow-local-files", "--pdf-notes"]
    run([*command, str(deck)], f"Marp ({rel(deck)} to {kind.upper()})", env=marp_env())
    if not target.is_file():
        raise Problem(f"Marp reported success but wrote no {rel(target)}")
    return target


def render_decks_html(decks: list[Path], out: Path) -> None:
    """Every deck to out/<deck>.html in one Marp run (Node.js starts once, not once a deck: ~1.5 s
    each), without the on-screen controls, which would make any slide look drawn."""
    with tempfile.TemporaryDirectory(prefix="slides-decks-") as inputs:
        for deck in decks:
            shutil.copyfile(deck, Path(inputs) / deck.name)
        run([str(MARP), "--no-stdin", "--config-file", str(MARP_CONFIG), "--bespoke.osc=false", "--input-dir",
             inputs, "--output", str(out)], f"Marp ({len(decks)} decks to HTML)", env=marp_env())


def screenshot(html: Path, png: Path) -> None:
    browser = chromium_path()
    if not browser:
        raise Problem("Chromium is needed for the slides check (a screenshot of each deck) but is not "
                      f"installed. On Debian / Ubuntu:\n  {INSTALL['chromium']}")
    with tempfile.TemporaryDirectory(prefix="slides-chromium-") as profile:
        width, height = SHOT_SIZE
        run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             "--virtual-time-budget=5000", f"--screenshot={png}", html.resolve().as_uri()],
            f"Chromium screenshot of {html.name}", timeout=120)
    if not png.is_file():
        raise Problem(f"Chromium wrote no screenshot of {html.name}")


# --------------------------------------------------------------------------------------------
# Is a PNG blank? (decoded here with zlib: no third-party package)


def png_rgb(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """Width, height, samples per pixel, and the unfiltered rows of a non-interlaced 8-bit PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise Problem("the screenshot is not a PNG file")
    pos, idat, header = 8, [], None
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise Problem("the screenshot PNG has no header")
    width, height, depth, colour, _compression, _filter, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise Problem(f"unexpected PNG format (depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        if kind == 1:
            for x in range(channels, stride):
                line[x] = (line[x] + line[x - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for x in range(stride):
                left = line[x - channels] if x >= channels else 0
                line[x] = (line[x] + ((left + previous[x]) >> 1)) & 0xFF
        elif kind == 4:
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0
                b = previous[x]
                c = previous[x - channels] if x >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        elif kind != 0:
            raise Problem(f"bad PNG filter type {kind}")
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def ink(png: Path) -> tuple[float, int]:
    """The share of pixels that differ from the background colour, and the number of colours."""
    width, height, channels, rows = png_rgb(png.read_bytes())
    counts: dict[bytes, int] = {}
    for row in rows:
        for x in range(0, width * channels, channels):
            pixel = row[x : x + 3] if channels >= 3 else row[x : x + 1]
            counts[pixel] = counts.get(pixel, 0) + 1
    background = max(counts.values())
    total = width * height
    return (total - background) / total, len(counts)


MIN_INK = 0.005  # a title slide's text covers a few per cent of it; a blank one has none
MIN_COLOURS = 8  # anti-aliased text alone gives dozens of shades


# --------------------------------------------------------------------------------------------
# Commands


def build(decks: list[Path], out: Path, pdf: bool) -> int:
    problems, _ = check_images(decks)
    code_problems, _ = check_code(decks, fix=False)
    if problems:
        raise Problem("\n".join(problems))
    ensure_marp()
    out.mkdir(parents=True, exist_ok=True)
    render_diagrams(decks, out)
    browser = chromium_path()
    made = []
    for deck in decks:
        made.append(render_deck(deck, out, "html"))
        if pdf and browser:
            made.append(render_deck(deck, out, "pdf"))
    say("Slides:")
    for path in made:
        say(f"  {rel(path)}")
    say(f"Open {rel(made[0])} in a browser (arrows to move, P for the presenter view with notes)."
        if made else "There are no decks (slides/part-*.md).")
    if pdf and not browser:
        say(f"No PDFs: they need Chromium. On Debian / Ubuntu: {INSTALL['chromium']}")
    if code_problems:
        say("\nWarning: some code blocks are out of date with the solutions "
            "(python3 slides/build.py --sync fixes them):")
        for problem in code_problems:
            say("  " + problem.splitlines()[0])
    return 0


def check(out: Path | None) -> int:
    decks = all_decks()
    problems: list[str] = []
    if not decks:
        problems.append("there are no decks (slides/part-*.md)")
    code_problems, blocks = check_code(decks, fix=False)
    image_problems, images = check_images(decks)
    problems += code_problems + image_problems + check_exercises(decks)
    say(f"{len(decks)} decks, {blocks} code blocks from the sources, {images} images")

    shots = 0
    with tempfile.TemporaryDirectory(prefix="slides-check-") as scratch:
        where = out or Path(scratch)
        where.mkdir(parents=True, exist_ok=True)
        try:
            ensure_marp()
            need("dot", "to draw the diagrams (Graphviz)")
            if not chromium_path():
                raise Problem("Chromium is needed for the slides check (a screenshot of each deck) but is "
                              f"not installed. On Debian / Ubuntu:\n  {INSTALL['chromium']}")
            render_diagrams(decks, where)
            render_decks_html(decks, where)
            for deck in decks:
                try:
                    html = where / (deck.stem + ".html")
                    if not html.is_file():
                        raise Problem(f"Marp reported success but wrote no {html.name}")
                    for line, src, _source, problem in image_sources(deck):
                        if not problem and not (html.parent / src).is_file():
                            problems.append(f"{rel(deck)}:{line + 1}: {src} is missing beside the rendered HTML")
                    png = where / (deck.stem + "-first-slide.png")
                    screenshot(html, png)
                    share, colours = ink(png)
                    shots += 1
                    if share < MIN_INK or colours < MIN_COLOURS:
                        problems.append(f"{rel(deck)}: the first slide looks blank in Chromium "
                                        f"({share:.2%} of pixels drawn, {colours} colours; see {png})")
                    else:
                        say(f"  {deck.name}: rendered; first slide {share:.1%} drawn, {colours} colours")
                except Problem as e:
                    problems.append(f"{rel(deck)}: {e}")
        except Problem as e:
            problems.append(str(e))
    if problems:
        say(f"\nslides: {len(problems)} problem(s):")
        for problem in problems:
            say("  " + problem.replace("\n", "\n  "))
        return 1
    say(f"slides: all good ({len(decks)} decks rendered, {blocks} code blocks match their regions, "
        f"{images} images exist, {shots} first slides drawn)")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./workshop slides", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("decks", nargs="*", help="deck names or part letters (default: all)")
    parser.add_argument("--check", action="store_true", help="the kit's check (ctest kit/slides)")
    parser.add_argument("--sync", action="store_true", help="rewrite code blocks from their regions")
    parser.add_argument("--out", type=Path, help="output folder (default slides/out)")
    parser.add_argument("--no-pdf", action="store_true", help="HTML only")
    args = parser.parse_args(argv)
    try:
        if args.sync:
            problems, blocks = check_code(choose_decks(args.decks), fix=True)
            for problem in problems:
                say(problem)
            say(f"{blocks} code blocks checked" + (f", {len(problems)} problem(s) left" if problems else ""))
            return 1 if problems else 0
        if args.check:
            return check(args.out.resolve() if args.out else None)
        return build(choose_decks(args.decks), (args.out or DEFAULT_OUT).resolve(), pdf=not args.no_pdf)
    except Problem as e:
        say(f"slides: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
