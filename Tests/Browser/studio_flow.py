"""The steps of the studio's whole path, as people take them in a browser: an admin, an invited
publisher, and the checks each page gets (axe-core, screenshots). The same code runs with
JavaScript on and off: the studio has none, so nothing here may depend on it."""

import os
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from studio_fixture import REPOSITORY

SCREENSHOTS = os.environ.get("SKYLT_SCREENSHOTS")
# A real picture from the repository's fixtures (240 x 160 PNG).
PICTURE = REPOSITORY / "Tests" / "Fixtures" / "multilingual" / "media" / "paket.png"
QR_URL = "https://example.org/vatten"


def opening_hours_around_now() -> str:
    """A shop's hours that hold now in the screen's time zone (from an hour ago for five
    hours; a window may cross midnight), so that the kiosk is open while the test runs."""
    now = datetime.now(ZoneInfo("Europe/Stockholm"))
    start, end = now - timedelta(hours=1), now + timedelta(hours=4)
    return f"{start:%H:00}–{end:%H:00}"


def path_of(page) -> str:
    return urlparse(page.url).path


def scripts_run(context) -> bool:
    """Whether pages of the context run scripts: the JavaScript-off run must really be off."""
    page = context.new_page()
    page.set_content("<title>off</title><script>document.title = 'on'</script>")
    title = page.title()
    page.close()
    return title == "on"


class Timer:
    """Seconds per named step, printed as lines at the end; a detail is a part of a step
    (indented, and not added again to the total)."""

    def __init__(self, label):
        self.label, self.steps = label, []

    @contextmanager
    def step(self, name, detail=False):
        index, started = len(self.steps), time.time()
        self.steps.append((name, 0.0, detail))
        yield
        self.steps[index] = (name, time.time() - started, detail)

    def lines(self):
        total = sum(seconds for _, seconds, detail in self.steps if not detail)
        return [f"{self.label}: {'  ' if detail else ''}{name}: {seconds:.2f} s"
                for name, seconds, detail in self.steps] + [f"{self.label}: total: {total:.2f} s"]


class PageChecks:
    """axe-core on every page a flow visits, and screenshots of the ones worth looking at.
    With JavaScript off the page cannot run axe, so its HTML, exactly as the browser got it,
    is shown again at the same address in a context with JavaScript on and the same cookies
    (the stylesheet then loads as it did, and contrast is judged on the real CSS)."""

    def __init__(self, browser, javascript: bool, label: str):
        self.browser, self.javascript, self.label = browser, javascript, label
        self.report = []

    def axe(self, page, name):
        started = time.time()
        if self.javascript:
            violations = self.browser.axe_violations(page)
        else:
            violations = self.replayed_violations(page)
        seconds = time.time() - started
        self.report.append(
            f"{self.label}: axe {name} ({path_of(page)}): {len(violations)} violations ({seconds:.2f} s)")
        return violations

    def replayed_violations(self, page):
        html, url = page.content(), page.url
        context = self.browser.chromium.new_context(
            java_script_enabled=True, locale="sv-SE", viewport=page.viewport_size,
            storage_state=page.context.storage_state())
        try:
            replay = context.new_page()
            replay.route(url, lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=html))
            replay.goto(url)
            return self.browser.axe_violations(replay)
        finally:
            context.close()

    def screenshots(self, page, name):
        """Full-page screenshots at a 390 px phone and a 1366 px laptop, when asked for."""
        if not SCREENSHOTS:
            return
        size = page.viewport_size
        for width, height in ((390, 844), (1366, 900)):
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(Path(SCREENSHOTS) / f"flow-{self.label}-{name}-{width}.png"), full_page=True)
        page.set_viewport_size(size)
