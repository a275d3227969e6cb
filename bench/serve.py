#!/usr/bin/env python3
"""`oit serve`: time from saving one page to the rebuilt site, against a full `oit build`.

    python3 bench/serve.py [--oit target/release/oit] [--content DIR] [--edits 10] [--builds 5]

The content (default: the example station in content/) is copied to a temporary folder. A full
build is `oit build` of the copy into a fresh folder (a new process: load, check, render, write
everything), timed from outside, median of --builds runs. Then `oit serve` runs on the copy; each
edit appends a paragraph to one item's index.md and is timed two ways:

- rebuild: the time serve reports for its rebuild (load, check, render, link check; the site is
  held in memory, nothing is written);
- save to reload: from the write to the answer of the live-reload long-poll a browser would be
  holding (adds the file-watcher's 60 ms quiet period and the notification).

Python standard library only; prints a Markdown table. For steadier numbers put the temporary
folders (the copy, the full builds' outputs and serve's own folder) on a tmpfs:
`TMPDIR=/mnt/bench-out python3 bench/serve.py` (see BENCHMARKS.md on ext4 and freed inodes).
"""
import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
here = os.path.dirname(os.path.abspath(__file__))
ap.add_argument("--oit", default=os.path.join(here, "..", "target", "release", "oit"))
ap.add_argument("--content", default=os.path.join(here, "..", "content"))
ap.add_argument("--item", default=None, help="index.md to edit, relative to the content (default: the first item found)")
ap.add_argument("--edits", type=int, default=10)
ap.add_argument("--builds", type=int, default=5)
args = ap.parse_args()

tmp = tempfile.mkdtemp(prefix="oit-bench-serve-")
content = os.path.join(tmp, "content")
shutil.copytree(args.content, content)
item = args.item
if item is None:
    for root, _dirs, files in sorted(os.walk(content)):
        if "index.md" in files and re.search(r"/o\d\d$", root):
            item = os.path.relpath(os.path.join(root, "index.md"), content)
            break
item_path = os.path.join(content, item)

# Full builds, each into a folder of its own (never one just deleted: see bench/run.sh).
full = []
for i in range(args.builds):
    out = os.path.join(tmp, f"full-{i}")
    t = time.monotonic()
    subprocess.run([args.oit, "build", "--content", content, "--out", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    full.append(time.monotonic() - t)

proc = subprocess.Popen([args.oit, "--lang", "en", "serve", "--port", "0", "--content", content],
                        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
lines = []
cond = threading.Condition()


def reader():
    for line in proc.stderr:
        with cond:
            lines.append(line.rstrip("\n"))
            cond.notify_all()


threading.Thread(target=reader, daemon=True).start()


LOG = r"rebuilt in ([\d.]+) ms \((\d+) of (\d+) pages rendered\)"


def wait_line(pattern, start):
    """The first log line at index >= start matching pattern, and its index."""
    deadline = time.monotonic() + 60
    with cond:
        while True:
            for i in range(start, len(lines)):
                m = re.search(pattern, lines[i])
                if m:
                    return m, i
            left = deadline - time.monotonic()
            if left <= 0 or proc.poll() is not None:
                sys.exit(f"serve.py: no log line {pattern!r}; log: {lines}")
            cond.wait(left)


first, at = wait_line(LOG, 0)
m, at = wait_line(r"http://127\.0\.0\.1:(\d+)/", at)
port = int(m.group(1))
first_build_ms = float(first.group(1))


def version():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/__oit/reload?v=-1")
    return int(c.getresponse().read())


rebuild_ms, reload_s, rendered = [], [], []
for n in range(args.edits):
    v = version()
    got = {}

    def poll():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.request("GET", f"/__oit/reload?v={v}")
        c.getresponse().read()
        got["t"] = time.monotonic()

    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(0.3)  # the long-poll is waiting before the save
    start_line = len(lines)
    t = time.monotonic()
    with open(item_path, "a", encoding="utf-8") as f:
        f.write(f"\nย่อหน้าทดสอบการแก้ไขครั้งที่ {n + 1}\n")
    poller.join()
    m, _ = wait_line(LOG, start_line)
    reload_s.append(got["t"] - t)
    rebuild_ms.append(float(m.group(1)))
    rendered.append(f"{m.group(2)} of {m.group(3)}")
    time.sleep(0.3)

proc.terminate()
proc.wait()
shutil.rmtree(tmp, ignore_errors=True)

fb = statistics.median(full) * 1000
rb = statistics.median(rebuild_ms)
print(f"### serve: {os.path.relpath(args.content)} , editing {item}\n")
print("| measure | median | range | runs |")
print("|---|---:|---:|---:|")
print(f"| full build (`oit build`, new process) | {fb:.0f} ms | {min(full)*1000:.0f}–{max(full)*1000:.0f} ms | {len(full)} |")
print(f"| serve's first build | {first_build_ms:.0f} ms | | 1 |")
print(f"| serve rebuild after a one-page edit | {rb:.1f} ms | {min(rebuild_ms):.1f}–{max(rebuild_ms):.1f} ms | {len(rebuild_ms)} |")
print(f"| save to reload (long-poll answered) | {statistics.median(reload_s)*1000:.0f} ms | {min(reload_s)*1000:.0f}–{max(reload_s)*1000:.0f} ms | {len(reload_s)} |")
print(f"\nrebuild ÷ full build: **{rb / fb:.1%}**; pages rendered per edit: {', '.join(sorted(set(rendered)))}; "
      f"load average {os.getloadavg()[0]:.1f}.")
