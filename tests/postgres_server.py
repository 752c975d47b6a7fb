"""A throwaway PostgreSQL server for the KB tests: a new cluster in a temporary folder (Debian's
postgresql: ``initdb``, ``pg_ctl``), listening on a Unix socket only, stopped afterwards. As root
(CI), the server runs as the ``postgres`` user, since PostgreSQL refuses to run as root."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import pytest


def _binary(name: str) -> Optional[str]:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(versions[-1]) if versions else None


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@contextmanager
def postgres_url() -> Iterator[str]:
    """A ``postgresql://`` URL of a fresh server with an empty database; the server is removed after."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.fail("PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)")
    root = Path(tempfile.mkdtemp(prefix="kb-pg-"))
    data, socket = root / "data", root / "socket"
    socket.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket, "postgres")
    user = "postgres" if os.geteuid() == 0 else None
    try:
        subprocess.run(_as_server_user([initdb, "-D", str(data), "-A", "trust", "-U", user or os.environ.get("USER", "kb"),
                                        "--no-sync"]), check=True, capture_output=True)
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-w", "-l", str(root / "server.log"), "-o",
                                        f"-k {socket} -c listen_addresses='' -c fsync=off", "start"]),
                       check=True, capture_output=True)
        name = user or os.environ.get("USER", "kb")
        subprocess.run(_as_server_user([_binary("createdb") or "createdb", "-h", str(socket), "-U", name, "kbtest"]),
                       check=True, capture_output=True)
        yield f"postgresql://{name}@/kbtest?host={socket}"
    finally:
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
