"""The municipality's signed apt repository, as kiosks see it.

Builds a repository with Tools/apt-repository from Skylt's packages (the .deb files named in
$SKYLT_DEBS or found in dist/, else a stand-in `skylt` package built here), signed by a throwaway
GnuPG key, and points this machine's apt-get at it through a file: source with private state,
cache, sources and trusted keys (APT_CONFIG), so the system's apt state is never read or changed.
Checks that apt verifies the signature and takes the newer version, refuses a changed Release
and another key's repository, and that the kiosk files in packaging/apt select exactly this
repository and keep the upgrade in its night window. Also that an init whose key cannot sign
leaves nothing behind, that add names the dependencies a new version adds, and that
unattended-upgrade skips a release whose new dependency only Debian's main archive has.

Run `make package-test` (installs reprepro, gnupg and unattended-upgrades first), or
`python3 -m unittest discover -s Tests/Packaging -v`. Needs root only for the
unattended-upgrade dry run, which runs in a private mount namespace.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = REPOSITORY / "Tools" / "apt-repository"
KIOSK = REPOSITORY / "packaging" / "apt"
SNIPPET = KIOSK / "52skylt-unattended-upgrades"
CODENAME = "bookworm"
# How long an upgrade and Skylt's restart may take, before the shop opens.
UPGRADE_MINUTES = 30


def run(command, env=None, check=True, cwd=None):
    """Runs a command and returns it, with its output in the failure message when it fails."""
    result = subprocess.run(
        [str(part) for part in command], env=env, cwd=cwd, capture_output=True, text=True, timeout=300
    )
    if check and result.returncode != 0:
        raise AssertionError(f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def deb_field(deb, field):
    return run(["dpkg-deb", "--field", deb, field]).stdout.strip()


def build_standin(folder, version, package="skylt"):
    """A package named skylt (or PACKAGE) with one file: what `make deb` builds, as far as apt cares."""
    root = folder / f"standin-{package}-{version}"
    (root / "DEBIAN").mkdir(parents=True)
    (root / "usr/share" / package).mkdir(parents=True)
    (root / "usr/share" / package / "stand-in").write_text("A stand-in for Skylt's package.\n")
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    (root / "DEBIAN/control").write_text(
        f"Package: {package}\nVersion: {version}\nArchitecture: {arch}\nSection: misc\nPriority: optional\n"
        f"Maintainer: Skylt <skylt@example.invalid>\nDescription: stand-in for {package}\n"
    )
    deb = folder / f"{package}_{version}_{arch}.deb"
    run(["dpkg-deb", "--root-owner-group", "--build", root, deb])
    return deb


def rebuild_with_version(deb, version, folder, new_depends=None):
    """The same package under another version, and with NEW_DEPENDS first in Depends when given:
    unpacked, control edited, packed again."""
    work = Path(tempfile.mkdtemp(prefix="rebuild-", dir=folder))
    work.chmod(0o755)
    root = work / "root"
    run(["dpkg-deb", "--raw-extract", deb, root])
    control = root / "DEBIAN/control"
    text = re.sub(r"(?m)^Version: .*$", f"Version: {version}", control.read_text())
    if new_depends:
        if re.search(r"(?m)^Depends: ", text):
            text = re.sub(r"(?m)^Depends: ", f"Depends: {new_depends}, ", text)
        else:
            text = text.rstrip("\n") + f"\nDepends: {new_depends}\n"
    control.write_text(text)
    out = work / f"{deb_field(deb, 'Package')}_{version}_{deb_field(deb, 'Architecture')}.deb"
    # gzip: the repacked copy only needs to be a valid package, and xz takes most of a minute.
    run(["dpkg-deb", "--root-owner-group", "-Zgzip", "--build", root, out])
    return out


def real_debs():
    """Skylt's packages from `make deb`: $SKYLT_DEBS (files or folders), else dist/*.deb."""
    named = os.environ.get("SKYLT_DEBS", "").split()
    found = []
    for entry in named or [str(REPOSITORY / "dist")]:
        path = Path(entry)
        found += sorted(path.glob("*.deb")) if path.is_dir() else [path] if path.is_file() else []
    return found


