"""The Debian packages under test, and a throwaway root to install them in.

The packages come from SKYLT_DEB_DIR (what `make deb` wrote) or are made from the release
build with `make deb-package`; a second set with a higher version is always made from the
same binaries (SKYLT_DEB_BUILD, default .build/release), so upgrades are tested without a
second compile.
"""

import atexit
import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

TOP = Path(__file__).resolve().parents[2]
PACKAGES = ("skylt", "skylt-studio")


def run(command, **options):
    """Runs a command and returns its completed process; output is text and captured."""
    options.setdefault("capture_output", True)
    options.setdefault("text", True)
    options.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(command, **options)


def check(command, **options):
    """Runs a command that must succeed, with its output in the failure."""
    result = run(command, **options)
    if result.returncode != 0:
        raise AssertionError(f"{command} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout


ARCH = check(["dpkg", "--print-architecture"]).strip()
# SkyltVersion.string with the packaging's revision, as `make deb` names the packages.
VERSION = check(["make", "-s", "-C", str(TOP), "--no-print-directory", "deb-version"]).strip()
NEXT_VERSION = VERSION + "+next1"


class Builds:
    """Both packages at VERSION and at NEXT_VERSION, made once per test run."""

    _made = None

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="skylt-debs-"))
        atexit.register(shutil.rmtree, self.folder, True)
        binaries = Path(os.environ.get("SKYLT_DEB_BUILD", TOP / ".build/release"))
        for package in PACKAGES:
            if not (binaries / package).is_file():
                raise AssertionError(f"no {binaries / package}: run `make release` (or `make package-test`)")
        given = os.environ.get("SKYLT_DEB_DIR")
        self.current = self._make(VERSION, binaries) if not given else self._find(Path(given), VERSION)
        self.next = self._make(NEXT_VERSION, binaries)

    @classmethod
    def shared(cls):
        if cls._made is None:
            cls._made = cls()
        return cls._made

    def _make(self, version, binaries):
        out = self.folder / version
        check([
            "make", "-C", str(TOP), "--no-print-directory", "deb-package", f"DEB_VERSION={version}",
            f"DEB_BUILD={binaries}", f"DEB_DIST={out}", f"DEB_STAGE={self.folder / 'stage'}",
            # gzip's fastest: xz takes a minute a package on a busy machine, and dpkg reads both.
            "DEB_COMPRESSION=-Zgzip -z1",
        ])
        return self._find(out, version)

    @staticmethod
    def _find(folder, version):
        debs = {package: folder / f"{package}_{version}_{ARCH}.deb" for package in PACKAGES}
        for deb in debs.values():
            if not deb.is_file():
                raise AssertionError(f"{deb} is missing: run `make deb`")
        return debs


def overlay_problem():
    """Why a throwaway root cannot be made here, or None when it can."""
    if os.geteuid() != 0:
        return "the install tests mount an overlay and chroot into it: run them as root"
    if "overlay" not in Path("/proc/filesystems").read_text():
        return "the install tests need overlayfs (modprobe overlay)"
    if shutil.which("dpkg") is None:
        return "the install tests need dpkg"
    return None


SYSTEMCTL_STUB = """#!/bin/sh
# Stands in for systemctl in a throwaway root, first in PATH: logs every call, starts and
# stops nothing, and leaves unit-file work (preset, is-enabled) to the real systemctl, offline
# (--root=/) as no service manager answers here.
echo "$*" >> /var/log/systemctl-stub.log
for word in "$@"; do
    case "$word" in
        start | stop | restart | try-restart | reload | daemon-reload) exit 0 ;;
        is-active) exit 3 ;;
        is-enabled) break ;;
        -*) ;;
        *) [ -x /usr/bin/systemctl ] && exec /usr/bin/systemctl "$@"; exit 0 ;;
    esac
done
[ -x /usr/bin/systemctl ] && exec /usr/bin/systemctl --root=/ "$@"
# Without systemd installed, deb-systemd-helper made the links itself.
for unit in "$@"; do :; done
if ls /etc/systemd/system/*.wants/"$unit" >/dev/null 2>&1; then echo enabled; else echo disabled; exit 1; fi
"""


