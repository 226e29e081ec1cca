"""./workshop bench picture: how long the page of `./workshop show-store STORE --html` takes to open.

A store of 10,000 events (1,000 dogs, 10 events each, in the kit's table), its page, and headless
Chromium opening it (--dump-dom, which returns once the page has loaded and its script has run)
several times. Figures: the page's own time to its first full layout (measured by the page:
navigation start to the layout its script forces, `data-laid-out-ms`), the whole command, and the
same command on an empty page (the browser's own start). Target (issue 17): the page opens and
shows every stream in under 2 s.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "slides"))


def make_store(path: Path, dogs: int, per_dog: int) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE sequenced_items (notification_id INTEGER PRIMARY KEY AUTOINCREMENT, sequence_id TEXT "
               "NOT NULL, position INTEGER NOT NULL, topic TEXT NOT NULL, state TEXT NOT NULL, "
               "UNIQUE (sequence_id, position))")
    rows = []
    for version in range(per_dog):
        for dog in range(dogs):
            topic, field = (("dogschool.Dog.TrickAdded", {"trick": f"trick {version}"}) if version
                            else ("dogschool.Dog.Registered", {"name": f"dog {dog}"}))
            state = json.dumps({"timestamp": 1700000000000000 + len(rows), **field})
            rows.append((f"{dog:08x}-0000-4000-8000-000000000000", version, topic, state))
    db.executemany("INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES (?, ?, ?, ?)", rows)
    db.commit()
    db.close()


def open_page(browser: str, page: Path, profile: Path) -> tuple[float, str]:
    import build  # slides/build.py: Chromium's flags as the slides check uses them

    started = time.perf_counter()
    proc = subprocess.run([browser, *build.CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                           page.as_uri()], capture_output=True, text=True, timeout=120)
    return time.perf_counter() - started, proc.stdout


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./workshop bench picture", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dogs", type=int, default=1000)
    parser.add_argument("--per-dog", type=int, default=10)
    args = parser.parse_args(argv)
    import build

    browser = build.chromium_path()
    if not browser:
        print(f"the picture is measured in Chromium, which is not installed: {build.INSTALL['chromium']}")
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-picture-") as tmp:
        folder = Path(tmp)
        make_store(folder / "dogs.db", args.dogs, args.per_dog)
        page, empty = folder / "dogs.html", folder / "empty.html"
        subprocess.run([sys.executable, str(ROOT / "tools" / "workshop.py"), "show-store", str(folder / "dogs.db"),
                        "--html", str(page)], check=True, stdout=subprocess.DEVNULL)
        empty.write_text("<!doctype html><title>empty</title><p>empty</p>")
        laid_out, whole, bare, lanes = [], [], [], set()
        open_page(browser, empty, folder / "profile")  # the first start fills the profile: not counted
        for _ in range(args.runs):
            bare.append(open_page(browser, empty, folder / "profile")[0])
            seconds, dom = open_page(browser, page, folder / "profile")
            whole.append(seconds)
            found = re.search(r'data-laid-out-ms="(\d+)"', dom)
            laid_out.append(int(found[1]) if found else float("nan"))
            lanes.add(len(re.findall(r'class="lab" style="top:\d+px"', dom)))
        events = args.dogs * args.per_dog
        size = page.stat().st_size
    result = {"measure": f"h_picture_{events}", "events": events, "page_bytes": size,
              "laid_out_ms": statistics.median(laid_out), "open_s": round(statistics.median(whole), 2),
              "browser_start_s": round(statistics.median(bare), 2), "lanes_shown": sorted(lanes)}
    print(f"show-store --html, {events:,} events in {args.dogs:,} lane{'s' if args.dogs != 1 else ''} ({size / 1e6:.1f} MB page), "
          f"median of {args.runs}:")
    print(f"  laid out by the page      {result['laid_out_ms']:>6.0f} ms after navigation")
    print(f"  chromium --dump-dom       {result['open_s']:>6.2f} s  (an empty page: {result['browser_start_s']:.2f} s)")
    print(f"  lanes in the DOM          {', '.join(map(str, sorted(lanes)))} of {args.dogs:,}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
