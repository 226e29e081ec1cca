"""One throwaway PostgreSQL server for a whole kit check.

`tools/kit.py coverage 12` runs stage 12's test binary once per stub region. Left alone, each run
starts a server of its own (tests/12-postgres/postgres_server.cpp), and that start is a third of
the run. When POSTGRES_HOST is set the binary uses that server instead, so the check starts one
here, the same way: Debian's initdb and pg_ctl, a fresh directory, a unix socket only, no fsync,
run as 'postgres' (or 'nobody') when we are root, since PostgreSQL refuses to run as root.

If no server can be started, `server()` yields no settings and each run starts (or fails to
start, saying what to install) its own, exactly as a student's run would.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
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
    data, log = folder / "data", folder / "server.log"
    as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}
    if user:
        os.chown(folder, user.pw_uid, user.pw_gid)

    def run(*command: str) -> bool:
        return subprocess.run(command, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, **as_user).returncode == 0

    started = False
    try:
        if run(str(binaries / "initdb"), "-D", str(data), "-U", "kit", "--auth=trust", "--encoding=UTF8",
               "--locale=C", "--no-sync"):
            with open(data / "postgresql.conf", "a") as conf:
                conf.write(f"\n# Added by tools/throwaway_postgres.py\nlisten_addresses = ''\n"
                           f"unix_socket_directories = '{folder}'\nport = 5432\nfsync = off\n"
                           "synchronous_commit = off\nfull_page_writes = off\nshared_buffers = 16MB\n"
                           "max_connections = 100\n")
            started = run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "start")
        yield {"POSTGRES_HOST": str(folder), "POSTGRES_PORT": "5432", "POSTGRES_USER": "kit",
               "POSTGRES_PASSWORD": "", "POSTGRES_DBNAME": "postgres"} if started else {}
    finally:
        if started:
            run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