class ThrowawayRoot:
    """This machine's root under an overlay whose writes go to a tmpfs, for chroot.

    /proc and /dev are mounted inside; everything is unmounted by close(), which the test's
    cleanup calls even when it fails. The (a container's "start nothing") is removed, so the maintainer scripts decide
    alone whether to start the service: with `systemd=True`, /run/systemd/system exists.
    systemctl is a stub first in PATH (see SYSTEMCTL_STUB).
    """

    def __init__(self, systemd):
        self.base = Path(tempfile.mkdtemp(prefix="skylt-root-"))
        self.mounts = []
        try:
            self._mount("tmpfs", "tmpfs", self.base, "mode=0755")
            upper, work, self.path = self.base / "upper", self.base / "work", self.base / "root"
            for folder in (upper, work, self.path):
                folder.mkdir()
            self._mount(
                "overlay", "overlay", self.path,
                f"lowerdir=/,upperdir={upper},workdir={work}")
            self._mount("proc", "proc", self.path / "proc", None)
            self._mount("/dev", None, self.path / "dev", None, bind=True)
            self._prepare(systemd)
        except BaseException:
            self.close()
            raise

    def _mount(self, source, kind, target, options, bind=False):
        command = ["mount", "--bind", str(source), str(target)] if bind else ["mount", "-t", kind, source, str(target)]
        if options:
            command[1:1] = ["-o", options]
        check(command)
        self.mounts.append(target)

    def _prepare(self, systemd):
        runtime = self.path / "run/systemd/system"
        if systemd:
            runtime.mkdir(parents=True, exist_ok=True)
        elif runtime.exists():
            shutil.rmtree(runtime)
        (self.path / "usr/sbin/policy-rc.d").unlink(missing_ok=True)
        stub = self.path / "usr/local/sbin/systemctl"
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(SYSTEMCTL_STUB)
        stub.chmod(0o755)
        (self.path / "var/log/systemctl-stub.log").unlink(missing_ok=True)

    def close(self):
        for target in reversed(self.mounts):
            if run(["umount", str(target)]).returncode != 0:
                run(["umount", "--lazy", str(target)])
        self.mounts = []
        shutil.rmtree(self.base, ignore_errors=True)

    def file(self, path):
        """A path inside the root, as seen from outside."""
        return self.path / path.lstrip("/")

    def run(self, *command):
        environment = {
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "DEBIAN_FRONTEND": "noninteractive", "LANG": "C.UTF-8", "HOME": "/root",
        }
        return run(["chroot", str(self.path), *command], env=environment)

    def check(self, *command):
        result = self.run(*command)
        if result.returncode != 0:
            raise AssertionError(f"{command} exited {result.returncode}:\n{result.stdout}{result.stderr}")
        return result.stdout

    def dpkg(self, *arguments, deb=None):
        """dpkg in the root; a package file is copied in first. No terminal: a conffile
        question would fail the call."""
        if deb is not None:
            inside = f"/root/{deb.name}"
            shutil.copy(deb, self.file(inside))
            arguments = (*arguments, inside)
        return self.check("dpkg", *arguments)

    def systemctl_calls(self):
        """What the maintainer scripts asked systemctl since the last call, one line each."""
        log = self.file("/var/log/systemctl-stub.log")
        lines = log.read_text().splitlines() if log.exists() else []
        log.unlink(missing_ok=True)
        return lines


class RootTestCase(unittest.TestCase):
    """Skips, saying why, where a throwaway root cannot be made."""

    def setUp(self):
        problem = overlay_problem()
        if problem:
            self.skipTest(problem)
        self.builds = Builds.shared()

    def make_root(self, systemd):
        root = ThrowawayRoot(systemd)
        self.addCleanup(root.close)
        return root
