#!/usr/bin/env python3
"""Runs a `skylt` binary on the hostile inputs that one bad slide may contain, and prints what
each cost: exit status, seconds and peak resident memory of the child.

Each input is a small playlist folder made here, in a temporary folder (or --keep DIR):
rasters whose headers claim huge sizes (made with Debian's libpng, libjpeg and libwebp
through ctypes, so the files are real), an SVG that embeds a huge raster as a data: URI,
a FIFO named as a medium, a 1 MB title, a 200 KB body without spaces, NUL characters in a
Wi-Fi password and in a URL, and a slide with 1,440 schedule windows for `plan`.

    Tools/hostile_inputs.py --skylt .build/release/skylt [--timeout 150] [--only png-rgba,fifo]

A figure program, not a test: the suite's regression tests assert the behaviour; this prints
the before and after figures for the note and the README.
"""

import argparse
import ctypes
import ctypes.util
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib

PLAYLIST_HEAD = {"name": "Hostile input", "defaultLanguage": "sv", "timeZone": "Europe/Stockholm"}


def png_bytes(width, height, colour_type, bits=8):
    """A real PNG of zero pixels: the IHDR says width x height, the IDAT holds every row."""
    channels = {0: 1, 2: 3, 6: 4}[colour_type]
    row = b"\x00" * (1 + width * channels * bits // 8)
    packer = zlib.compressobj(9)
    parts = [packer.compress(row) for _ in range(height)]
    parts.append(packer.flush())
    data = b"".join(parts)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, bits, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def lossless_webp(size=16):
    """A real size x size lossless WebP of zero pixels, from Debian's libwebp."""
    library = ctypes.CDLL(ctypes.util.find_library("webp") or "libwebp.so.7")
    library.WebPEncodeLosslessRGBA.restype = ctypes.c_size_t
    pixels = (ctypes.c_uint8 * (size * size * 4))()
    output = ctypes.POINTER(ctypes.c_uint8)()
    length = library.WebPEncodeLosslessRGBA(pixels, size, size, size * 4, ctypes.byref(output))
    encoded = bytes(ctypes.string_at(output, length))
    library.WebPFree(output)
    return encoded


def webp_bytes(side):
    """A 16x16 lossless WebP whose VP8L header is made to claim side x side (the simple
    format's sizes are 14 bits: 16384 at most); the pixels that follow are far too few."""
    data = bytearray(lossless_webp())
    # VP8L: "RIFF" size "WEBP" "VP8L" size, then the signature byte 0x2f and 28 bits of
    # width-1 and height-1, least significant bit first.
    bits = int.from_bytes(data[21:25], "little")
    bits = (bits & ~((1 << 28) - 1)) | (side - 1) | ((side - 1) << 14)
    data[21:25] = bits.to_bytes(4, "little")
    return bytes(data)


def animated_webp_bytes(width, height):
    """An extended WebP whose VP8X canvas claims width x height (24-bit sizes) and says it is
    animated: a decoder's feature call reports the canvas without reading a frame."""
    vp8x = b"VP8X" + struct.pack("<I", 10) + bytes([0x02, 0, 0, 0])
    vp8x += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    anim = b"ANIM" + struct.pack("<I", 6) + b"\x00\x00\x00\x00\x00\x00"
    body = b"WEBP" + vp8x + anim
    return b"RIFF" + struct.pack("<I", len(body)) + body


def jpeg_bytes(width, height):
    """A baseline greyscale JPEG of one grey 8x8 block whose frame header claims width x
    height: a decoder learns the size from the SOF0 segment before any pixel."""
    quant = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + b"\x01" * 64
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    # One code of one bit for the DC category 0 and one for the AC end of block.
    dc = b"\xff\xc4" + struct.pack(">H", 20) + b"\x00" + b"\x01" + b"\x00" * 15 + b"\x00"
    ac = b"\xff\xc4" + struct.pack(">H", 20) + b"\x10" + b"\x01" + b"\x00" * 15 + b"\x00"
    scan = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00" + b"\x00\x3f\x00"
    return b"\xff\xd8" + quant + frame + dc + ac + scan + b"\x3f\xff\xd9"


def svg_with_data_uri(width, height):
    import base64

    png = base64.b64encode(png_bytes(width, height, 6)).decode("ascii")
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">'
        f'<image x="0" y="0" width="800" height="600" href="data:image/png;base64,{png}"/></svg>'
    ).encode("ascii")


def poster(image):
    return {"id": "bad", "template": "poster", "duration": 10, "image": image, "caption": {"sv": "Affisch"}}


def notice(title, body):
    return {"id": "bad", "template": "notice", "duration": 10, "title": {"sv": title}, "body": {"sv": body}}


def wifi(password):
    return {"id": "bad", "template": "wifi", "duration": 10, "title": {"sv": "Wifi"}, "ssid": "Butiken",
            "password": password, "security": "WPA"}


def link(url):
    return {"id": "bad", "template": "poster", "duration": 10, "image": "media/ok.svg",
            "caption": {"sv": "Affisch"}, "qr": {"url": url, "label": {"sv": "Läs mer"}}}


def windows(first, count, step):
    """Daily windows of one minute, `step` minutes apart, from minute `first` of the day."""
    return [{"from": f"{m // 60:02}:{m % 60:02}", "to": f"{(m + 1) // 60 % 24:02}:{(m + 1) % 60:02}"}
            for m in range(first, first + count * step, step)]


