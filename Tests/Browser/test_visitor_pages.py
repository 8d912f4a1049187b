"""The pages for visitors in a real browser: a playlist whose story is read aloud in Swedish,
Arabic and Ukrainian (audio made with espeak-ng and oggenc) and whose poster offers a map to
download is published with `skylt publish --base-url`, served by nginx; every page is opened
in chromium at a phone's and a laptop's width, has the right `lang` and `dir`, plays its audio
element, weighs under 100 KB without the audio, and axe-core finds no violation on it."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

from browser import Browser
from studio_fixture import REPOSITORY, SKYLT, free_port, run

SCREENSHOTS = os.environ.get("SKYLT_SCREENSHOTS")
MAP = REPOSITORY / "Tests" / "Fixtures" / "multilingual" / "media" / "paket.png"
STORY = {
    "sv": ("Vättarna vid Ängsjön", "Det var en gång en liten vätte som bodde under en sten vid sjön."),
    "ar": ("أقزام بحيرة إنغشون", "كان يا ما كان، قزم صغير يعيش تحت حجر عند البحيرة."),
    "uk": ("Гноми біля озера Енгшен", "Жив-був маленький гном під каменем біля озера."),
}
VOICES = {"sv": "sv", "ar": "ar", "uk": "uk"}
PAGE_BUDGET = 100 * 1024
TOOLS = all(shutil.which(tool) for tool in ["espeak-ng", "oggenc"])


def speak(language: str, text: str, into: Path):
    """A short reading as Ogg Vorbis: espeak-ng speaks it into a WAV, oggenc encodes it."""
    wav = into.with_suffix(".wav")
    run(["espeak-ng", "-v", VOICES[language], "-w", wav, text])
    run(["oggenc", "-Q", wav, "-o", into])
    wav.unlink()


def playlist_folder(folder: Path) -> Path:
    """A channel with the story (audio and text per language) and a poster whose code is a map."""
    source = folder / "byn"
    media = source / "media"
    media.mkdir(parents=True)
    shutil.copyfile(MAP, media / "karta.png")
    readings = []
    for language, (_, text) in STORY.items():
        speak(language, text, media / f"saga-{language}.ogg")
        readings.append({"language": language, "audio": f"media/saga-{language}.ogg", "text": text})
    playlist = {
        "name": "Byn",
        "defaultLanguage": "sv",
        "slides": [
            {"id": "saga", "template": "story", "duration": 15,
             "title": {language: title for language, (title, _) in STORY.items()},
             "author": "Karin Lindqvist", "image": "media/karta.png", "readings": readings},
            {"id": "karta", "template": "poster", "duration": 10, "image": "media/karta.png",
             "caption": {"sv": "Vandringsleder runt byn", "ar": "مسارات المشي حول القرية",
                         "uk": "Пішохідні стежки навколо села"},
             "qr": {"file": "media/karta.png", "label": {"sv": "Ladda ner kartan", "ar": "حمّل الخريطة",
                                                         "uk": "Завантажити мапу"}}},
        ],
    }
    (source / "playlist.json").write_text(json.dumps(playlist, ensure_ascii=False, indent=2))
    return source


@unittest.skipUnless(TOOLS, "espeak-ng and oggenc are not installed (Debian espeak-ng, vorbis-tools)")
class VisitorPagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = Path(tempfile.mkdtemp(prefix="skylt-visitor-"))
        cls.folder.chmod(0o755)
        cls.port = free_port()
        cls.base = f"http://127.0.0.1:{cls.port}/byn"
        source = playlist_folder(cls.folder)
        site = cls.folder / "site"
        run([SKYLT, "keygen", "--out", cls.folder / "byn"])
        run([SKYLT, "publish", source, "--key", cls.folder / "byn.key", "--out", site / "byn",
             "--base-url", cls.base])
        cls.site = site
        cls.nginx = cls.start_nginx(site)
        cls.browser = Browser()

    @classmethod
    def start_nginx(cls, root: Path):
        prefix = cls.folder / "nginx"
        prefix.mkdir()
        template = (REPOSITORY / "Tests" / "Fixtures" / "nginx.conf").read_text()
        config = (template.replace("{{PREFIX}}", str(prefix)).replace("{{PORT}}", str(cls.port))
                  .replace("{{ROOT}}", str(root)).replace("{{SSL}}", "").replace("{{TLS}}", ""))
        (prefix / "nginx.conf").write_text(config)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        process = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", cls.port), timeout=1):
                    return process
            except OSError:
                time.sleep(0.1)
        raise AssertionError("nginx did not start")

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.nginx.terminate()
        cls.nginx.wait(timeout=10)
        shutil.rmtree(cls.folder, ignore_errors=True)

    def pages(self):
        """Every visitor page publish wrote, as paths under the base URL."""
        root = self.site / "byn"
        return sorted(str(page.relative_to(root)) for page in (root / "v").rglob("*.html"))

    def test_every_page_is_right_light_and_accessible(self):
        pages = self.pages()
        self.assertEqual(len(pages), len(STORY) + 1, f"one page per reading and one for the map: {pages}")
        report = []
        for path in pages:
            for width, height in ((390, 844), (1366, 900)):
                report.append(self.check_page(path, width, height))
        print("\n" + "\n".join(report))

    def check_page(self, path: str, width: int, height: int) -> str:
        context = self.browser.context(width=width, height=height)
        try:
            page = context.new_page()
            transferred = []
            page.on("requestfinished", lambda request: transferred.append(
                (request.url, request.resource_type, request.sizes()["responseBodySize"])))
            response = page.goto(f"{self.base}/{path}")
            self.assertEqual(response.status, 200, path)
            page.wait_for_load_state("load")
            language = page.get_attribute("html", "lang")
            direction = page.get_attribute("html", "dir")
            reading = Path(path).stem
            if reading in STORY:
                self.assertEqual(language, reading, path)
                self.assertEqual(direction, "rtl" if reading == "ar" else "ltr", path)
                self.assertIn(STORY[reading][0], page.text_content("h1"))
                self.assertIn(STORY[reading][1], page.text_content("main"))
                source = page.get_attribute("audio source", "src")
                self.assertIsNotNone(source, f"{path} has an audio element with a source")
                others = page.eval_on_selector_all("a[hreflang]", "links => links.map(a => a.hreflang)")
                self.assertEqual(sorted(others), sorted(set(STORY) - {reading}), path)
            else:
                self.assertEqual(language, "sv", path)
                self.assertIsNotNone(page.get_attribute("a[download]", "href"), f"{path} offers the file")
            weight = sum(size for _, kind, size in transferred if kind != "media")
            self.assertLess(weight, PAGE_BUDGET, f"{path} weighs {weight} bytes without its audio")
            violations = self.browser.axe_violations(page)
            self.assertEqual(violations, [], f"axe-core on {path} at {width} px")
            if SCREENSHOTS:
                name = path.replace("/", "-").removesuffix(".html")
                page.screenshot(path=str(Path(SCREENSHOTS) / f"visitor-{name}-{width}.png"), full_page=True)
            return f"visitor page {path} at {width} px: {weight} bytes without audio, axe: {len(violations)} violations"
        finally:
            context.close()

    def test_pages_read_the_same_without_javascript(self):
        context = self.browser.context(javascript=False, width=390, height=844)
        try:
            page = context.new_page()
            page.goto(f"{self.base}/v/saga/ar.html")
            self.assertEqual(page.locator("h1").count(), 1)
            self.assertEqual(page.get_attribute("html", "dir"), "rtl")
            self.assertEqual(page.locator("audio[controls]").count(), 1)
            self.assertIn(STORY["ar"][1], page.text_content("main"))
        finally:
            context.close()

    def test_audio_answers_with_a_type_and_byte_ranges(self):
        context = self.browser.context()
        try:
            page = context.new_page()
            page.goto(f"{self.base}/v/saga/ar.html")
            source = page.eval_on_selector("audio source", "s => s.src")
            whole = page.request.get(source)
            self.assertEqual(whole.status, 200)
            self.assertTrue(whole.headers["content-type"].startswith("audio/"), whole.headers)
            part = page.request.get(source, headers={"Range": "bytes=0-99"})
            self.assertEqual(part.status, 206)
            self.assertEqual(len(part.body()), 100)
            self.assertTrue(part.headers["content-range"].startswith("bytes 0-99/"), part.headers)
        finally:
            context.close()


if __name__ == "__main__":
    unittest.main()
