"""A throwaway PostgreSQL server for the tests, from Debian's server binaries.

``start_server()`` creates a cluster in a fresh temporary folder, starts it on
a free loopback port with trust authentication (nothing else can reach it)
and returns a handle whose ``stop()`` shuts it down and deletes the folder.

PostgreSQL refuses to run as root. When the tests run as root (as they do on
the project's machines), every server command runs as the ``postgres`` system
user that the Debian package creates, and the temporary folder belongs to
that user; otherwise the commands run as the current user.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg

BINARY_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"  # created by Debian's postgresql-common; the server will not run as root
START_TIMEOUT_SECONDS = 60
MISSING_SERVER = (
    "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb); "
    "install Debian's `postgresql` package (scripts/test.sh does)"
)


def find_binaries() -> Path | None:
    """The bin folder of the newest installed PostgreSQL server, if any."""
    folders = [Path(p) for p in sorted(Path("/").glob(BINARY_GLOB.lstrip("/")))]
    usable = [f for f in folders if (f / "initdb").is_file() and (f / "pg_ctl").is_file()]
    if not usable:
        return None

    def major_version(folder: Path) -> int:
        number = re.match(r"\d+", folder.parent.name)
        return int(number.group()) if number else -1

    return max(usable, key=major_version)


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", SERVER_USER, "--", *command]
    return command


def _run(command: list[str]) -> None:
    done = subprocess.run(_as_server_user(command), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


@dataclass
class PostgresServer:
    """A running throwaway cluster; ``url(database)`` gives a SQLAlchemy URL."""

    binaries: Path
    folder: Path
    port: int

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def empty_database_url(self) -> str:
        """The URL of a new, empty schema, so that every test starts from nothing.

        A schema (made the connection's search path) rather than a database:
        CREATE DATABASE copies and logs a whole template, about a hundred
        times slower, and the tests would wait for it on a busy machine.
        """
        name = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={SERVER_USER} dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return f"{self.url()}?options=-csearch_path%3D{name}"

    def stop(self) -> None:
        # "immediate" skips the shutdown checkpoint: the cluster is deleted next, so nothing is worth writing.
        with contextlib.suppress(RuntimeError):
            _run([str(self.binaries / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server(binaries: Path) -> PostgresServer:
    """Create and start a cluster; the caller must ``stop()`` it."""
    # Directly in the system temp folder: pytest's tmp_path sits below folders
    # only root may enter, which the server user could not reach.
    folder = Path(tempfile.mkdtemp(prefix="needle-site-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_USER, SERVER_USER)
    server = PostgresServer(binaries=binaries, folder=folder, port=_free_loopback_port())
    try:
        _run([str(binaries / "initdb"), "-D", str(server.data_dir), "-U", SERVER_USER, "--auth=trust",
              "--encoding=UTF8", "--no-locale", "--no-sync"])
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(server.port),
            "unix_socket_directories": f"'{folder}'",  # not /var/run/postgresql, which a system cluster owns
            "max_connections": "40",
        }
        with (server.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("".join(f"{key} = {value}\n" for key, value in settings.items()))
        _run([str(binaries / "pg_ctl"), "-D", str(server.data_dir), "-l", str(folder / "server.log"),
              "-w", "-t", str(START_TIMEOUT_SECONDS), "start"])
    except BaseException:
        server.stop()
        raise
    return server