class GnuPG:
    """A throwaway GnuPG home with one signing key; its agent is stopped at the end."""

    def __init__(self, folder, name):
        self.home = folder / f"gnupg-{name}"
        self.home.mkdir(mode=0o700)
        self.env = dict(os.environ, GNUPGHOME=str(self.home))
        uid = f"Skylt {name} <{name}@skylt.invalid>"
        command = ["gpg", "--batch", "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "never"]
        run(command, env=self.env)
        listing = run(["gpg", "--batch", "--with-colons", "--list-secret-keys"], env=self.env).stdout
        self.fingerprint = re.search(r"(?m)^fpr:+([0-9A-F]{40}):", listing).group(1)

    def tool(self, *arguments, check=True):
        return run([SCRIPT, *arguments], env=self.env, check=check)

    def close(self):
        run(["gpgconf", "--kill", "all"], env=self.env, check=False)


class LockedGnuPG(GnuPG):
    """A GnuPG home whose key has a passphrase its agent cannot ask for (no pinentry), until
    unlock() hands the agent the passphrase: a key that cannot sign, as with a remote agent
    gone or a card pulled."""

    PASSPHRASE = "skylt-locked"

    def __init__(self, folder, name):
        self.home = folder / f"gnupg-{name}"
        self.home.mkdir(mode=0o700)
        self.env = dict(os.environ, GNUPGHOME=str(self.home))
        uid = f"Skylt {name} <{name}@skylt.invalid>"
        run(["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", self.PASSPHRASE,
             "--quick-gen-key", uid, "ed25519", "sign", "never"], env=self.env)
        listing = run(["gpg", "--batch", "--with-colons", "--with-keygrip", "--list-secret-keys"], env=self.env).stdout
        self.fingerprint = re.search(r"(?m)^fpr:+([0-9A-F]{40}):", listing).group(1)
        self.keygrip = re.search(r"(?m)^grp:+([0-9A-F]{40}):", listing).group(1)
        # The agent forgets the passphrase given at generation, and has no way to ask for it.
        run(["gpgconf", "--kill", "gpg-agent"], env=self.env)
        (self.home / "gpg-agent.conf").write_text("pinentry-program /bin/false\nallow-preset-passphrase\n")

    def unlock(self):
        preset = Path(run(["gpgconf", "--list-dirs", "libexecdir"]).stdout.strip()) / "gpg-preset-passphrase"
        run(["gpg-connect-agent", "/bye"], env=self.env)
        run([preset, "--preset", "--passphrase", self.PASSPHRASE, self.keygrip], env=self.env)


class IsolatedApt:
    """apt-get and apt-cache with their own config, sources, keys, state and cache (APT_CONFIG):
    the host's /etc/apt and /var/lib/apt are neither read nor written."""

    def __init__(self, folder, uri, key, status=""):
        self.root, self.uri = folder, uri
        # etc/ is laid out as /etc/apt, so that it can stand in for it (see upgrade_dry_run).
        for sub in ("etc/apt.conf.d", "etc/sources.list.d", "etc/trusted.gpg.d", "etc/preferences.d",
                    "state/lists/partial", "cache/archives/partial", "log/unattended-upgrades", "dpkg/updates"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / "dpkg/status").write_text(status)
        sources = (KIOSK / "skylt.sources").read_text()
        sources = re.sub(r"(?m)^URIs: .*$", f"URIs: file:{uri}", sources)
        sources = re.sub(r"(?m)^Signed-By: .*$", f"Signed-By: {key}", sources)
        (folder / "etc/sources.list.d/skylt.sources").write_text(sources)
        config = {
            "Dir::Etc": folder / "etc", "Dir::Etc::main": "/dev/null", "Dir::Etc::parts": folder / "etc/apt.conf.d",
            "Dir::Etc::sourcelist": "/dev/null", "Dir::Etc::sourceparts": folder / "etc/sources.list.d",
            "Dir::Etc::trusted": folder / "etc/trusted.gpg", "Dir::Etc::trustedparts": folder / "etc/trusted.gpg.d",
            "Dir::Etc::preferences": "/dev/null", "Dir::Etc::preferencesparts": folder / "etc/preferences.d",
            "Dir::State": folder / "state", "Dir::State::status": folder / "dpkg/status",
            "Dir::Cache": folder / "cache", "Dir::Log": folder / "log", "Acquire::Languages": "none",
            "Unattended-Upgrade::LogDir": folder / "log/unattended-upgrades",
        }
        lines = "".join(f'{key} "{value}";\n' for key, value in config.items())
        (folder / "apt.conf").write_text(lines)
        self.env = dict(os.environ, APT_CONFIG=str(folder / "apt.conf"), LC_ALL="C")

    def update(self):
        result = run(["apt-get", "update"], env=self.env, check=False)
        return result.returncode, result.stdout + result.stderr

    def candidate(self, package):
        """The version apt would install, and the source it comes from (None when it has none)."""
        policy = run(["apt-cache", "policy", package], env=self.env).stdout
        found = re.search(r"(?m)^\s*Candidate: (\S+)$", policy)
        return (found.group(1) if found and found.group(1) != "(none)" else None), policy


class AptRepositoryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        missing = [tool for tool in ("reprepro", "gpg", "dpkg-deb", "apt-get") if not shutil.which(tool)]
        if missing:
            raise AssertionError(f"needs {', '.join(missing)}: run `make package-test`, which installs them")
        cls.folder = Path(tempfile.mkdtemp(prefix="skylt-apt-"))
        # Class cleanups run even when setUpClass fails half way, unlike tearDownClass.
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        # apt reads file: sources as its sandbox user _apt: the folder must be open to others.
        cls.folder.chmod(0o755)
        cls.gpg = GnuPG(cls.folder, "kommun")
        cls.addClassCleanup(cls.gpg.close)
        cls.debs = real_debs()
        if cls.debs:
            print(f"\nPackages: Skylt's own, {' '.join(map(str, cls.debs))}", file=sys.stderr)
        else:
            cls.debs = [build_standin(cls.folder, "1.0.0")]
            print("\nPackages: a stand-in skylt 1.0.0 built here (no $SKYLT_DEBS, no dist/*.deb)", file=sys.stderr)
        cls.versions = {deb_field(deb, "Package"): deb_field(deb, "Version") for deb in cls.debs}
        # The player's package where there is one: the package a kiosk runs.
        cls.player = next((deb for deb in cls.debs if deb_field(deb, "Package") == "skylt"), cls.debs[0])
        cls.repo = cls.folder / "repo"
        cls.gpg.tool("init", "--dir", cls.repo, "--key", cls.gpg.fingerprint)
        cls.gpg.tool("add", "--dir", cls.repo, *cls.debs)
        cls.key = cls.folder / "skylt-archive-keyring.gpg"
        cls.gpg.tool("export-key", "--dir", cls.repo, "--key", cls.gpg.fingerprint, cls.key)

    def copy_repository(self, name):
        copy = self.folder / name
        shutil.copytree(self.repo, copy, symlinks=True)
        return copy

    def apt(self, name, public, **options):
        return IsolatedApt(self.folder / name, public, self.key, **options)

    def assert_candidates(self, apt, versions):
        for package, version in versions.items():
            candidate, policy = apt.candidate(package)
            self.assertEqual(candidate, version, policy)
            self.assertIn(f"file:{apt.uri} {CODENAME}/main", policy, "the candidate comes from the repository")

    def test_apt_verifies_the_signature_and_takes_a_newer_version(self):
        repo = self.copy_repository("repo-update")
        apt = self.apt("apt-update", repo / "public")
        status, output = apt.update()
        self.assertEqual(status, 0, output)
        self.assertNotRegex(output, r"(?m)^(W|E):", output)
        lists = [path.name for path in (apt.root / "state/lists").iterdir()]
        self.assertTrue(any(name.endswith(f"_dists_{CODENAME}_InRelease") for name in lists), lists)
        self.assert_candidates(apt, self.versions)

        newer = {package: f"{version}+1" for package, version in self.versions.items()}
        rebuilt = [rebuild_with_version(deb, newer[deb_field(deb, "Package")], self.folder) for deb in self.debs]
        self.gpg.tool("add", "--dir", repo, *rebuilt)
        status, output = apt.update()
        self.assertEqual(status, 0, output)
        self.assert_candidates(apt, newer)

    def test_the_script_refuses_a_version_that_is_not_newer(self):
        repo = self.copy_repository("repo-same")
        package, version = deb_field(self.player, "Package"), deb_field(self.player, "Version")
        older = rebuild_with_version(self.player, f"0~{version}", self.folder)
        for deb in (self.player, older):
            with self.subTest(deb.name):
                refused = self.gpg.tool("add", "--dir", repo, deb, check=False)
                self.assertEqual(refused.returncode, 1, refused.stdout)
                refusal = f"{deb}: {package} {deb_field(deb, 'Version')} is not newer than {version}"
                self.assertIn(refusal, refused.stderr)
                listed = self.gpg.tool("list", "--dir", repo).stdout
                self.assertIn(f"{package} {version}\n", listed)

    def test_a_release_changed_after_signing_is_refused(self):
        for signed_file in ("InRelease", "Release"):
            with self.subTest(signed_file):
                repo = self.copy_repository(f"repo-changed-{signed_file}")
                dists = repo / "public/dists" / CODENAME
                if signed_file == "Release":
                    # Without InRelease apt checks Release against Release.gpg.
                    (dists / "InRelease").unlink()
                text = (dists / signed_file).read_text()
                self.assertIn("\nLabel: Skylt\n", text)
                (dists / signed_file).write_text(text.replace("\nLabel: Skylt\n", "\nLabel: Skylt changed\n"))
                apt = self.apt(f"apt-changed-{signed_file}", repo / "public")
                status, output = apt.update()
                self.assertNotEqual(status, 0, output)
                self.assertIn("BADSIG", output)
                self.assertIsNone(apt.candidate("skylt")[0])

    def test_a_repository_signed_by_another_key_is_refused(self):
        other = GnuPG(self.folder, "other")
        try:
            repo = self.folder / "repo-other"
            other.tool("init", "--dir", repo, "--key", other.fingerprint)
            other.tool("add", "--dir", repo, *self.debs)
        finally:
            other.close()
        apt = self.apt("apt-other", repo / "public")
        status, output = apt.update()
        self.assertNotEqual(status, 0, output)
        self.assertIn(f"NO_PUBKEY {other.fingerprint[-16:]}", output)
        self.assertIsNone(apt.candidate("skylt")[0])

    def test_export_key_refuses_a_key_that_does_not_sign_the_repository(self):
        other = GnuPG(self.folder, "stranger")
        try:
            public = self.folder / "stranger.pub"
            run(["gpg", "--batch", "--output", public, "--export", other.fingerprint], env=other.env)
        finally:
            other.close()
        run(["gpg", "--batch", "--import", public], env=self.gpg.env)
        out = self.folder / "stranger.gpg"
        refused = self.gpg.tool("export-key", "--dir", self.repo, "--key", other.fingerprint, out, check=False)
        self.assertEqual(refused.returncode, 1, refused.stdout)
        self.assertIn(f"--key {other.fingerprint}: not the key that signs", refused.stderr)
        self.assertFalse(out.exists())

    def test_a_failed_init_leaves_nothing_and_can_be_run_again(self):
        locked = LockedGnuPG(self.folder, "locked")
        self.addCleanup(locked.close)
        made = self.folder / "repo-locked-new"
        given = self.folder / "repo-locked-given"
        given.mkdir()
        for repo in (made, given, given):
            with self.subTest(repo.name):
                failed = locked.tool("init", "--dir", repo, "--key", locked.fingerprint, check=False)
                self.assertEqual(failed.returncode, 1, failed.stdout)
                self.assertIn(f"--dir {repo}: reprepro could not export and sign", failed.stderr)
                self.assertNotIn("a repository already", failed.stderr)
        self.assertFalse(made.exists(), "init removes the folder it made")
        self.assertEqual(list(given.iterdir()), [], "init removes what it made in a given folder, not the folder")
        locked.unlock()
        locked.tool("init", "--dir", given, "--key", locked.fingerprint)
        self.assertTrue((given / "public/dists" / CODENAME / "InRelease").is_file())
        self.assertIn(f"SignWith: {locked.fingerprint}\n", (given / "conf/distributions").read_text())

    def test_add_names_the_dependencies_a_version_adds(self):
        repo = self.copy_repository("repo-depends")
        version = deb_field(self.player, "Version")
        same = rebuild_with_version(self.player, f"{version}+1", self.folder)
        added = self.gpg.tool("add", "--dir", repo, same).stdout
        self.assertIn(f"No new dependencies over {version}.", added)
        self.assertNotIn("Kiosks skip", added)
        more = rebuild_with_version(self.player, f"{version}+2", self.folder, "libskylt-new1 (>= 1.2), fonts-a | fonts-b")
        added = self.gpg.tool("add", "--dir", repo, more).stdout
        self.assertIn(f"New dependency over {version}+1: libskylt-new1 (>= 1.2)\n", added)
        self.assertIn(f"New dependency over {version}+1: fonts-a | fonts-b\n", added)
        self.assertIn("Kiosks skip this upgrade every night", added)
        self.assertEqual(added.count("New dependency"), 2, added)

    def test_export_key_says_when_sign_with_names_more_than_one_key(self):
        other = GnuPG(self.folder, "twin")
        try:
            public = self.folder / "twin.pub"
            run(["gpg", "--batch", "--output", public, "--export", other.fingerprint], env=other.env)
        finally:
            other.close()
        home = self.folder / "gnupg-kommun-and-twin"
        shutil.copytree(self.gpg.home, home, ignore=shutil.ignore_patterns("S.*"))
        env = dict(os.environ, GNUPGHOME=str(home))
        self.addCleanup(run, ["gpgconf", "--kill", "all"], env=env, check=False)
        run(["gpg", "--batch", "--import", public], env=env)
        repo = self.copy_repository("repo-ambiguous")
        distributions = repo / "conf/distributions"
        text = re.sub(r"(?m)^SignWith: .*$", "SignWith: @skylt.invalid", distributions.read_text())
        distributions.write_text(text)
        out = self.folder / "ambiguous.gpg"
        refused = run([SCRIPT, "export-key", "--dir", repo, "--key", self.gpg.fingerprint, out], env=env, check=False)
        self.assertEqual(refused.returncode, 1, refused.stdout)
        self.assertIn(f"SignWith @skylt.invalid in {repo}/conf/distributions names more than one key", refused.stderr)
        self.assertNotIn("not the key that signs", refused.stderr)
        self.assertFalse(out.exists())

    def release_fields(self, repo):
        text = (repo / "public/dists" / CODENAME / "Release").read_text()
        return dict(re.findall(r"(?m)^(Origin|Label|Codename): (.*)$", text))

    def test_the_unattended_upgrades_snippet_selects_exactly_this_repository(self):
        apt = self.apt("apt-config", self.repo / "public")
        shutil.copy(SNIPPET, apt.root / "etc/apt.conf.d")
        dump = run(["apt-config", "dump"], env=apt.env).stdout
        values = {}
        for key, value in re.findall(r'(?m)^(\S+) "(.*)";$', dump):
            values.setdefault(key, []).append(value)
        self.assertEqual(values.get("Unattended-Upgrade::Automatic-Reboot"), ["false"], dump)
        self.assertEqual(values.get("APT::Periodic::Unattended-Upgrade"), ["1"], dump)
        self.assertEqual(values.get("APT::Periodic::Update-Package-Lists"), ["1"], dump)
        self.assertIn("--force-confold", values.get("DPkg::Options::", []), dump)
        patterns = values.get("Unattended-Upgrade::Origins-Pattern::", [])
        self.assertEqual(len(patterns), 1, dump)
        self.assertEqual(origins_pattern(patterns[0]), self.release_fields(self.repo) | {"Codename": None})
        # What the script writes by default is what the snippet selects; Debian's own is not.
        self.assertTrue(pattern_matches(patterns[0], self.release_fields(self.repo)))
        self.assertFalse(pattern_matches(patterns[0], {"Origin": "Debian", "Label": "Debian"}))
        self.assertFalse(pattern_matches(patterns[0], {"Origin": "Skylt municipality", "Label": "Other"}))

    def test_unattended_upgrade_would_upgrade_skylt_and_only_from_this_origin(self):
        reason = upgrade_dry_run_unavailable()
        if reason:
            self.skipTest(reason)
        repo = self.copy_repository("repo-unattended")
        newer = rebuild_with_version(self.player, f"{deb_field(self.player, 'Version')}+1", self.folder)
        self.gpg.tool("add", "--dir", repo, newer)
        installed = run(["dpkg-deb", "--field", self.player]).stdout
        # The host's packages (read, never written) satisfy the real package's dependencies.
        status = Path("/var/lib/dpkg/status").read_text() + "\nStatus: install ok installed\n" + installed
        apt = self.apt("apt-unattended", repo / "public", status=status)
        status_code, output = apt.update()
        self.assertEqual(status_code, 0, output)
        package = deb_field(newer, "Package")
        snippet = SNIPPET.read_text()
        (apt.root / "etc/apt.conf.d" / SNIPPET.name).write_text(snippet)
        output = upgrade_dry_run(apt)
        self.assertRegex(output, rf"(?m)^Packages that will be upgraded: .*\b{re.escape(package)}\b", output)
        # The same run with a Label the repository does not carry upgrades nothing.
        other = snippet.replace("label=Skylt", "label=Skylt-other")
        self.assertNotEqual(other, snippet)
        (apt.root / "etc/apt.conf.d" / SNIPPET.name).write_text(other)
        output = upgrade_dry_run(apt)
        self.assertIn("No packages found that can be upgraded unattended", output)
        self.assertNotRegex(output, r"(?m)^Packages that will be upgraded:")

    def test_unattended_upgrade_skips_a_release_with_a_new_dependency_from_debian_main(self):
        reason = upgrade_dry_run_unavailable()
        if reason:
            self.skipTest(reason)
        # A library only "Debian main" has: a second repository with Debian's Origin and Label.
        library = build_standin(self.folder, "1.0", package="libskylt-new1")
        main = self.folder / "repo-debian-main"
        self.gpg.tool("init", "--dir", main, "--key", self.gpg.fingerprint, "--origin", "Debian", "--label", "Debian")
        self.gpg.tool("add", "--dir", main, library)
        repo = self.copy_repository("repo-new-dependency")
        version = deb_field(self.player, "Version")
        newer = rebuild_with_version(self.player, f"{version}+1", self.folder, "libskylt-new1")
        self.assertIn("New dependency over", self.gpg.tool("add", "--dir", repo, newer).stdout)
        installed = run(["dpkg-deb", "--field", self.player]).stdout
        status = Path("/var/lib/dpkg/status").read_text() + "\nStatus: install ok installed\n" + installed
        apt = self.apt("apt-new-dependency", repo / "public", status=status)
        sources = (apt.root / "etc/sources.list.d/skylt.sources").read_text()
        (apt.root / "etc/sources.list.d/debian-main.sources").write_text(
            sources.replace(f"file:{repo / 'public'}", f"file:{main / 'public'}"))
        status_code, output = apt.update()
        self.assertEqual(status_code, 0, output)
        snippet = SNIPPET.read_text()
        (apt.root / "etc/apt.conf.d" / SNIPPET.name).write_text(snippet)
        output = upgrade_dry_run(apt)
        self.assertNotRegex(output, r"(?m)^Packages that will be upgraded:", output)
        self.assertIn("libskylt-new1 is not in an allowed origin", output)
        # With Debian's main archive allowed for the night, as the snippet's comment says.
        line = '"origin=Debian,codename=${distro_codename},label=Debian";'
        self.assertIn(f"//   {line}", snippet)
        (apt.root / "etc/apt.conf.d" / SNIPPET.name).write_text(snippet.replace(f"//   {line}", line))
        output = upgrade_dry_run(apt)
        self.assertRegex(output, r"(?m)^Packages that will be upgraded: .*\bskylt\b", output)

    def test_help_names_every_command_and_option(self):
        text = run([SCRIPT, "--help"]).stdout
        for word in ("init", "add", "export-key", "list", "--dir", "--key", "--codename", "--origin", "--label",
                     "--architectures", "public/", "Rolling back", "Signed-By"):
            self.assertIn(word, text)

    def test_the_script_names_the_option_or_file_it_refuses(self):
        cases = [
            (["init", "--dir", self.folder / "x"], 2, "init needs --key"),
            (["init", "--dir", self.folder / "x", "--key", "nobody@skylt.invalid"], 1, "--key nobody@skylt.invalid:"),
            (["init", "--dir", self.folder, "--key", self.gpg.fingerprint], 1, "contains the GnuPG home"),
            (["init", "--dir", self.repo, "--key", self.gpg.fingerprint], 1, "a repository already"),
            (["add", "--dir", self.repo, SCRIPT], 1, f"{SCRIPT}: not a Debian package"),
            (["add", "--dir", self.folder / "none", SCRIPT], 1, "--dir"),
            (["add", "--dir", self.repo, "--bogus"], 2, "unknown option --bogus"),
        ]
        for arguments, code, message in cases:
            with self.subTest(arguments[0], message=message):
                refused = self.gpg.tool(*arguments, check=False)
                self.assertEqual(refused.returncode, code, refused.stderr)
                self.assertIn(message, refused.stderr)
        self.assertFalse((self.folder / "x").exists(), "a refused init leaves nothing behind")

    def test_the_timers_download_then_upgrade_between_closing_and_opening(self):
        download = timer_settings(KIOSK / "apt-daily.timer.d/skylt-night.conf")
        upgrade = timer_settings(KIOSK / "apt-daily-upgrade.timer.d/skylt-night.conf")
        for settings in (download, upgrade):
            self.assertEqual(settings["OnCalendar"][0], "", "Debian's times are cleared first")
            self.assertEqual(len(settings["OnCalendar"]), 2, settings)
            self.assertEqual(settings["FixedRandomDelay"], ["true"])
        self.assertEqual(upgrade["Persistent"], ["false"], "a kiosk switched on in the morning waits for the night")
        hours = json.loads((REPOSITORY / "Assets/config.example.json").read_text())["openingHours"]
        spans = [span for day, spans in hours.items() if day != "exceptions" for span in spans]
        spans += [span for exception in hours["exceptions"] for span in exception["times"]]
        closing = max(minutes(span["to"]) for span in spans)
        opening = min(minutes(span["from"]) for span in spans)

        def after_closing(settings):
            """Start and latest end of a timer's window, in minutes after the shop's latest closing."""
            start = (minutes(settings["OnCalendar"][1].removeprefix("*-*-* ")) - closing) % (24 * 60)
            return start, start + delay_minutes(settings["RandomizedDelaySec"][0])

        download_start, download_end = after_closing(download)
        upgrade_start, upgrade_end = after_closing(upgrade)
        self.assertLessEqual(download_end, upgrade_start, "the packages are there before the upgrade")
        self.assertLessEqual(upgrade_end + UPGRADE_MINUTES, (opening - closing) % (24 * 60), "done before opening")
        window_end = (minutes("04:00") - closing) % (24 * 60)
        self.assertLessEqual(upgrade_end + UPGRADE_MINUTES, window_end, "the upgrade is over by 04:00")
        self.assertGreater(download_start, 0)

    def test_systemd_accepts_the_timer_drop_ins(self):
        units = Path("/lib/systemd/system")
        if not shutil.which("systemd-analyze") or not (units / "apt-daily.timer").exists():
            self.skipTest("needs systemd-analyze and apt's own timers")
        folder = self.folder / "units"
        folder.mkdir()
        for unit in ("apt-daily.timer", "apt-daily.service", "apt-daily-upgrade.timer", "apt-daily-upgrade.service"):
            shutil.copy(units / unit, folder)
            if unit.endswith(".timer"):
                shutil.copytree(KIOSK / f"{unit}.d", folder / f"{unit}.d")
        env = dict(os.environ, SYSTEMD_UNIT_PATH=f"{folder}:")
        checked = run(["systemd-analyze", "verify", folder / "apt-daily.timer", folder / "apt-daily-upgrade.timer"],
                      env=env, check=False)
        self.assertEqual((checked.returncode, checked.stdout + checked.stderr), (0, ""))


def minutes(clock):
    hours, _, rest = clock.partition(":")
    return int(hours) * 60 + int(rest)


def delay_minutes(value):
    """A systemd time span written in minutes or hours ("90m", "1h")."""
    found = re.fullmatch(r"(\d+)(m|min|h)", value)
    if not found:
        raise AssertionError(f"RandomizedDelaySec={value}: write it in m or h")
    return int(found.group(1)) * (60 if found.group(2) == "h" else 1)


def timer_settings(path):
    settings = {}
    for line in path.read_text().splitlines():
        if line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key, []).append(value)
    return settings


