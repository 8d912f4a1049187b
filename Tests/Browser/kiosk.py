"""A real kiosk for browser tests: `skylt run` headless with a config the studio made, and the
frame it shows read back with zbarimg.

Only what a technician sets per machine is added to the studio's config: where the cache and
the state live, and the status page's address and port (`skylt run` takes these from the
config only; its flags are --config, --headless, --exit-after and --screenshot)."""

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from studio_fixture import SKYLT, free_port


def machine_config(studio_config: dict, folder: Path) -> dict:
    """The studio's config with this machine's folders and a loopback status port."""
    config = dict(studio_config)
    config["cacheDirectory"] = str(folder / "cache")
    config["stateDirectory"] = str(folder / "state")
    config["status"] = {"address": "127.0.0.1", "port": free_port()}
    return config


def qr_payloads(png: Path) -> list:
    """Every QR code zbarimg finds in the PNG (none when it finds none)."""
    result = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
                            capture_output=True, text=True, timeout=30)
    return [line for line in result.stdout.splitlines() if line]


class Kiosk:
    """`skylt run --headless` on the SDL dummy driver, writing the frame at each switch."""

    def __init__(self, studio_config: dict, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.config_path = folder / "config.json"
        self.config_path.write_text(json.dumps(machine_config(studio_config, folder), indent=2))
        self.frame = folder / "frame.png"
        # The last frame read, kept: after a successful wait, the one that held the code.
        self.decoded = folder / "decoded.png"
        self.process = None

    def start(self, seconds=90):
        environment = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
        # The player writes its log into the file itself; this process keeps no handle on it.
        with open(self.folder / "kiosk.log", "w") as log:
            self.process = subprocess.Popen(
                [SKYLT, "run", "--config", self.config_path, "--headless", "--screenshot", self.frame,
                 "--exit-after", str(seconds)],
                stdout=log, stderr=subprocess.STDOUT, env=environment)
        return self

    def wait_for_qr(self, expected: str, seconds=60) -> float:
        """Seconds until a frame on screen holds a QR code that reads `expected`; fails with
        what the kiosk logged when none does within `seconds`."""
        started = time.time()
        seen_payloads, last_stamp = set(), None
        while time.time() - started < seconds:
            if self.process.poll() is not None:
                break
            stamp = self.frame.stat().st_mtime_ns if self.frame.exists() else None
            if stamp is not None and stamp != last_stamp:
                # The player replaces the frame by a rename: a copy is one whole frame.
                last_stamp = stamp
                shutil.copyfile(self.frame, self.decoded)
                payloads = qr_payloads(self.decoded)
                if expected in payloads:
                    return time.time() - started
                seen_payloads.update(payloads)
            time.sleep(0.25)
        raise AssertionError(
            f"no frame showed a QR code of {expected} in {seconds} s (codes seen: {sorted(seen_payloads)});"
            f" the kiosk logged:\n{self.log_text()}")

    def keep_frame(self, name):
        """A copy of the frame that decoded into $SKYLT_SCREENSHOTS, when that is set."""
        folder = os.environ.get("SKYLT_SCREENSHOTS")
        if folder:
            shutil.copyfile(self.decoded, Path(folder) / f"{name}.png")

    def log_text(self) -> str:
        return (self.folder / "kiosk.log").read_text()[-4000:]

    def stop(self):
        """SIGTERM (the player stops cleanly), then SIGKILL if it hangs."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode if self.process else None
