#!/usr/bin/env python3
"""Measures how long an edit takes to show under `relais serve` and under
`hugo server` (which writes its pages to disk), on a corpus made by
gen_corpus, and prints a Markdown table.

For each run, one document's body gets a new sentence; the time is taken
from just before the file is written to the moment the server's page on
disk holds the sentence (polled every half millisecond), and to the moment
the page, open in headless Chromium, has reloaded (its `load` event, read
over the DevTools protocol on a pipe). Both servers wait for an editor's
writes to settle before they build (relais 100 ms); each also says how
long its build took, which is the figure after that wait.

Usage: scripts/bench-serve.py --relais BIN --hugo BIN --corpus DIR --pages N [--runs R] [--chromium BIN]
  DIR holds relais/ and hugo/ as gen_corpus writes them (N pages in all).
"""

import argparse
import json
import os
import queue
import shutil
import tempfile
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

DOC = "section-01/doc-0001"


def wait_for(path, needle, timeout=120.0):
    """Seconds until `path` holds `needle`, polled; None after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            with open(path, "rb") as f:
                if needle in f.read():
                    return time.monotonic()
        except OSError:
            pass
        time.sleep(0.0005)
    return None


class Server:
    """A server process whose output lines are read as they come."""

    def __init__(self, args, cwd, ready, built):
        self.lines = []
        self.builds = []
        self.ready = threading.Event()
        self.proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.built = built

        def read():
            for line in self.proc.stdout:
                self.lines.append(line)
                if ready in line:
                    self.ready.set()
                m = re.search(built, line)
                if m:
                    self.builds.append(float(m.group(1)) * (1000.0 if m.group(2) == "s" else 1.0))
        threading.Thread(target=read, daemon=True).start()
        start = time.monotonic()
        while not self.ready.wait(0.1) and self.proc.poll() is None and time.monotonic() - start < 600:
            pass
        if not self.ready.is_set():
            self.stop()
            sys.exit("the server did not start:\n" + "".join(self.lines[-20:]))

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Browser:
    """Headless Chromium with one tab, driven over the DevTools protocol on
    a pipe (fds 3 and 4, NUL-ended JSON), as relais prints PDFs."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="bench-serve-chromium-")
        to_browser, self.commands = os.pipe()
        self.replies, from_browser = os.pipe()
        flags = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update " \
                "--disable-sync --no-first-run --remote-debugging-pipe"
        self.proc = subprocess.Popen(
            ["sh", "-c", f'exec "$0" {flags} --user-data-dir="$1" about:blank 3<&{to_browser} 4>&{from_browser}',
             chromium, self.profile],
            pass_fds=(to_browser, from_browser), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self.next_id = 0
        self.results = {}
        self.loads = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=self.session)

    def read(self):
        buffer = b""
        while True:
            chunk = os.read(self.replies, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                message = json.loads(message)
                if "id" in message:
                    self.results[message["id"]] = message
                elif message.get("method") == "Page.loadEventFired":
                    self.loads.put(time.monotonic())

    def call(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while self.next_id not in self.results:
            if time.monotonic() > deadline:
                sys.exit(f"Chromium did not answer {method}")
            time.sleep(0.001)
        reply = self.results.pop(self.next_id)
        if "error" in reply:
            sys.exit(f"Chromium: {method}: {reply['error']}")
        return reply.get("result", {})

    def open(self, url):
        self.call("Page.navigate", {"url": url}, session=self.session)
        self.loaded(60)

    def loaded(self, timeout=60):
        """The time of the next load event of the tab."""
        try:
            return self.loads.get(timeout=timeout)
        except queue.Empty:
            return None

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def measure(server, source, page, runs, browser=None):
    """Edit -> page on disk and edit -> page reloaded in the browser (ms)
    for each run, and the server's own build times."""
    original = open(source, encoding="utf-8").read()
    latencies, reloads = [], []
    try:
        for run in range(runs + 1):  # the first run warms up
            word = f"benchmark{os.getpid()}x{run}"
            before = len(server.builds)
            while browser and not browser.loads.empty():
                browser.loads.get()
            start = time.monotonic()
            with open(source, "w", encoding="utf-8") as f:
                f.write(original.rstrip("\n") + f"\n\nEdited: {word}.\n")
            done = wait_for(page, word.encode())
            if done is None:
                sys.exit(f"{page} never showed the edit:\n" + "".join(server.lines[-20:]))
            reloaded = browser.loaded() if browser else None
            if browser and reloaded is None:
                sys.exit("the page open in Chromium did not reload after the edit")
            # Let the server finish and settle before the next edit.
            deadline = time.monotonic() + 5
            while len(server.builds) == before and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.5)
            if run > 0:
                latencies.append((done - start) * 1000.0)
                if reloaded is not None:
                    reloads.append((reloaded - start) * 1000.0)
    finally:
        with open(source, "w", encoding="utf-8") as f:
            f.write(original)
    return latencies, reloads, server.builds[-runs:]


def spread(values):
    values = sorted(values)
    if not values:
        return "-"
    return f"{statistics.median(values):,.0f} ({values[0]:,.0f}-{values[-1]:,.0f})"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--relais", required=True)
    p.add_argument("--hugo", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--pages", type=int, required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    a = p.parse_args()
    a.relais, a.hugo = os.path.abspath(a.relais), os.path.abspath(a.hugo)
    corpus = os.path.abspath(a.corpus)
    if not a.chromium:
        sys.exit("Chromium is needed (apt-get install chromium), or --chromium BIN")

    relais_site = os.path.join(corpus, "relais")
    relais = Server(
        [a.relais, "serve", "--port", "0", "--root", relais_site],
        relais_site,
        ready="serving",
        built=r"^build \d+: ([\d.]+) (ms|s)",
    )
    browser = Browser(a.chromium)
    try:
        port = next(m.group(1) for m in (re.search(r"http://127\.0\.0\.1:(\d+)/", l) for l in relais.lines) if m)
        browser.open(f"http://127.0.0.1:{port}/en/{DOC}/index.html")
        ours, our_reloads, our_builds = measure(
            relais,
            os.path.join(relais_site, "content", DOC + ".en.md"),
            os.path.join(relais_site, "build", "serve", "en", DOC, "index.html"),
            a.runs,
            browser,
        )
    finally:
        relais.stop()

    hugo_site = os.path.join(corpus, "hugo")
    hugo_out = os.path.join(corpus, "hugo-serve")
    with socket.socket() as s:  # a free port: Hugo takes no 0
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    hugo = Server(
        [a.hugo, "server", "-d", hugo_out, "--port", str(port), "-s", hugo_site],
        hugo_site,
        ready="Web Server is available",
        built=r"(?:Total|Built) in ([\d.]+) (ms|s)",
    )
    try:
        browser.open(f"http://127.0.0.1:{port}/en/{DOC}/")
        theirs, their_reloads, their_builds = measure(
            hugo,
            os.path.join(hugo_site, "content", "en", DOC + ".md"),
            os.path.join(hugo_out, "en", DOC, "index.html"),
            a.runs,
            browser,
        )
    finally:
        hugo.stop()
        browser.stop()

    ratio = statistics.median(ours) / statistics.median(theirs)
    reload_ratio = statistics.median(our_reloads) / statistics.median(their_reloads)
    print(f"| {a.pages:,} | relais serve | {spread(ours)} | {spread(our_reloads)} | {spread(our_builds)} | "
          f"{ratio:.2f} / {reload_ratio:.2f} |")
    print(f"| {a.pages:,} | hugo server | {spread(theirs)} | {spread(their_reloads)} | {spread(their_builds)} | 1 |")


if __name__ == "__main__":
    main()
