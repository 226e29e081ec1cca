#!/usr/bin/env python3
"""The slides' pictures of event stores: `./workshop show-store STORE --html` of the real stores in
tests/kit/fixtures/stores (written by the stages' demos), photographed by headless Chromium into
slides/images/. Run it again after changing tools/workshop/store_picture.py:

    python3 slides/pictures.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STORES = ROOT / "tests" / "kit" / "fixtures" / "stores"
sys.path.insert(0, str(HERE))
import build  # noqa: E402  (Chromium's path and flags, as the slides check uses them)

# image, the stores shown, window size (the page's header and its lanes, nothing more)
PICTURES = [
    ("show-store-stage06.png", ["stage06-dogs.db"], (1000, 192)),
    ("show-store-stage11.png", ["stage11-dogs.db", "stage11-tricks.db"], (1440, 300)),
]


def main() -> int:
    browser = build.chromium_path()
    if not browser:
        print(f"Chromium is needed: {build.INSTALL['chromium']}")
        return 1
    (HERE / "images").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="slides-pictures-") as tmp:
        for image, stores, (width, height) in PICTURES:
            page = Path(tmp, image).with_suffix(".html")
            # Run from the stores' folder, so that the page names them as a student would.
            subprocess.run([sys.executable, str(ROOT / "tools" / "workshop.py"), "show-store", *stores, "--html",
                            str(page)], cwd=STORES, check=True, stdout=subprocess.DEVNULL)
            subprocess.run([browser, *build.CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
                            f"--window-size={width},{height}", f"--screenshot={HERE / 'images' / image}",
                            page.as_uri()], check=True, capture_output=True, timeout=120)
            print(f"slides/images/{image}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
