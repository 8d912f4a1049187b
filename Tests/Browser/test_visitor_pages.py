"""The visitor pages `skylt publish --base-url` writes, in a real browser: each story page and
the file page pass axe-core (WCAG 2.1 AA), with JavaScript on (axe needs it) and on a phone's
screen, and read the same with JavaScript off."""

import functools
import http.server
import json
import shutil
import subprocess
import tempfile
import threading
import unittest
from pathlib import Path

from browser import Browser
from studio_fixture import REPOSITORY, SKYLT

STORIES = {"sv": "Det var en gång en älg.", "ar": "كان يا ما كان.", "uk": "Жив собі лось."}
TOOLS = all(shutil.which(tool) for tool in ["espeak-ng", "oggenc"])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site without a line per request."""

    def log_message(self, *args):
        pass


@unittest.skipUnless(TOOLS, "espeak-ng and oggenc are not installed (Debian espeak-ng, vorbis-tools)")
class VisitorPagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp(prefix="skylt-visitor-"))
        source, site = cls.work / "byn", cls.work / "site"
        (source / "ljud").mkdir(parents=True)
        (source / "media").mkdir()
        site.mkdir()
        shutil.copy(REPOSITORY / "Playlists/demo/media/berattelse.svg", source / "media")
        (source / "karta.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        for language, text in STORIES.items():
            wav = source / "ljud" / f"{language}.wav"
            subprocess.run(["espeak-ng", "-v", language, "-w", str(wav), text], check=True)
            subprocess.run(["oggenc", "-Q", str(wav), "-o", str(source / "ljud" / f"{language}.ogg")], check=True)
            wav.unlink()
        readings = [{"language": lang, "audio": f"ljud/{lang}.ogg", "text": text + "\n\n" + text}
                    for lang, text in STORIES.items()]
        playlist = {"name": "byn", "defaultLanguage": "sv", "slides": [
            {"id": "algen", "template": "story", "title": {"sv": "Älgen", "ar": "الأيل", "uk": "Лось"},
             "author": "Elsa", "image": "media/berattelse.svg", "readings": readings},
            {"id": "karta", "template": "notice", "title": "Karta", "body": "Ladda ner kartan",
             "qr": {"file": "karta.pdf", "label": "Vandringskarta"}}]}
        (source / "playlist.json").write_text(json.dumps(playlist, ensure_ascii=False), encoding="utf-8")
        handler = functools.partial(QuietHandler, directory=str(site))
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.base = f"http://127.0.0.1:{cls.server.server_address[1]}"
        subprocess.run([str(SKYLT), "keygen", "--out", str(cls.work / "k")], check=True, capture_output=True)
        subprocess.run([str(SKYLT), "publish", str(source), "--key", str(cls.work / "k.key"), "--out", str(site),
                        "--base-url", cls.base], check=True, capture_output=True)
        cls.pages = [f"/v/algen/{lang}.html" for lang in STORIES] + ["/v/karta/file.html"]
        cls.browser = Browser()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.server.shutdown()
        shutil.rmtree(cls.work)

    def test_axe_finds_nothing(self):
        for width, height in [(1366, 900), (375, 740)]:
            context = self.browser.context(width=width, height=height)
            page = context.new_page()
            for path in self.pages:
                with self.subTest(path=path, width=width):
                    response = page.goto(self.base + path)
                    self.assertEqual(response.status, 200)
                    self.assertEqual(self.browser.axe_violations(page), [])
            context.close()

    def test_without_javascript(self):
        context = self.browser.context(javascript=False, width=375, height=740)
        page = context.new_page()
        for path in self.pages:
            with self.subTest(path=path):
                page.goto(self.base + path)
                self.assertEqual(page.locator("h1").count(), 1)
                self.assertTrue(page.locator("h1").inner_text().strip())
        page.goto(self.base + "/v/algen/ar.html")
        self.assertEqual(page.locator("html").get_attribute("dir"), "rtl")
        self.assertEqual(page.locator("audio[controls]").count(), 1)
        self.assertEqual(page.locator("nav a[hreflang]").count(), 2)
        context.close()


if __name__ == "__main__":
    unittest.main()