def scheduled(index, times):
    slide = notice("Öppet", "Varje minut.")
    slide["id"] = f"bad{index}"
    slide["schedule"] = {"times": times}
    return slide


OK_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600"/></svg>'

PLAN = ["plan", "--from", "2026-12-01T09:00:00+01:00", "--to", "2026-12-01T12:00:00+01:00"]

# name: (what the issue found, the slides, {media file: bytes or "fifo"}, command words)
CASES = {
    "png-rgba": ("30000x30000 RGBA PNG", [poster("media/big.png")],
                 {"big.png": lambda: png_bytes(30000, 30000, 6)}, ["validate"]),
    "png-grey": ("30000x30000 greyscale PNG", [poster("media/big.png")],
                 {"big.png": lambda: png_bytes(30000, 30000, 0)}, ["validate"]),
    "jpeg": ("JPEG header claiming 60000x60000", [poster("media/big.jpg")],
             {"big.jpg": lambda: jpeg_bytes(60000, 60000)}, ["validate"]),
    "webp": ("WebP header claiming 16384x16384, the simple format's largest", [poster("media/big.webp")],
             {"big.webp": lambda: webp_bytes(16384)}, ["validate"]),
    "webp-canvas": ("animated WebP whose canvas claims 60000x60000", [poster("media/big.webp")],
                    {"big.webp": lambda: animated_webp_bytes(60000, 60000)}, ["validate"]),
    "svg-data-uri": ("SVG embedding a 25000x25000 PNG as data: URI", [poster("media/big.svg")],
                     {"big.svg": lambda: svg_with_data_uri(25000, 25000)}, ["validate"]),
    "fifo": ("FIFO named as a medium", [poster("media/pipe.png")], {"pipe.png": "fifo"}, ["validate"]),
    "title-1mb": ("1 MB title", [notice("Öppet " * 140000, "Kort.")], {}, ["validate"]),
    "body-200kb": ("200 KB body without spaces", [notice("Öppet", "x" * 200_000)], {}, ["validate"]),
    "nul-wifi": ("NUL inside a Wi-Fi password", [wifi("kanel\u0000bulle")], {}, ["validate"]),
    "nul-url": ("NUL inside a URL", [link("https://example.org/a\u0000b")], {"ok.svg": lambda: OK_SVG},
                ["validate"]),
    "plan-1440": ("one slide with 1,440 schedule windows, plan for three hours",
                  [scheduled(0, windows(0, 1440, 1))], {}, PLAN),
    "plan-960": ("10 slides with 96 windows each, plan for three hours",
                 [scheduled(i, windows(i, 96, 15)) for i in range(10)], {}, PLAN),
}


def make_case(folder, slides, media):
    os.makedirs(os.path.join(folder, "media"), exist_ok=True)
    for name, content in media.items():
        path = os.path.join(folder, "media", name)
        if content == "fifo":
            os.mkfifo(path)
        else:
            with open(path, "wb") as file:
                file.write(content())
    with open(os.path.join(folder, "playlist.json"), "w", encoding="utf-8") as file:
        json.dump(dict(PLAYLIST_HEAD, slides=slides), file, ensure_ascii=False)


def measure(argv, timeout):
    """Runs argv; returns (outcome, seconds, peak MB, first output line). Kills the child
    with SIGKILL at the timeout: some of these inputs made it ignore SIGTERM."""
    started = time.monotonic()
    # Output goes to a file, not a pipe: a child that prints much would wait on a full pipe.
    sink = tempfile.TemporaryFile()
    child = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT,
                             env=dict(os.environ, SDL_VIDEODRIVER="dummy"))
    timed_out = False
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            child.send_signal(signal.SIGKILL)
            timed_out = True
            pid, status, usage = os.wait4(child.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.monotonic() - started
    sink.seek(0)
    output = sink.read().decode("utf-8", "replace").strip().splitlines()
    sink.close()
    if timed_out:
        outcome = f"killed after {timeout:.0f} s"
    elif os.WIFSIGNALED(status):
        outcome = f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    else:
        outcome = f"exit {os.WEXITSTATUS(status)}"
    first = next((line for line in output if line.strip()), "")
    return outcome, seconds, usage.ru_maxrss / 1024, first


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skylt", required=True, help="the skylt binary to run")
    parser.add_argument("--timeout", type=float, default=150, help="seconds before SIGKILL (default 150)")
    parser.add_argument("--only", help="comma-separated case names: " + ", ".join(CASES))
    parser.add_argument("--keep", help="make the inputs in this folder and keep them")
    arguments = parser.parse_args()
    names = arguments.only.split(",") if arguments.only else list(CASES)
    unknown = [name for name in names if name not in CASES]
    if unknown:
        parser.error("unknown case: " + ", ".join(unknown))
    root = arguments.keep or tempfile.mkdtemp(prefix="skylt-hostile-")
    print(f"{'case':<14} {'outcome':<22} {'seconds':>8} {'peak MB':>8}  first line of output")
    try:
        for name in names:
            what, slides, media, words = CASES[name]
            folder = os.path.join(root, name)
            shutil.rmtree(folder, ignore_errors=True)
            make_case(folder, slides, media)
            outcome, seconds, peak, first = measure([arguments.skylt, words[0], folder] + words[1:],
                                                    arguments.timeout)
            print(f"{name:<14} {outcome:<22} {seconds:8.2f} {peak:8.1f}  {first[:110]!r}  ({what})", flush=True)
    finally:
        if not arguments.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
