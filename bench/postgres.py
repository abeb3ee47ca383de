"""A throwaway PostgreSQL cluster for the tests and the benchmarks: initdb in a temporary
folder, listening on 127.0.0.1 on a free port, trust for loopback, stopped and removed at the
end. PostgreSQL refuses to run as root, so under root it runs as `nobody`, owning its folder.
The tests' cluster skips fsync; a benchmark's is `durable`, writing to disk as a district's."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

USER = "nobody"  # used only when run as root


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda path: int(Path(path).parent.parent.name))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.bin = _binaries()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is missing (no /usr/lib/postgresql/*/bin/initdb): "
                               "run scripts/setup.sh")
        self.folder = Path(tempfile.mkdtemp(prefix="district-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.folder, USER)

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._as_root:
            command = ["runuser", "-u", USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                cwd=self.folder)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip() or result.stdout}")

    def start(self) -> None:
        sync = () if self.durable else ("--no-sync",)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", *sync,
                  "-E", "UTF8", "--locale=C")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}"
                   " -c max_connections=200")
        if not self.durable:
            options += " -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l",
                  str(self.folder / "server.log"), "-o", options)

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data))
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        name = f"store_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
