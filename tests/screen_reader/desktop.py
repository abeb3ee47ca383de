"""A private desktop for screen-reader tests: an X server, a D-Bus session bus and the
AT-SPI accessibility bus with its registry, all in one temporary folder, and all gone again
afterwards, nothing left running.

A screen reader on Linux sees an application only through AT-SPI, and AT-SPI needs all of
these: the application finds the accessibility bus through the session bus, and the
registry on that bus lists the applications. Each part is waited for by what it reports
(a display number, a bus address, a bus name taken), never by sleeping.

Every process started here, and every process those start, carries the folder's path in the
environment variable MARKER; `close()` ends them all by that mark, so even a process that
another one spawned behind our back (the accessibility bus's own dbus-daemon, a speech
server) is found and ended."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import unwrap_msg

# A guard against a hang, not a guess at how fast the machine is.
GUARD_SECONDS = 60.0
MARKER = "TONGBAN_PRIVATE_DESKTOP"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
REGISTRY = "/usr/libexec/at-spi2-registryd"

# The session bus, without the system's service folders: nothing is started on demand
# behind the test's back, so everything that runs was started here.
SESSION_BUS_CONFIG = """<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class DesktopError(RuntimeError):
    """A part of the private desktop did not start; the message has its stderr."""


class Process:
    """One started program, its stderr kept in a file for failure messages."""

    def __init__(self, name: str, argv: Sequence[str], env: Mapping[str, str], folder: Path,
                 *, pass_fds: Sequence[int] = (), cwd: Path | None = None) -> None:
        self.name = name
        self.log = folder / f"{name}.log"
        with self.log.open("wb") as log:
            self.popen = subprocess.Popen(list(argv), env=dict(env), stdin=subprocess.DEVNULL,
                                          stdout=log, stderr=subprocess.STDOUT,
                                          pass_fds=tuple(pass_fds), cwd=cwd,
                                          start_new_session=True)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self, timeout: float = GUARD_SECONDS) -> None:
        """SIGTERM, then SIGKILL if it has not ended within the guard."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout)


def read_line(fd: int, process: Process, what: str, timeout: float = GUARD_SECONDS) -> str:
    """The first line a program writes to a pipe: how Xvfb and dbus-daemon say they are
    ready (a display number, a bus address). Fails with the program's output if it ends."""
    deadline = time.monotonic() + timeout
    data = b""
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise DesktopError(f"{process.name} gave no {what} in {timeout:.0f} s:\n"
                               f"{process.output()}")
        chunk = os.read(fd, 4096)
        if not chunk:
            raise DesktopError(f"{process.name} ended before giving {what} "
                               f"(exit {process.popen.wait()}):\n{process.output()}")
        data += chunk
    return data.split(b"\n", 1)[0].decode().strip()


