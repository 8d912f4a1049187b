"""What the packages hold: files, control fields, conffiles, and lintian's verdict."""

import gzip
import json
import re
import shutil
import tempfile
import unittest
from pathlib import Path

from skylt_debs import ARCH, PACKAGES, TOP, VERSION, Builds, check, run


def listing(deb):
    """dpkg-deb -c as {path: (mode, owner)}; paths without the leading ./, folders end in /."""
    entries = {}
    for line in check(["dpkg-deb", "-c", str(deb)]).splitlines():
        mode, owner, _size, _date, _time, path = line.split(None, 5)
        entries[path.split(" -> ")[0].removeprefix("./")] = (mode, owner)
    return entries


def control_members(deb, *names):
    """The text of control members (DEBIAN/md5sums, …) of a package; "" for one it lacks."""
    with tempfile.TemporaryDirectory() as folder:
        check(["dpkg-deb", "--control", str(deb), folder])
        return [(Path(folder) / name).read_text() if (Path(folder) / name).exists() else "" for name in names]


def depends(deb):
    """The package names in Depends (alternatives and versions left out)."""
    return depends_field(check(["dpkg-deb", "-f", str(deb), "Depends"]))


class PackageContentsTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.debs = Builds.shared().current
        cls.extracted = Path(tempfile.mkdtemp(prefix="skylt-extracted-"))
        for package, deb in cls.debs.items():
            check(["dpkg-deb", "-x", str(deb), str(cls.extracted / package)])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.extracted, ignore_errors=True)

    def test_player_holds_binary_unit_config_demo_and_docs(self):
        files = listing(self.debs["skylt"])
        demo = {
            f"usr/share/skylt/Playlists/demo/{path.relative_to(TOP / 'Playlists/demo')}"
            for path in (TOP / "Playlists/demo").rglob("*") if path.is_file()
        }
        expected = {
            "usr/bin/skylt", "lib/systemd/system/skylt.service", "etc/skylt/config.json",
            "usr/share/doc/skylt/copyright", "usr/share/doc/skylt/changelog.Debian.gz",
            "usr/share/doc/skylt/examples/config.example.json", "usr/share/man/man1/skylt.1.gz",
            "lib/systemd/system/skylt-feeds.service", "usr/share/doc/skylt/examples/feeds.example.json",
            "usr/share/doc/skylt/examples/feeds.schema.json",
        } | demo
        self.assertLessEqual(expected, set(files))
        self.assertIn("usr/share/skylt/Playlists/demo/playlist.json", demo)
        self.assertEqual(files["usr/bin/skylt"][0], "-rwxr-xr-x")
        self.assertEqual({owner for _mode, owner in files.values()}, {"root/root"})
        self.assertFalse([path for path in files if path.startswith(("usr/local", "etc/systemd"))])

    def test_studio_holds_binary_unit_and_docs(self):
        files = listing(self.debs["skylt-studio"])
        self.assertLessEqual({
            "usr/bin/skylt-studio", "lib/systemd/system/skylt-studio.service",
            "usr/share/doc/skylt-studio/copyright", "usr/share/doc/skylt-studio/changelog.Debian.gz",
            "usr/share/man/man1/skylt-studio.1.gz",
        }, set(files))
        self.assertFalse([path for path in files if path.startswith(("etc/", "srv/", "var/"))])
        self.assertEqual({owner for _mode, owner in files.values()}, {"root/root"})

    def test_binaries_are_stripped(self):
        for package in PACKAGES:
            sections = check(["readelf", "--section-headers", str(self.extracted / package / "usr/bin" / package)])
            self.assertNotIn(".symtab", sections, package)

    def test_player_is_lean_and_takes_dates_from_debian_icu(self):
        # The kiosk's modules leave out full Foundation and its bundled ICU data (about 40 MB):
        # the stripped player stays under 18 MB (16.2 MB with the media header checks and the
        # SVG check through libxml2, 17.0 MB with the feeds service, `skylt feeds`, whose
        # sources and parsers share the binary) and formats dates with Debian's libicu.
        binary = self.extracted / "skylt" / "usr/bin/skylt"
        self.assertLess(binary.stat().st_size, 18_000_000)
        self.assertIn("libicui18n.so.72", check(["readelf", "--dynamic", str(binary)]))
        self.assertIn("libicu72", depends(self.debs["skylt"]))
        # ICU's data names its entries "icudt<version><endianness>/…" (thousands of times in a
        # binary that carries it).
        self.assertNotIn(b"icudt", binary.read_bytes())

    def test_units_are_the_source_units_with_the_package_path(self):
        for package in PACKAGES:
            source = (TOP / "systemd" / f"{package}.service").read_text()
            packaged = (self.extracted / package / "lib/systemd/system" / f"{package}.service").read_text()
            self.assertEqual(packaged, source.replace("/usr/local/bin/", "/usr/bin/"))
            self.assertRegex(packaged, rf"(?m)^ExecStart=/usr/bin/{package} ")

    def test_feeds_unit_is_the_source_unit_with_the_package_path(self):
        source = (TOP / "systemd" / "skylt-feeds.service").read_text()
        packaged = (self.extracted / "skylt" / "lib/systemd/system/skylt-feeds.service").read_text()
        self.assertEqual(packaged, source.replace("/usr/local/bin/", "/usr/bin/"))
        self.assertRegex(packaged, r"(?m)^ExecStart=/usr/bin/skylt feeds ")

    def test_units_pass_systemd_analyze_verify(self):
        if shutil.which("systemd-analyze") is None:
            self.skipTest("systemd-analyze is not installed")
        for package in PACKAGES:
            unit = self.extracted / package / "lib/systemd/system" / f"{package}.service"
            text = unit.read_text().replace(f"/usr/bin/{package}", str(unit.parents[3] / "usr/bin" / package))
            with tempfile.TemporaryDirectory() as folder:
                copy = Path(folder) / unit.name
                copy.write_text(text)
                result = run(["systemd-analyze", "verify", str(copy)])
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_control_fields(self):
        for package, deb in self.debs.items():
            fields = check(["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture"])
            self.assertEqual(
                fields.splitlines(), [f"Package: {package}", f"Version: {VERSION}", f"Architecture: {ARCH}"])

    def test_depends_has_the_libraries_the_binary_links_and_no_dev_packages(self):
        for package, deb in self.debs.items():
            names = depends(deb)
            with tempfile.TemporaryDirectory() as folder:
                (Path(folder) / "debian").mkdir()
                control = f"Source: skylt\n\nPackage: {package}\nArchitecture: any\n"
                (Path(folder) / "debian/control").write_text(control)
                binary = self.extracted / package / "usr/bin" / package
                computed = check(["dpkg-shlibdeps", "-O", f"-e{binary}"], cwd=folder)
            libraries = depends_field(computed.split("=", 1)[1])
            self.assertLessEqual(libraries, names, package)
            self.assertLessEqual({"libc6", "libcairo2"}, libraries, package)
            self.assertLessEqual({"adduser", "fonts-noto-core", "fonts-dejavu-core"}, names, package)
            self.assertFalse([name for name in names if name.endswith("-dev")], package)
        self.assertLessEqual({"libsdl2-2.0-0", "libsdl2-image-2.0-0", "libcurl4"}, depends(self.debs["skylt"]))

    def test_only_the_player_config_is_a_conffile(self):
        conffiles = check(["dpkg-deb", "--info", str(self.debs["skylt"]), "conffiles"])
        self.assertEqual(conffiles.split(), ["/etc/skylt/config.json"])
        self.assertNotEqual(run(["dpkg-deb", "--info", str(self.debs["skylt-studio"]), "conffiles"]).returncode, 0)

    def test_md5sums_list_every_file_but_the_conffiles(self):
        # dpkg keeps a conffile's checksum itself (dh_md5sums leaves conffiles out likewise).
        summed = {}
        for package, deb in self.debs.items():
            sums, conffiles = control_members(deb, "md5sums", "conffiles")
            summed[package] = {line.split(None, 1)[1] for line in sums.splitlines()}
            # A conffiles line is a path, after flags such as remove-on-upgrade.
            configs = {line.split()[-1].removeprefix("/") for line in conffiles.splitlines() if line.strip()}
            files = {path for path, (mode, _owner) in listing(deb).items() if mode.startswith("-")}
            self.assertLessEqual(configs, files, package)
            self.assertEqual(summed[package], files - configs, package)
        self.assertIn("usr/bin/skylt", summed["skylt"])
        self.assertNotIn("etc/skylt/config.json", summed["skylt"])

    def test_fresh_config_plays_the_packaged_demo_always(self):
        config = json.loads((self.extracted / "skylt/etc/skylt/config.json").read_text())
        self.assertEqual(config["channels"], [{
            "$comment": config["channels"][0]["$comment"], "name": "demo",
            "folder": "/usr/share/skylt/Playlists/demo",
        }])
        self.assertTrue((self.extracted / "skylt/usr/share/skylt/Playlists/demo/playlist.json").is_file())
        self.assertNotIn("openingHours", config)
        self.assertNotIn("displayOff", config)
        self.assertEqual((config["stateDirectory"], config["cacheDirectory"]), ("/var/lib/skylt", "/var/cache/skylt"))

    def test_changelog_starts_with_the_package_version(self):
        for package in PACKAGES:
            with gzip.open(self.extracted / package / "usr/share/doc" / package / "changelog.Debian.gz", "rt") as log:
                self.assertEqual(log.readline().split()[:2], ["skylt", f"({VERSION})"])

    def test_lintian_finds_no_errors(self):
        if shutil.which("lintian") is None:
            self.fail("lintian is not installed: make package-test installs it")
        debs = [str(deb) for deb in self.debs.values()]
        result = run(["lintian", "--fail-on", "error", "--tag-display-limit", "0", *debs])
        print(f"\nlintian:\n{result.stdout}{result.stderr}", end="")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertNotRegex(result.stdout, r"(?m)^E: ")


def depends_field(field):
    """Package names in a Depends value."""
    return {re.split(r"[\s(]", item.strip())[0] for group in field.split(",") for item in group.split("|")}
