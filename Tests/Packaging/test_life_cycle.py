"""Install, upgrade, remove and purge through the packages' real maintainer scripts, in a
throwaway overlay of this machine's root (see skylt_debs.ThrowawayRoot)."""

import json
import os
import unittest

from skylt_debs import NEXT_VERSION, PACKAGES, RootTestCase

# What each package's life cycle leaves behind: its user, the groups that user needs for the
# screen, its folders (kept on upgrade and remove, deleted on purge) and its conffile.
SPECS = {
    "skylt": {
        "user": "skylt", "groups": ("video", "render", "input"),
        "folders": ("/var/lib/skylt", "/var/cache/skylt"), "conffile": "/etc/skylt/config.json",
    },
    "skylt-studio": {
        "user": "skylt-studio", "groups": (), "folders": ("/var/lib/skylt-studio",), "conffile": None,
    },
}
SERVICE_VERBS = {"start", "restart", "try-restart", "reload", "stop"}


def asked(calls, unit):
    """What systemctl was asked to do to `unit`: start, restart, stop…"""
    return [word for call in calls if unit in call.split() for word in call.split() if word in SERVICE_VERBS]


class LifeCycleTests(RootTestCase):
    def test_install_without_systemd_enables_the_units_and_starts_nothing(self):
        root = self.make_root(systemd=False)
        for package in PACKAGES:
            root.dpkg("--install", deb=self.builds.current[package])
        for package in PACKAGES:
            with self.subTest(package):
                self.assert_user_and_folders(root, SPECS[package])
                self.assert_enabled(root, f"{package}.service")
        # Only unit-file work (systemctl preset, through deb-systemd-helper); no service
        # manager is asked anything.
        calls = root.systemctl_calls()
        for package in PACKAGES:
            self.assertEqual(asked(calls, f"{package}.service"), [], calls)
        self.assertFalse([call for call in calls if "daemon-reload" in call.split()], calls)

    def test_fresh_player_install_plays_the_demo_as_its_user(self):
        root = self.make_root(systemd=False)
        root.dpkg("--install", deb=self.builds.current["skylt"])
        # The packaged config as it is, but its status page on a free loopback port: other
        # programs on this machine may hold 8080.
        config = root.file("/etc/skylt/config.json")
        settings = json.loads(config.read_text())
        settings["status"] = {"address": "127.0.0.1", "port": 0}
        config.write_text(json.dumps(settings))
        result = root.run(
            "setpriv", "--reuid=skylt", "--regid=skylt", "--init-groups", "/usr/bin/skylt", "run", "--headless",
            "--exit-after", "4", "--screenshot", "/var/cache/skylt/screen.png")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("showing demo/", result.stderr)
        self.assertEqual(root.file("/var/cache/skylt/screen.png").read_bytes()[:8], b"\x89PNG\r\n\x1a\n")

    def test_player_life_cycle_with_systemd(self):
        self.life_cycle("skylt")

    def test_studio_life_cycle_with_systemd(self):
        self.life_cycle("skylt-studio")

    def life_cycle(self, package):
        spec, unit = SPECS[package], f"{package}.service"
        root = self.make_root(systemd=True)
        root.dpkg("--install", deb=self.builds.current[package])
        calls = root.systemctl_calls()
        self.assertEqual(asked(calls, unit), ["start"])
        self.assertIn("--system daemon-reload", calls)
        self.assert_user_and_folders(root, spec)
        self.assert_enabled(root, unit)
        edited = self.edit_conffile(root, spec["conffile"])
        for folder in spec["folders"]:
            root.file(f"{folder}/kept").write_text("written by the previous version")

        root.dpkg("--install", deb=self.builds.next[package])
        self.assertEqual(asked(root.systemctl_calls(), unit), ["restart"])
        self.assertEqual(root.check("dpkg-query", "--show", "--showformat=${Version}", package), NEXT_VERSION)
        self.assert_user_and_folders(root, spec)
        self.assert_enabled(root, unit)
        for folder in spec["folders"]:
            self.assertEqual(root.file(f"{folder}/kept").read_text(), "written by the previous version")
        if spec["conffile"]:
            self.assertEqual(root.file(spec["conffile"]).read_text(), edited)
            folder = root.file(os.path.dirname(spec["conffile"]))
            self.assertEqual(sorted(path.name for path in folder.iterdir()), ["config.json"])

        root.dpkg("--remove", package)
        self.assertEqual(asked(root.systemctl_calls(), unit), ["stop"])
        self.assertFalse(root.file(f"/usr/bin/{package}").exists())
        self.assertFalse(root.file(f"/lib/systemd/system/{unit}").exists())
        for folder in spec["folders"]:
            self.assertTrue(root.file(f"{folder}/kept").exists(), folder)
        if spec["conffile"]:
            self.assertEqual(root.file(spec["conffile"]).read_text(), edited)

        root.dpkg("--purge", package)
        self.assertEqual(asked(root.systemctl_calls(), unit), [])
        for folder in spec["folders"]:
            self.assertFalse(root.file(folder).exists(), folder)
        if spec["conffile"]:
            self.assertFalse(root.file(spec["conffile"]).exists())
        self.assert_forgotten(root, unit)
        status = root.run("dpkg-query", "--show", "--showformat=${db:Status-Status}", package)
        self.assertIn(status.stdout, ("", "not-installed"))

    def edit_conffile(self, root, conffile):
        """Changes the kiosk's name as a technician would; the text an upgrade must keep."""
        if not conffile:
            return None
        path = root.file(conffile)
        edited = path.read_text().replace('"name": "Skylt"', '"name": "Ängsby Handel"')
        self.assertNotEqual(edited, path.read_text())
        path.write_text(edited)
        return edited

    def assert_user_and_folders(self, root, spec):
        user = spec["user"]
        entry = root.check("getent", "passwd", user).strip().split(":")
        self.assertLess(int(entry[2]), 1000, "a system user")
        self.assertEqual(entry[6], "/usr/sbin/nologin")
        groups = root.check("id", "--groups", "--name", user).split()
        for group in spec["groups"]:
            if root.run("getent", "group", group).returncode == 0:
                self.assertIn(group, groups)
        for folder in spec["folders"]:
            details = root.file(folder).stat()
            self.assertEqual((details.st_uid, details.st_mode & 0o7777), (int(entry[2]), 0o750), folder)

    def assert_enabled(self, root, unit):
        link = root.file(f"/etc/systemd/system/multi-user.target.wants/{unit}")
        self.assertEqual(os.readlink(link), f"/lib/systemd/system/{unit}")
        self.assertTrue(root.file(f"/var/lib/systemd/deb-systemd-helper-enabled/{unit}.dsh-also").exists())

    def assert_forgotten(self, root, unit):
        for path in (
            f"/etc/systemd/system/multi-user.target.wants/{unit}", f"/etc/systemd/system/{unit}",
            f"/var/lib/systemd/deb-systemd-helper-enabled/{unit}.dsh-also",
            f"/var/lib/systemd/deb-systemd-helper-masked/{unit}",
        ):
            self.assertFalse(os.path.lexists(root.file(path)), path)


if __name__ == "__main__":
    unittest.main()
