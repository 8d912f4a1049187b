"""Playwright with Debian's chromium, and axe-core through axe-playwright-python."""

from playwright.sync_api import sync_playwright
from axe_playwright_python.sync_playwright import Axe

from studio_fixture import CHROMIUM

# WCAG 2.1 A and AA, which Swedish law asks of public bodies' web services.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Browser:
    def __init__(self):
        self.playwright = sync_playwright().start()
        self.chromium = self.playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
        self.axe = Axe()

    def context(self, javascript=True, locale="sv-SE", width=1366, height=900):
        return self.chromium.new_context(
            java_script_enabled=javascript, locale=locale, viewport={"width": width, "height": height})

    def axe_violations(self, page):
        """axe-core's violations on the page, as (rule id, impact, first target) tuples.
        axe runs as a script the test injects; with JavaScript off in the page's context it
        cannot, so callers run it in a context with JavaScript on."""
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        found = []
        for violation in results.response["violations"]:
            target = violation["nodes"][0]["target"] if violation["nodes"] else []
            found.append((violation["id"], violation["impact"], target))
        return found

    def close(self):
        self.chromium.close()
        self.playwright.stop()


def log_in(page, url, name, password):
    page.goto(url + "/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("form[action='/login'] button[type=submit]")
