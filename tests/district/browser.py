"""Debian's Chromium, headless, driven over the Chrome DevTools Protocol (a websocket, with
websocket-client): navigate, type, click, read the page, its cookies, and screenshots. Written
here because Playwright would download its own browser; this needs only the system one."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import requests
import websocket

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
STARTUP_SECONDS = 60
ANSWER_SECONDS = 60


class Browser:
    """One headless Chromium with its own profile in `profile`, one page, driven by CDP."""

    def __init__(self, profile: Path) -> None:
        if CHROMIUM is None:
            raise RuntimeError("chromium is not installed: run scripts/setup.sh")
        flags = ["--headless=new", "--disable-gpu", "--no-first-run",
                 "--no-default-browser-check", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                 "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"]
        if os.geteuid() == 0:
            flags.insert(0, "--no-sandbox")  # Chromium's sandbox refuses to run as root
        self._process = subprocess.Popen([CHROMIUM, *flags], stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
        self._next = 0
        self.events: list[dict[str, Any]] = []
        try:
            port = self._port(profile / "DevToolsActivePort")
            targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
            page = next(t for t in targets if t["type"] == "page")
            self._socket = websocket.create_connection(
                page["webSocketDebuggerUrl"], timeout=ANSWER_SECONDS, suppress_origin=True)
            self.call("Page.enable")
            self.call("Network.enable")
        except BaseException:
            self._process.terminate()
            self._stop()
            raise

    def _port(self, file: Path) -> int:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"chromium exited {self._process.returncode} at start")
            if file.exists() and file.read_text().strip():
                return int(file.read_text().splitlines()[0])
            time.sleep(0.05)  # polling the condition: Chromium writes the file when it listens
        raise RuntimeError(f"chromium did not listen within {STARTUP_SECONDS} s")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept."""
        self._next += 1
        self._socket.send(json.dumps({"id": self._next, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv())
            if message.get("id") == self._next:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def wait_for(self, event: str) -> dict[str, Any]:
        """The first kept or coming `event` (the socket's timeout is the deadline)."""
        while True:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[: index + 1]
                    return message.get("params", {})
            self.events.append(json.loads(self._socket.recv()))

    def size(self, width: int, height: int) -> None:
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"in the page: {result['exceptionDetails']}")
        return result["result"].get("value")

    def type_into(self, selector: str, text: str) -> None:
        """Focus the field and type, as a keyboard would (Input.insertText)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", text=text)

    def click_and_wait(self, selector: str) -> None:
        """Click (a real click event at the element) and wait for the next page to load."""
        box = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
            ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        self.events.clear()
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)
        self.wait_for("Page.loadEventFired")

    def url(self) -> str:
        return self.evaluate("location.href")

    def cookies(self, url: str) -> list[dict[str, Any]]:
        return self.call("Network.getCookies", urls=[url])["cookies"]

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self._next += 1
            self._socket.send(json.dumps({"id": self._next, "method": "Browser.close"}))
            self._socket.close()
        finally:
            self._stop()

    def _stop(self) -> None:
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
