"""A real Skylt Studio for browser tests: a data folder made with the built `skylt-studio`,
an admin with a random password, the demo playlist as channel `demo`, the server on a free
loopback port, and (optionally) nginx serving the site folder as kiosks would fetch it."""

import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("SKYLT_BUILD", REPOSITORY / ".build" / "debug"))
STUDIO = BUILD / "skylt-studio"
SKYLT = BUILD / "skylt"
CHROMIUM = os.environ.get("SKYLT_CHROMIUM", "/usr/lib/chromium/chromium")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(arguments, stdin=None, check=True):
    """Runs a command; on failure the exception says what it printed."""
    result = subprocess.run(arguments, input=stdin, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, arguments))} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


class StudioFixture:
    """One studio for one test class. `url` is where the studio answers."""

    def __init__(self, site_port=None):
        self.folder = Path(tempfile.mkdtemp(prefix="skylt-browser-"))
        self.data = self.folder / "data"
        self.site = self.folder / "site"
        self.site_port = site_port or free_port()
        self.base_url = f"http://127.0.0.1:{self.site_port}"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.admin_password = secrets.token_urlsafe(18)
        self.server = None
        self.nginx = None

    def start(self):
        run([STUDIO, "init", "--data", self.data, "--site", self.site, "--base-url", self.base_url])
        run([STUDIO, "user", "add", "admin", "--role", "admin", "--password-stdin", "--data", self.data],
            stdin=self.admin_password + "\n")
        run([STUDIO, "import", "demo", REPOSITORY / "Playlists" / "demo", "--data", self.data])
        self.log = open(self.folder / "studio.log", "w")
        self.server = subprocess.Popen(
            [STUDIO, "serve", "--data", self.data, "--listen", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.wait_for(self.url + "/login")
        return self

    def add_user(self, name, role, password):
        run([STUDIO, "user", "add", name, "--role", role, "--password-stdin", "--data", self.data],
            stdin=password + "\n")

    def add_contributor(self, name, password, organisation, channel):
        """A contributor of `channel` who sends for `organisation`. The command line makes the
        user; the membership and the organisation go straight into the database, as the admin
        pages would write them (the studio opens its database per request)."""
        self.add_user(name, "contributor", password)
        with sqlite3.connect(self.data / "studio.sqlite") as database:
            user = database.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()[0]
            channel_id = database.execute("SELECT id FROM channels WHERE name = ?", (channel,)).fetchone()[0]
            database.execute("INSERT INTO channel_members (user_id, channel_id, role) VALUES (?, ?, 'contributor')",
                             (user, channel_id))
            database.execute("INSERT INTO organisations (name, created_at) VALUES (?, '2026-11-01T00:00:00Z')",
                             (organisation,))
            database.execute("INSERT INTO organisation_members (organisation_id, user_id) "
                             "VALUES ((SELECT id FROM organisations WHERE name = ?), ?)", (organisation, user))

    def start_nginx(self):
        """nginx serving the site folder with the repository's test config (cache headers as
        the README documents them)."""
        prefix = self.folder / "nginx"
        prefix.mkdir()
        # nginx's workers run as `nobody` when the tests run as root: they must reach the site
        # folder through the test's folder, which mkdtemp makes 0700. The data folder inside
        # keeps its own 0750, so this opens only the way to the site.
        self.folder.chmod(0o755)
        template = (REPOSITORY / "Tests" / "Fixtures" / "nginx.conf").read_text()
        config = (template.replace("{{PREFIX}}", str(prefix)).replace("{{PORT}}", str(self.site_port))
                  .replace("{{ROOT}}", str(self.site)).replace("{{SSL}}", "").replace("{{TLS}}", ""))
        (prefix / "nginx.conf").write_text(config)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.nginx = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.site_port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("nginx did not start")

    def wait_for(self, url, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.server and self.server.poll() is not None:
                raise AssertionError(f"skylt-studio serve exited: {(self.folder / 'studio.log').read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"{url} did not answer in {seconds} s")

    def stop(self):
        for process in (self.server, self.nginx):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        if self.server:
            self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
