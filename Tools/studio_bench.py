#!/usr/bin/env python3
"""Figures for Skylt Studio, measured through HTTP against the real server:

- preview render time per template (median and p95 of POST .../slides/<id> action=preview,
  which draws the slide at two sizes and in each language with the player's compositor);
- the time to publish a channel of 50 slides (the command line, and the web's publish button);
- the server's resident memory idle, and under 20 editors previewing at once.

Run `make bench-studio` (it builds first) or `python3 Tools/studio_bench.py [--build DIR]`.
Prints figures; asserts nothing."""

import argparse
import html.parser
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
EDITORS = 20
PASSWORD = "a long benchmark password"


class FormReader(html.parser.HTMLParser):
    """The fields of the page's multipart form as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields, self.in_form, self.textarea, self.select = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("enctype") == "multipart/form-data":
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("file", "submit"):
            if attrs.get("type") == "checkbox" and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = [name, None]
        elif tag == "option" and self.select is not None:
            if self.select[1] is None or "selected" in attrs:
                self.select[1] = attrs.get("value", "")

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            self.fields.append((self.select[0], self.select[1] or ""))
            self.select = None
        elif tag == "form":
            self.in_form = False


def multipart(fields):
    boundary = "skylt" + secrets.token_hex(8)
    body = b""
    for name, value in fields:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").encode() + value.encode() + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Editor:
    def __init__(self, base, name):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.post("/login", urllib.parse.urlencode({"username": name, "password": PASSWORD}).encode(),
                  "application/x-www-form-urlencoded")
        self.csrf = csrf(self.request("/account")[1])

    def request(self, path, body=None, content_type=None):
        request = urllib.request.Request(self.base + path, data=body, headers={"Origin": self.base})
        if content_type:
            request.add_header("Content-Type", content_type)
        with self.opener.open(request, timeout=120) as response:
            return response.status, response.read().decode()

    def post(self, path, body, content_type):
        return self.request(path, body, content_type)

    def preview_fields(self, slide):
        reader = FormReader()
        reader.feed(self.request(f"/channels/demo/slides/{slide}")[1])
        return [field for field in reader.fields if field[0] != "action"] + [("action", "preview")]

    def preview(self, slide, fields):
        """One preview; the form's CSRF token is this editor's own."""
        fields = [(name, self.csrf if name == "csrf_token" else value) for name, value in fields]
        body, content_type = multipart(fields)
        started = time.perf_counter()
        status, page = self.post(f"/channels/demo/slides/{slide}", body, content_type)
        elapsed = time.perf_counter() - started
        if status != 200 or "/previews/" not in page:
            raise SystemExit(f"preview of {slide} failed: {status}")
        self.images = page.count('src="/previews/')
        return elapsed


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(arguments, stdin=None):
    return subprocess.run([str(a) for a in arguments], input=stdin, capture_output=True, text=True, check=True)


def fifty_slides(folder):
    """The demo playlist with its slides repeated (new ids) to 50."""
    shutil.copytree(REPOSITORY / "Playlists" / "demo", folder)
    playlist = json.loads((folder / "playlist.json").read_text())
    originals = playlist["slides"]
    playlist["slides"] = []
    for index in range(50):
        slide = json.loads(json.dumps(originals[index % len(originals)]))
        slide["id"] = f"{slide['id']}-{index + 1}"
        playlist["slides"].append(slide)
    (folder / "playlist.json").write_text(json.dumps(playlist, ensure_ascii=False, indent=2))


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(REPOSITORY / ".build" / "release"), help="folder of skylt-studio")
    parser.add_argument("--rounds", type=int, default=20, help="previews per template")
    parser.add_argument("--load-seconds", type=float, default=30, help="length of the 20-editor load")
    arguments = parser.parse_args()
    studio = Path(arguments.build) / "skylt-studio"
    work = Path(tempfile.mkdtemp(prefix="skylt-studio-bench-"))
    data, site = work / "data", work / "site"
    try:
        run([studio, "init", "--data", data, "--site", site, "--base-url", "http://127.0.0.1:9/site"])
        run([studio, "import", "demo", REPOSITORY / "Playlists" / "demo", "--data", data])
        for index in range(EDITORS):
            run([studio, "user", "add", f"editor{index + 1:02}", "--role", "admin", "--password-stdin", "--data", data],
                stdin=PASSWORD + "\n")
        fifty_slides(work / "fifty")
        run([studio, "import", "fifty", work / "fifty", "--data", data])
        started = time.perf_counter()
        run([studio, "publish", "fifty", "--data", data])
        print(f"publish of a 50-slide channel (command line, first version): {time.perf_counter() - started:.2f} s")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([studio, "serve", "--data", data, "--listen", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 20
            while time.time() < deadline:
                try:
                    urllib.request.urlopen(base + "/login", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            time.sleep(1)
            print(f"RSS idle after start: {rss_kib(server.pid) / 1024:.1f} MiB")
            measure(base, server, arguments)
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(base, server, arguments):
    editor = Editor(base, "editor01")
    slides = json.loads((REPOSITORY / "Playlists" / "demo" / "playlist.json").read_text())["slides"]
    print(f"RSS idle after a login: {rss_kib(server.pid) / 1024:.1f} MiB")
    print("preview through HTTP (1920x1080 and 1080x1920, each language of the slide), per template:")
    print(f"  {'template':10} {'images':>6} {'median ms':>10} {'p95 ms':>8}")
    for slide in slides:
        fields = editor.preview_fields(slide["id"])
        editor.preview(slide["id"], fields)
        times = [editor.preview(slide["id"], fields) * 1000 for _ in range(arguments.rounds)]
        print(f"  {slide['template']:10} {editor.images:>6} {statistics.median(times):>10.1f} {percentile(times, 0.95):>8.1f}")
    print(f"RSS after the previews: {rss_kib(server.pid) / 1024:.1f} MiB")
    load(base, server, slides, arguments.load_seconds)
    page = editor.request("/channels/fifty/publish")[1]
    started = time.perf_counter()
    fields = {name: hidden(page, name) for name in ("csrf_token", "expected", "digest")}
    body = urllib.parse.urlencode(fields).encode()
    editor.post("/channels/fifty/publish", body, "application/x-www-form-urlencoded")
    print(f"publish of a 50-slide channel (web, version 2, no media changed): {time.perf_counter() - started:.2f} s")


def hidden(page, name):
    marker = f'name="{name}" value="'
    start = page.index(marker) + len(marker)
    return page[start:page.index('"', start)]


def csrf(page):
    return hidden(page, "csrf_token")


def load(base, server, slides, seconds):
    editors = [Editor(base, f"editor{index + 1:02}") for index in range(EDITORS)]
    forms = {slide["id"]: editors[0].preview_fields(slide["id"]) for slide in slides}
    times, peak, stop = [], [rss_kib(server.pid)], threading.Event()
    lock = threading.Lock()

    def work(editor, offset):
        index = offset
        while not stop.is_set():
            slide = slides[index % len(slides)]["id"]
            elapsed = editor.preview(slide, forms[slide])
            with lock:
                times.append(elapsed * 1000)
            index += 1

    threads = [threading.Thread(target=work, args=(editor, offset)) for offset, editor in enumerate(editors)]
    for thread in threads:
        thread.start()
    deadline = time.time() + seconds
    while time.time() < deadline:
        peak.append(rss_kib(server.pid))
        time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join()
    print(f"{EDITORS} editors previewing at once for {seconds:.0f} s: {len(times)} previews, "
          f"median {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms, "
          f"peak RSS {max(peak) / 1024:.1f} MiB")
    time.sleep(2)
    print(f"RSS 2 s after the load: {rss_kib(server.pid) / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
