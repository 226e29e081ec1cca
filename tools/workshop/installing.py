"""What the kit needs on this machine (compiler, CMake, libraries, the kit's own extras), how to
find out what is missing, and how to install it here or say how."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from .base import INTERACTIVE, LOG_DIR, STATE_DIR, S, Fail, rel, say


REQUIREMENTS = [
    # name, cmake package (None: a program), Debian, Fedora, Arch, Homebrew, vcpkg, needed for
    # macOS: Apple clang comes with the Xcode command line tools, not with Homebrew (install_command)
    ("C++20 compiler", None, "g++", "gcc-c++", "gcc", None, None, "every stage"),
    ("CMake >= 3.21", None, "cmake", "cmake", "cmake", "cmake", None, "every stage"),
    ("Ninja", None, "ninja-build", "ninja-build", "ninja", "ninja", None, "faster rebuilds (optional)"),
    ("doctest", "doctest", "doctest-dev", "doctest-devel", "doctest", "doctest", "doctest", "every stage"),
    ("nlohmann_json", "nlohmann_json", "nlohmann-json3-dev", "json-devel", "nlohmann-json", "nlohmann-json",
     "nlohmann-json", "stages 05 onwards"),
    ("SQLite3", "SQLite3", "libsqlite3-dev", "sqlite-devel", "sqlite", "sqlite", "sqlite3", "stages 06 onwards"),
    ("libpq", "PostgreSQL", "libpq-dev", "libpq-devel", "postgresql-libs", "libpq", "libpq", "stage 12"),
]
KIT_EXTRAS = [
    # what ./workshop test needs beyond a student's set-up: name, Debian, Fedora, Arch, Homebrew,
    # needed for, and the commands that show it is there
    ("clang-format", "clang-format", "clang-format", "clang", "clang-format", "the format check", ["clang-format"]),
    ("PostgreSQL server", "postgresql", "postgresql-server", "postgresql", "postgresql@16", "stage 12's tests",
     ["initdb"]),
    ("Node.js", "nodejs", "nodejs", "nodejs", "node", "the slides (Marp CLI)", ["node"]),
    ("npm", "npm", "npm", "npm", "node", "the slides (Marp CLI)", ["npm"]),
    ("Graphviz", "graphviz", "graphviz", "graphviz", "graphviz", "the slide diagrams", ["dot"]),
    ("Chromium", "chromium", "chromium", "chromium", "--cask chromium", "the slides check",
     ["chromium", "chromium-browser", "google-chrome"]),
]


def extra_installed(extra: tuple) -> bool:
    if extra[0] == "PostgreSQL server":
        return postgres_bindir() is not None  # its programs are not on PATH on Debian
    return any(shutil.which(command) for command in extra[6])
OS_NAMES = {"debian": "Debian / Ubuntu", "fedora": "Fedora", "arch": "Arch", "macos": "macOS (Homebrew)",
            "vcpkg": "vcpkg (any OS)"}


def detect_os() -> str:
    import platform

    if platform.system() == "Darwin":
        return "macos"
    try:
        release = Path("/etc/os-release").read_text()
    except OSError:
        return "other"
    ids = " ".join(re.findall(r"^(?:ID|ID_LIKE)=\"?([^\"\n]*)", release, re.M)).lower()
    for name, words in (("debian", ("debian", "ubuntu")), ("fedora", ("fedora", "rhel")), ("arch", ("arch",))):
        if any(w in ids for w in words):
            return name
    return "other"


def install_command(os_name: str, names: list[str] | None = None, extras: bool = False) -> str:
    column = {"debian": 2, "fedora": 3, "arch": 4, "macos": 5, "vcpkg": 6}[os_name]
    chosen = [r for r in REQUIREMENTS if names is None or r[0] in names]
    packages = [r[column] for r in chosen if r[column]]
    if extras:
        extra_column = {"debian": 1, "fedora": 2, "arch": 3, "macos": 4}.get(os_name)
        if extra_column:
            packages += [e[extra_column] for e in KIT_EXTRAS if names is None or e[0] in names]
    packages = list(dict.fromkeys(packages))
    return {
        "debian": "sudo apt-get install -y " + " ".join(packages),
        "fedora": "sudo dnf install -y " + " ".join(packages),
        "arch": "sudo pacman -S --needed " + " ".join(packages),
        "macos": ("xcode-select --install; " if any(r[0] == "C++20 compiler" for r in chosen) else "")
        + "brew install " + " ".join(p for p in packages if not p.startswith("--cask"))
        + "".join(f"; brew install {p}" for p in packages if p.startswith("--cask")),
        "vcpkg": "vcpkg install " + " ".join(packages)
        + "   # then add -DCMAKE_TOOLCHAIN_FILE=<vcpkg>/scripts/buildsystems/vcpkg.cmake",
    }[os_name]


def compiler() -> str | None:
    if os.environ.get("CXX", "").strip():  # the one CMake will use, installed or not
        return shutil.which(os.environ["CXX"].split()[0])
    for name in ["c++", "g++", "clang++"]:
        if shutil.which(name):
            return shutil.which(name)
    return None


def cmake_version() -> tuple[int, int] | None:
    if not shutil.which("cmake"):
        return None
    out = subprocess.run(["cmake", "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)\.(\d+)", out)
    return (int(match[1]), int(match[2])) if match else None


def probe_libraries() -> dict[str, bool]:
    """Ask CMake itself which packages it finds: the same answer the real build will get."""
    probe = STATE_DIR / "probe"
    probe.mkdir(parents=True, exist_ok=True)
    lines = ["cmake_minimum_required(VERSION 3.21)", "project(probe LANGUAGES CXX)"]
    for name, package, *_ in REQUIREMENTS:
        if package:
            lines.append(f"find_package({package} QUIET)")
            lines.append(f'message(STATUS "probe {name}=${{{package}_FOUND}}")')
    (probe / "CMakeLists.txt").write_text("\n".join(lines) + "\n")
    out = subprocess.run(["cmake", "-S", str(probe), "-B", str(probe / "build")], capture_output=True,
                         text=True).stdout
    found = dict(re.findall(r"probe (.+?)=(\S*)", out))
    return {name: found.get(name, "").upper() in ("1", "TRUE", "ON", "YES") for name, pkg, *_ in REQUIREMENTS if pkg}


def missing_requirements(for_kit: bool = False) -> list[str]:
    missing = []
    if not compiler():
        missing.append("C++20 compiler")
    version = cmake_version()
    if version is None or version < (3, 21):
        missing.append("CMake >= 3.21")
        return missing  # without CMake the libraries cannot be probed
    for name, ok in probe_libraries().items():
        if not ok and (name != "libpq" or for_kit):
            missing.append(name)
    if for_kit:
        missing += [extra[0] for extra in KIT_EXTRAS if not extra_installed(extra)]
    return missing


def postgres_bindir() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def install_missing(missing: list[str], for_kit: bool) -> None:
    """Install with apt-get when we may (root, or the user agrees); otherwise say exactly how."""
    os_name = detect_os()
    say(S.warn("Missing: " + ", ".join(missing)))
    if os_name != "debian" or not shutil.which("apt-get"):
        say("Install them with:")
        for name in ([os_name] if os_name in OS_NAMES else list(OS_NAMES)):
            say(f"  {OS_NAMES[name]:<18} {install_command(name, missing, extras=True)}")
        raise Fail("then run ./workshop again.")
    command = install_command("debian", missing, extras=True).split()[1:]  # without "sudo"
    if os.geteuid() != 0:
        if not INTERACTIVE:
            raise Fail(f"Install them with:\n  {' '.join(['sudo', *command])}\nthen run ./workshop again.")
        answer = input(f"Install them now with: sudo {' '.join(command)}  [Y/n] ").strip().lower()
        if answer not in ("", "y", "yes"):
            raise Fail("Nothing installed. Run the command above yourself, then ./workshop again.")
        command = ["sudo", *command]
    say(S.dim("Installing (apt-get) ..."))
    log = LOG_DIR / "install.log"
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    with log.open("w") as out:
        update = [*command[: command.index("apt-get") + 1], "update", "-q"]
        subprocess.run(update, stdout=out, stderr=subprocess.STDOUT, env=env)
        result = subprocess.run([*command, "-q"], stdout=out, stderr=subprocess.STDOUT, env=env)
    if result.returncode != 0:
        raise Fail(f"apt-get could not install them; see {rel(log)}")
    say(S.good("Installed: ") + ", ".join(missing))