def origins_pattern(pattern):
    """An Origins-Pattern line as Release fields ("origin=A,label=B"; "\\," is a comma)."""
    names = {"o": "Origin", "origin": "Origin", "l": "Label", "label": "Label", "n": "Codename",
             "codename": "Codename"}
    fields = {"Codename": None}
    for token in pattern.replace("\\,", "\0").split(","):
        key, _, value = token.partition("=")
        fields[names[key.strip()]] = value.strip().replace("\0", ",")
    return fields


def pattern_matches(pattern, release):
    """Whether unattended-upgrades would take a Release's packages (patterns here use no wildcards)."""
    return all(value is None or release.get(field) == value for field, value in origins_pattern(pattern).items())


def upgrade_dry_run_unavailable():
    """Why unattended-upgrade cannot be tried here without touching the host, or None.
    It takes a lock in /run, writes to /var/lib/unattended-upgrades and /var/log, and python-apt reads
    /etc/apt and /var/lib/dpkg/status whatever APT_CONFIG says: so it runs in a mount namespace of its
    own with tmpfs over those, which needs root."""
    if not shutil.which("unattended-upgrade"):
        return "unattended-upgrades is not installed (make package-test installs it)"
    if os.geteuid() != 0:
        return "unattended-upgrade runs only as root (it needs a private mount namespace here)"
    probe = run(["unshare", "--mount", "--propagation", "private", "true"], check=False)
    if probe.returncode != 0:
        return f"no private mount namespace (unshare --mount: {probe.stderr.strip()})"
    return None


def upgrade_dry_run(apt):
    """`unattended-upgrade --dry-run --debug` with the kiosk's snippet, the isolated apt's sources and
    status standing in for /etc/apt and /var/lib/dpkg/status, nothing of the host's written."""
    script = """set -e
for folder in /run /var/lib /var/log /var/cache; do mount -t tmpfs skylt-test "$folder"; done
mkdir -p /var/lib/dpkg/updates /var/lib/unattended-upgrades
cp "$1/dpkg/status" /var/lib/dpkg/status
mount --bind "$1/etc" /etc/apt
exec unattended-upgrade --dry-run --debug"""
    command = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", apt.root]
    result = run(command, env=apt.env, check=False)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise AssertionError(f"unattended-upgrade --dry-run exited {result.returncode}:\n{output}")
    return output
