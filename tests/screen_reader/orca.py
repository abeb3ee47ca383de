"""The real Orca screen reader on a private desktop, so that a test can wait for what Orca
would say: every utterance is in Orca's debug log as a line `SPEECH OUTPUT: '...'`.

How, and why so:
- Orca speaks as on a kiosk, through speech-dispatcher and espeak-ng, into libao's null
  audio driver (`silent_speech`): speech-dispatcher's usual PulseAudio output fails here,
  and it then never answers, so Orca hung in its `speak` call after two phrases. Braille
  is off (no BrlTTY here).
- The debug log is a FIFO that this side reads, so a wait is woken by each new line
  rather than polling a file; a small orca-customizations.py (Orca loads it from its
  preferences folder) makes Orca's log line-buffered, else lines would arrive in 8 KiB
  lumps, long after they were spoken.
- Orca refuses to start while another Orca of the same user runs, and `--replace` would
  kill that one, which may be someone else's: so no `--replace`, and a clear error."""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from tests.screen_reader.desktop import GUARD_SECONDS, DesktopError, PrivateDesktop, Process

READY = "ORCA: Startup complete"  # Orca 43 logs it when it has registered its listeners
# The utterance, then Orca's voice settings: " voice=NAME" maybe, and a dict (or None).
SPOKEN = re.compile(r"SPEECH OUTPUT: '(.*?)'(?: voice=\S+)?(?:\{.*\}|None)?$")
CUSTOMIZATIONS = """\
# Written by tests/screen_reader/orca.py: flush each debug line as it is written.
import orca.debug

if orca.debug.debugFile is not None:
    orca.debug.debugFile.reconfigure(line_buffering=True)
"""


class Orca:
    """A running Orca whose spoken phrases are read from its debug log as they come."""

    def __init__(self, desktop: PrivateDesktop) -> None:
        if shutil.which("orca") is None:
            raise DesktopError("orca is missing: run scripts/setup.sh")
        if other_orcas():
            raise DesktopError(f"another Orca of this user runs (pids {other_orcas()}), and "
                               "Orca starts only once per user: end it, then run again")
        folder = desktop.folder / "orca"
        folder.mkdir()
        (folder / "orca-customizations.py").write_text(CUSTOMIZATIONS)
        silent_speech(desktop)
        fifo = folder / "debug.fifo"
        os.mkfifo(fifo)
        # Opened before Orca, and for writing too: Orca's open then succeeds at once, and
        # the FIFO never reads as ended while Orca runs; Orca's end is seen by its pidfd.
        self._fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
        fcntl.fcntl(self._fd, fcntl.F_SETPIPE_SZ, 1 << 20)  # fewer stalls while unread
        self.log = folder / "debug.log"  # everything read, for failure messages
        self._log = self.log.open("w", encoding="utf-8")
        self._partial = b""
        self.ended = False
        self.lines: list[str] = []  # every line of the debug log
        self.spoken: list[str] = []  # what Orca would have said, in order
        self.process: Process = desktop.spawn(
            "orca", ["orca", "--disable", "braille", "--user-prefs", str(folder),
                     "--debug-file", str(fifo)])
        self._pidfd = os.pidfd_open(self.process.pid)

    # --- reading what Orca says ---

    def mark(self) -> int:
        """The position in `spoken` after everything Orca has said so far."""
        self._read(timeout=0)
        return len(self.spoken)

    def wait_started(self) -> None:
        """Wait until Orca listens to AT-SPI events (it logs this when it starts)."""
        self._wait(self.lines, lambda line: READY in line, 0, f"the log line {READY!r}")

    def wait_spoken(self, phrase: str, *, since: int = 0,
                    timeout: float = GUARD_SECONDS) -> str:
        """The first utterance after `since` that contains `phrase`; waits for it as long as
        the guard allows, then fails with what Orca did say."""
        return self._wait(self.spoken, lambda said: phrase in said, since,
                          f"speech containing {phrase!r}", timeout)

    def _wait(self, items: list[str], match: Callable[[str], bool], since: int, what: str,
              timeout: float = GUARD_SECONDS) -> str:
        deadline = time.monotonic() + timeout
        index = since
        while True:
            for item in items[index:]:
                index += 1
                if match(item):
                    return item
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.ended:
                said = "\n  ".join(self.spoken[since:][-20:]) or "nothing"
                ended = " (Orca has ended)" if self.ended else ""
                raise TimeoutError(
                    f"Orca gave no {what} within {timeout:.0f} s{ended}; it said:\n"
                    f"  {said}\n--- orca output ---\n{self.process.output()[-3000:]}\n"
                    f"(debug log: {self.log})")
            self._read(timeout=remaining)

    def _read(self, timeout: float) -> None:
        """Wait up to `timeout` for Orca to write or end, then keep all it has written."""
        ready = select.select([self._fd, self._pidfd], [], [], timeout)[0]
        while True:
            try:
                chunk = os.read(self._fd, 1 << 16)
            except BlockingIOError:
                break
            lines = (self._partial + chunk).split(b"\n")
            self._partial = lines.pop()
            for line in lines:
                text = line.decode(errors="replace")
                self._log.write(text + "\n")
                self.lines.append(text)
                found = SPOKEN.search(text)
                if found:
                    self.spoken.append(found.group(1))
        self._log.flush()
        if self._pidfd in ready:
            self.ended = True

    # --- stopping ---

    def close(self) -> None:
        """End Orca with SIGKILL, then keep the rest of its log. Not SIGTERM: Orca runs its
        handler only when an event wakes its main loop, which may be a minute away, and
        it has nothing to save here (its settings are in a temporary folder). The speech
        server it started ends with the desktop, which ends every process it marked."""
        self.process.popen.kill()
        self.process.popen.wait()
        self._read(timeout=0)
        for fd in (self._fd, self._pidfd):
            os.close(fd)
        self._log.close()


def silent_speech(desktop: PrivateDesktop) -> None:
    """Speech-dispatcher (which Orca starts) plays into libao's null driver: espeak-ng
    speaks every phrase as on a kiosk, and nothing needs an audio device."""
    home = Path(desktop.env["HOME"])
    (home / ".libao").write_text("default_driver=null\n")
    config = Path(desktop.env["XDG_CONFIG_HOME"]) / "speech-dispatcher"
    config.mkdir(parents=True, exist_ok=True)
    system = Path("/etc/speech-dispatcher/speechd.conf").read_text()
    (config / "speechd.conf").write_text(system + '\nAudioOutputMethod "libao"\n')


def other_orcas() -> list[int]:
    """Orca processes of this user, which would make a new Orca refuse to start."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "orca" \
                    and entry.stat().st_uid == os.getuid():
                found.append(int(entry.name))
        except OSError:
            continue
    return found