def wait_for_name(connection: DBusConnection, name: str, process: Process,
                  timeout: float = GUARD_SECONDS) -> None:
    """Wait until `name` has an owner on the bus: the sign that a D-Bus service is up."""
    rule = MatchRule(type="signal", sender=message_bus.bus_name, interface=message_bus.interface,
                     member="NameOwnerChanged", path=message_bus.object_path)
    rule.add_arg_condition(0, name)
    with connection.filter(rule, bufsize=10) as changes:
        unwrap_msg(connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=timeout))
        has_owner = unwrap_msg(connection.send_and_get_reply(message_bus.NameHasOwner(name),
                                                             timeout=timeout))[0]
        deadline = time.monotonic() + timeout
        while not has_owner:
            try:
                change = connection.recv_until_filtered(
                    changes, timeout=max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise DesktopError(f"{process.name} did not take the bus name {name} in "
                                   f"{timeout:.0f} s:\n{process.output()}") from None
            has_owner = bool(change.body[2])


def processes_marked(mark: str) -> list[int]:
    """Every running process whose environment carries MARKER=mark (root reads them all)."""
    needle = f"{MARKER}={mark}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended meanwhile, or not ours to read
            continue
        if state != "Z" and needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def end_processes(pids: Sequence[int], timeout: float = GUARD_SECONDS) -> list[int]:
    """SIGTERM each, wait for its end through a pidfd (no polling), SIGKILL what is left.
    Returns the ones that would not end."""
    stubborn = []
    for sig in (signal.SIGTERM, signal.SIGKILL):
        waiting = {}
        for pid in pids:
            try:
                fd = os.pidfd_open(pid)
            except ProcessLookupError:
                continue
            try:
                signal.pidfd_send_signal(fd, sig)
            except ProcessLookupError:
                os.close(fd)
                continue
            waiting[fd] = pid
        deadline = time.monotonic() + timeout
        while waiting and (remaining := deadline - time.monotonic()) > 0:
            for fd in select.select(list(waiting), [], [], remaining)[0]:
                waiting.pop(fd)
                os.close(fd)
        pids = list(waiting.values())
        for fd in waiting:
            os.close(fd)
        stubborn = pids
        if not pids:
            break
    return stubborn


class PrivateDesktop:
    """Xvfb, a session bus, the AT-SPI bus launcher and registry, in `folder`.

    Use as a context manager, or call `close()`. `env` is the environment for programs
    that should run on this desktop; `spawn()` starts one and keeps track of it."""

    def __init__(self, folder: Path, *, screen: str = "2200x1920x24") -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.processes: list[Process] = []
        home = self.folder / "home"
        runtime = self.folder / "run"
        for path in (home, runtime):
            path.mkdir(mode=0o700, exist_ok=True)
        base = {key: value for key, value in os.environ.items()
                if key not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS",
                               "AT_SPI_BUS_ADDRESS", "XDG_SESSION_TYPE", "QT_QPA_PLATFORM",
                               "SESSION_MANAGER", "XAUTHORITY")}
        self.env: dict[str, str] = {
            **base,
            MARKER: str(self.folder),
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "GSETTINGS_BACKEND": "memory",  # no dconf service to start
        }
        self.a11y_address = ""
        try:
            self._start(screen)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> PrivateDesktop:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- starting ---

    def spawn(self, name: str, argv: Sequence[str], *, env: Mapping[str, str] | None = None,
              pass_fds: Sequence[int] = (), cwd: Path | None = None) -> Process:
        """Start a program on this desktop (its environment: `env` over `self.env`)."""
        process = Process(name, argv, {**self.env, **(env or {})}, self.folder,
                          pass_fds=pass_fds, cwd=cwd)
        self.processes.append(process)
        return process

    def run(self, argv: Sequence[str], timeout: float = GUARD_SECONDS) -> str:
        """Run a short command on this desktop and return its output; failing, raise."""
        done = subprocess.run(list(argv), env=self.env, capture_output=True, text=True,
                              timeout=timeout, check=False)
        if done.returncode != 0:
            raise DesktopError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr}")
        return done.stdout

    def _start(self, screen: str) -> None:
        for program in ("Xvfb", "dbus-daemon", BUS_LAUNCHER, REGISTRY):
            if shutil.which(program) is None:
                raise DesktopError(f"{program} is missing: run scripts/setup.sh")
        display = self._read_from(
            "Xvfb", ["Xvfb", "-displayfd", "{fd}", "-nolisten", "tcp", "-screen", "0", screen],
            "display")
        self.env["DISPLAY"] = f":{display}"
        config = self.folder / "session-bus.conf"
        config.write_text(SESSION_BUS_CONFIG.format(folder=self.folder))
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self._read_from(
            "dbus-daemon", ["dbus-daemon", f"--config-file={config}", "--nofork",
                            "--print-address={fd}"], "bus address")
        # The accessibility bus: the launcher starts its own dbus-daemon and says where it
        # is on the session bus, as every application and screen reader asks it.
        with open_dbus_connection(self.env["DBUS_SESSION_BUS_ADDRESS"],
                                  auth_timeout=GUARD_SECONDS) as session:
            launcher = self.spawn("at-spi-bus-launcher",
                                  [BUS_LAUNCHER, "--launch-immediately", "--a11y=1"])
            wait_for_name(session, "org.a11y.Bus", launcher)
            reply = session.send_and_get_reply(
                new_method_call(DBusAddress("/org/a11y/bus", "org.a11y.Bus", "org.a11y.Bus"),
                                "GetAddress"), timeout=GUARD_SECONDS)
            self.a11y_address = unwrap_msg(reply)[0]
        # The registry lists the applications; started before any application, so that
        # none asks the bus to start one on demand.
        registry = self.spawn("at-spi2-registryd", [REGISTRY],
                              env={"AT_SPI_BUS_ADDRESS": self.a11y_address})
        with open_dbus_connection(self.a11y_address, auth_timeout=GUARD_SECONDS) as a11y:
            wait_for_name(a11y, "org.a11y.atspi.Registry", registry)

    def _read_from(self, name: str, argv: list[str], what: str) -> str:
        """Start a program that writes `what` on the pipe named by `{fd}` in its argv."""
        read_end, write_end = os.pipe()
        try:
            argv = [arg.replace("{fd}", str(write_end)) for arg in argv]
            process = self.spawn(name, argv, pass_fds=[write_end])
            os.close(write_end)
            write_end = -1
            return read_line(read_end, process, what)
        finally:
            os.close(read_end)
            if write_end >= 0:
                os.close(write_end)

    # --- stopping ---

    def close(self) -> None:
        """End every process of this desktop, the last started first; then any process that
        still carries its mark. Raises if one will not end."""
        for process in reversed(self.processes):
            process.stop()
        left = end_processes(processes_marked(str(self.folder)))
        if left:
            raise DesktopError(f"processes of the private desktop would not end: {left}")

    def output(self) -> str:
        """Every process's output, for a failure message."""
        return "\n".join(f"--- {p.name} (pid {p.pid}) ---\n{p.output()}" for p in self.processes)
