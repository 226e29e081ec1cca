"""One throwaway PostgreSQL server for a whole kit check.

`tools/kit.py coverage 12` runs stage 12's test binary once per stub region. Left alone, each run
starts a server of its own (support/kit_testing/postgres_server.cpp), and that start is a third of
the run. When POSTGRES_HOST is set the binary uses that server instead, so the check starts one
here, the same way: Debian's initdb and pg_ctl, a fresh directory, a unix socket only, no fsync,
run as 'postgres' (or 'nobody') when we are root, since PostgreSQL refuses to run as root.

If no server can be started, `server()` yields no settings and each run starts (or fails to
start, saying what to install) its own, exactly as a student's run would.

`shared(folder)` keeps one server running in `folder` across checks instead: the runner starts
it on a stage-12 check's first need (one per kit checkout, in /tmp, so it is gone after a restart
and started again then) and `./workshop stop-services` stops it; ctest starts and stops one per
build folder as a fixture (`python3 tools/throwaway_postgres.py start|stop FOLDER`).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

TOOLS = ("initdb", "pg_ctl", "postgres")


def server_binaries() -> Path | None:
    """KIT_POSTGRES_BIN, else Debian's newest /usr/lib/postgresql/N/bin, else the PATH."""
    if os.environ.get("KIT_POSTGRES_BIN"):
        candidates = [Path(os.environ["KIT_POSTGRES_BIN"])]
    else:
        versions = Path("/usr/lib/postgresql").glob("*/bin")
        candidates = sorted(versions, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
        candidates += [Path(p).parent for p in [shutil.which("initdb")] if p]
    for folder in candidates:
        if all(os.access(folder / tool, os.X_OK) for tool in TOOLS):
            return folder
    return None


def server_user() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    return None


@contextlib.contextmanager
def server() -> Iterator[dict[str, str]]:
    """The environment that points stage 12's tests at a server started for this `with` block."""
    if os.environ.get("POSTGRES_HOST"):
        yield {}  # the maintainer's own server: the tests use it anyway
        return
    binaries, user = server_binaries(), server_user()
    if binaries is None or (os.geteuid() == 0 and user is None):
        yield {}
        return
    # The socket's path must stay short (about 100 bytes), hence /tmp rather than a long TMPDIR.
    folder = Path(tempfile.mkdtemp(prefix="kit-postgres-", dir="/tmp"))
    started = False
    try:
        started = start(folder, binaries, user)
        yield settings(folder) if started else {}
    finally:
        if started:
            stop(folder)
        shutil.rmtree(folder, ignore_errors=True)


def settings(folder: Path) -> dict[str, str]:
    """What points the tests at the server in `folder` (es::Environment's names)."""
    return {"POSTGRES_HOST": str(folder), "POSTGRES_PORT": "5432", "POSTGRES_USER": "kit",
            "POSTGRES_PASSWORD": "", "POSTGRES_DBNAME": "postgres"}


def _runner(folder: Path, user: pwd.struct_passwd | None):
    as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}

    def run(*command: str) -> int:
        return subprocess.run(command, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, **as_user).returncode

    return run


def start(folder: Path, binaries: Path, user: pwd.struct_passwd | None) -> bool:
    """A server in `folder` (made if need be), listening on a unix socket there only."""
    folder.mkdir(parents=True, exist_ok=True)
    if user:
        os.chown(folder, user.pw_uid, user.pw_gid)
    run = _runner(folder, user)
    data, log = folder / "data", folder / "server.log"
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(data, ignore_errors=True)
        if run(str(binaries / "initdb"), "-D", str(data), "-U", "kit", "--auth=trust", "--encoding=UTF8",
               "--locale=C", "--no-sync") != 0:
            return False
        with open(data / "postgresql.conf", "a") as conf:
            conf.write(f"\n# Added by tools/throwaway_postgres.py\nlisten_addresses = ''\n"
                       f"unix_socket_directories = '{folder}'\nport = 5432\nfsync = off\n"
                       "synchronous_commit = off\nfull_page_writes = off\nshared_buffers = 16MB\n"
                       "max_connections = 100\n")
    if run(str(binaries / "pg_ctl"), "-D", str(data), "status") == 0:
        return True  # running already
    return run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "start") == 0


def stop(folder: Path) -> None:
    binaries = server_binaries()
    if binaries and (folder / "data").is_dir():
        _runner(folder, server_user())(str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate",
                                       "-w", "stop")


def shared_folder(key: Path) -> Path:
    """One short folder in /tmp per kit checkout (or build folder): sockets want short paths."""
    return Path("/tmp") / f"kit-postgres-{hashlib.sha1(str(key.resolve()).encode()).hexdigest()[:10]}"


INSTALL = ("no PostgreSQL server could be started for stage 12's tests. Debian/Ubuntu: sudo apt-get install -y "
           "postgresql (./workshop doctor shows other systems), or point the tests at your own server with "
           "POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD.")


def shared(folder: Path) -> dict[str, str]:
    """The settings of the server kept running in `folder`, started now if it is not running.
    Empty when none can be started (the tests then start their own, or say what to install)."""
    if os.environ.get("POSTGRES_HOST"):
        return {}
    binaries, user = server_binaries(), server_user()
    if binaries is None or (os.geteuid() == 0 and user is None):
        return {}
    return settings(folder) if start(folder, binaries, user) else {}


def stop_shared(folder: Path) -> bool:
    """Stops the server in `folder` and removes it; False when there was none."""
    if not folder.is_dir():
        return False
    stop(folder)
    shutil.rmtree(folder, ignore_errors=True)
    return True


def main(argv: list[str]) -> int:
    """ctest's fixture: start FOLDER (fails, saying what to install, when it cannot), stop FOLDER."""
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: throwaway_postgres.py start|stop FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "stop":
        stop_shared(folder)
        return 0
    if os.environ.get("POSTGRES_HOST"):
        print(f"POSTGRES_HOST is set: the tests use that server ({os.environ['POSTGRES_HOST']})")
        return 0
    if not shared(folder):
        print(INSTALL, file=sys.stderr)
        return 1
    print(f"PostgreSQL for the tests: unix socket in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
