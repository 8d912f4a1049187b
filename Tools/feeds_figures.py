#!/usr/bin/env python3
"""Figures of the feeds service with one kiosk, as installed: `make feeds-figures`.

Runs, on 127.0.0.1, a source server (a VMA API and a Trafiklab departures API, both written
here), `skylt feeds` polling them, a web server for the published site that counts every byte it
sends, and `skylt run --headless` subscribed to the alert channel and the departures channel.
During the run it issues VMA warnings at random moments and times how long each takes to reach
the kiosk's screen (read from the kiosk's /api/status), then cancels it.

Prints: each warning's time to the screen, and the HTTP bytes (headers and bodies, without
TCP/IP overhead) the kiosk received per hour, by channel.
"""
import argparse
import email.utils
import http.server
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime, timedelta, timezone

STOCKHOLM = timezone(timedelta(hours=1))  # November: winter time


def iso(moment):
    return moment.astimezone(STOCKHOLM).isoformat(timespec="seconds")


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, counts the bytes it sends per first path segment, and keeps quiet."""

    counts = {}
    lock = threading.Lock()

    def setup(self):
        super().setup()
        original = self.wfile
        handler = self

        class Counter:
            def write(self, data):
                segment = handler.path.strip("/").split("/")[0] or "-"
                with CountingHandler.lock:
                    CountingHandler.counts[segment] = CountingHandler.counts.get(segment, 0) + len(data)
                return original.write(data)

            def __getattr__(self, name):
                return getattr(original, name)

        self.wfile = Counter()

    def log_message(self, *args):
        pass


def serve(folder, counting):
    class Handler(CountingHandler if counting else http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=folder, **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def write_atomically(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".new", "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(path + ".new", path)
    # A new modification time each write, so If-Modified-Since sees the change.
    now = time.time()
    os.utime(path, (now, now))


def vma_answer(alerts):
    return json.dumps({"timestamp": iso(datetime.now(timezone.utc)), "alerts": alerts})


def vma_alert(identifier, msg_type="Alert", references=None):
    now = datetime.now(timezone.utc)
    info = {
        "language": "sv-SE", "category": "Safety", "event": "Viktigt meddelande till allmänheten (VMA)",
        "urgency": "Immediate", "severity": "Severe", "certainty": "Observed",
        "senderName": "Räddningstjänsten Ljungby", "headline": "Brand i industrilokal i Ljungby",
        "description": "Kraftig rökutveckling.", "instruction": "Gå inomhus och stäng dörrar och fönster.",
        "effective": iso(now - timedelta(seconds=30)), "expires": iso(now + timedelta(hours=2)),
        "area": [{"areaDesc": "Ljungby kommun", "geocode": [{"valueName": "Kommun", "value": "0781"}]}],
    }
    return {
        "identifier": identifier, "sender": "https://vmaapi.sr.se", "sent": iso(now - timedelta(seconds=30)),
        "status": "Actual", "msgType": msg_type, "scope": "Public", "references": references, "info": [info],
    }


def departures_document():
    """Trafiklab's departures from a stop, the next hour's buses every 10 minutes, as of now."""
    now = datetime.now(timezone.utc).astimezone(STOCKHOLM).replace(tzinfo=None)
    rows = []
    for index in range(8):
        at = (now + timedelta(minutes=3 + 10 * index)).replace(second=0, microsecond=0)
        late = at + timedelta(minutes=2 if index == 1 else 0)
        rows.append({
            "scheduled": at.isoformat(), "realtime": late.isoformat(), "delay": (late - at).seconds,
            "canceled": index == 3, "is_realtime": True,
            "route": {"designation": str(145 + index % 3), "transport_mode": "BUS", "direction": "Ljungby"},
            "scheduled_platform": {"designation": "A"}, "realtime_platform": {"designation": "A"},
        })
    return json.dumps({
        "timestamp": now.isoformat(timespec="seconds"),
        "stops": [{"id": "740000190", "name": "Lidhult busstation"}], "departures": rows,
    })


def showing(status_port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{status_port}/api/status", timeout=3) as response:
            state = json.load(response).get("showing", {})
            return state.get("channel") or ""
    except OSError:
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skylt", default=".build/debug/skylt", help="the skylt binary")
    parser.add_argument("--minutes", type=float, default=12, help="how long to run (default 12)")
    parser.add_argument("--feeds-poll", type=int, default=60, help="the feeds service's poll (s)")
    parser.add_argument("--kiosk-poll", type=int, default=30, help="the kiosk's poll (s)")
    args = parser.parse_args()
    skylt = os.path.abspath(args.skylt)
    work = tempfile.mkdtemp(prefix="skylt-feeds-figures-")
    source_dir, site_dir = os.path.join(work, "source"), os.path.join(work, "site")
    os.makedirs(site_dir)
    write_atomically(os.path.join(source_dir, "vma.json"), vma_answer([]))
    write_atomically(os.path.join(source_dir, "departures", "740000190"), departures_document())
    source, site = serve(source_dir, False), serve(site_dir, True)
    keys = {}
    for name in ["larm", "buss"]:
        subprocess.run([skylt, "keygen", "--out", os.path.join(work, name)], check=True, capture_output=True)
        keys[name] = open(os.path.join(work, name + ".pub"), encoding="utf-8").read().strip().splitlines()[-1]
    source_url = f"http://127.0.0.1:{source.server_port}"
    config = {"contact": "drift@ljungby.example", "channels": [
        {"name": "larm", "key": "larm.key", "sources": [
            {"type": "vma", "url": source_url + "/vma.json", "geocode": "0781", "poll": args.feeds_poll}]},
        {"name": "buss", "key": "buss.key", "sources": [
            {"type": "trafiklab", "url": source_url, "stop": "740000190", "key": "figures", "poll": args.feeds_poll}]},
    ]}
    with open(os.path.join(work, "feeds.json"), "w", encoding="utf-8") as handle:
        json.dump(config, handle)
    status_port = random.randint(30000, 60000)
    site_url = f"http://127.0.0.1:{site.server_port}"
    kiosk = {"id": "lidhult-1", "name": "Lidhults Lanthandel", "stateDirectory": "state", "cacheDirectory": "cache",
             "status": {"address": "127.0.0.1", "port": status_port, "token": "a-long-enough-token-123"},
             "channels": [{"name": name, "url": f"{site_url}/{name}/manifest.json", "keys": [keys[name]],
                           "pollSeconds": args.kiosk_poll} for name in ["larm", "buss"]]}
    with open(os.path.join(work, "kiosk.json"), "w", encoding="utf-8") as handle:
        json.dump(kiosk, handle)
    logs = open(os.path.join(work, "log.txt"), "w")
    feeds = subprocess.Popen([skylt, "feeds", "--config", os.path.join(work, "feeds.json"), "--site", site_dir,
                              "--state", os.path.join(work, "feeds-state")], stderr=logs, stdout=logs)
    player = subprocess.Popen([skylt, "run", "--headless", "--config", os.path.join(work, "kiosk.json"),
                               "--exit-after", str(int(args.minutes * 60 + 120))], stderr=logs, stdout=logs, cwd=work)
    print(f"running {args.minutes:g} min: feeds poll {args.feeds_poll} s, kiosk poll {args.kiosk_poll} s; logs in {work}",
          flush=True)
    start = time.time()
    end = start + args.minutes * 60
    latencies, number, next_departures = [], 0, start + 60
    # The first minutes settle both channels onto the kiosk before any warning is timed.
    time.sleep(min(args.kiosk_poll * 2 + args.feeds_poll, args.minutes * 30))
    CountingHandler.counts.clear()
    counted_from = time.time()
    while time.time() < end - (args.feeds_poll + args.kiosk_poll) * 2:
        time.sleep(random.uniform(0, args.feeds_poll))
        number += 1
        identifier = f"SRVMA-FIGURES-{number}"
        issued = time.time()
        write_atomically(os.path.join(source_dir, "vma.json"), vma_answer([vma_alert(identifier)]))
        while time.time() < issued + (args.feeds_poll + args.kiosk_poll) * 3 and showing(status_port) != "larm":
            if time.time() > next_departures:
                write_atomically(os.path.join(source_dir, "departures", "740000190"), departures_document())
                next_departures += 60
            time.sleep(0.25)
        latency = time.time() - issued
        latencies.append(latency)
        print(f"warning {number}: on the screen {latency:.1f} s after it appeared at the source", flush=True)
        sent = vma_alert(identifier)["sent"]
        cancel = vma_alert(f"{identifier}-C", "Cancel", f"https://vmaapi.sr.se,{identifier},{sent}")
        write_atomically(os.path.join(source_dir, "vma.json"), vma_answer([cancel]))
        cancelled = time.time()
        while time.time() < cancelled + (args.feeds_poll + args.kiosk_poll) * 3 and showing(status_port) == "larm":
            time.sleep(0.25)
    while time.time() < end:
        if time.time() > next_departures:
            write_atomically(os.path.join(source_dir, "departures", "740000190"), departures_document())
            next_departures += 60
        time.sleep(1)
    hours = (time.time() - counted_from) / 3600
    for process in [feeds, player]:
        process.terminate()
        process.wait(timeout=30)
    counts = dict(CountingHandler.counts)
    print(f"warnings timed: {len(latencies)}; seconds to the screen: "
          + ", ".join(f"{value:.1f}" for value in latencies)
          + (f"; mean {sum(latencies) / len(latencies):.1f}, max {max(latencies):.1f}" if latencies else ""))
    total = sum(counts.values())
    print(f"kiosk's HTTP bytes per hour: {total / hours:,.0f} "
          + "(" + ", ".join(f"{name} {value / hours:,.0f}" for name, value in sorted(counts.items())) + ")"
          + f", measured over {hours * 60:.1f} min")
    return 0 if latencies else 1


if __name__ == "__main__":
    sys.exit(main())
