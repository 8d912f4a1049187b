"""The studio's pages in a real browser: every page reachable from the start page passes
axe-core (WCAG 2.1 AA) in Swedish and English, and logging in works without JavaScript."""

import os
import unittest
from urllib.parse import urljoin, urlparse

from browser import Browser, log_in
from studio_fixture import StudioFixture

SCREENSHOTS = os.environ.get("SKYLT_SCREENSHOTS")


class StudioPagesTest(unittest.TestCase):
    CONTRIBUTOR = ("kim", "a contributor's long password")

    @classmethod
    def setUpClass(cls):
        cls.studio = StudioFixture().start()
        cls.browser = Browser()
        cls.studio.add_contributor(*cls.CONTRIBUTOR, "Idrottsföreningen", "demo")
        cls.contribution = cls.send_contribution()

    @classmethod
    def send_contribution(cls):
        """The contributor's notice, sent for review: its page is a review page for the
        admin and the contributor's editor for them. Returns its path."""
        context = cls.browser.context()
        page = context.new_page()
        log_in(page, cls.studio.url, *cls.CONTRIBUTOR)
        page.goto(cls.studio.url + "/channels/demo/slides/new?template=notice")
        page.fill("#title-sv", "Fotbollsavslutning på planen")
        page.fill("#body-sv", "Korv och saft efter matchen.")
        page.click("button[name=action][value=submit]")
        path = urlparse(page.url).path
        context.close()
        if not path.startswith("/channels/demo/slides/") or path.endswith("/slides"):
            raise AssertionError(f"the contribution was not sent: {path}")
        return path

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.studio.stop()

    def crawl(self, page):
        """Every page of the studio a signed-in admin reaches by links from the start page,
        without following links that would log out or leave the studio."""
        seen, queue = [], ["/"]
        while queue and len(seen) < 60:
            path = queue.pop(0)
            if path in seen:
                continue
            response = page.goto(self.studio.url + path)
            if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
                continue
            seen.append(path)
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
                target = urlparse(urljoin(self.studio.url + path, href))
                if target.netloc == urlparse(self.studio.url).netloc and target.path not in seen:
                    if not target.path.endswith((".json", ".png")):
                        queue.append(target.path + (("?" + target.query) if target.query else ""))
        return seen

    TEMPLATES = ("notice", "info", "event", "offer", "story", "wifi", "poster")

    def unlinked_pages(self):
        """Pages that a link does not lead to from the start page: reached by a form (a new
        slide of each template), by the address bar (a channel's keys), or made in this test (a
        screen, its week; the publish page after a publish)."""
        return ([f"/channels/demo/slides/new?template={name}" for name in self.TEMPLATES]
                + ["/channels/demo/keys", "/screens/butik-1", "/screens/butik-1/week",
                   "/screens/butik-1/week?from=2026-11-28", "/channels/demo/publish?done=1",
                   "/inbox", self.contribution,
                   "/admin/organisations", "/admin/organisations/2?done=created",
                   "/channels/demo/contributions", "/channels/demo/contributions?done=saved",
                   "/account?mail=saved"])

    def make_organisation(self, page):
        """An organisation with the admin as its member, trusted on the demo channel, so that
        the organisations' pages and the contributions page have rows and ticked boxes."""
        page.goto(self.studio.url + "/admin/organisations")
        # The contributor's organisation (number 1) is made in setUpClass; this is number 2.
        page.fill("#name", "Kyrkan")
        page.click("form[action='/admin/organisations'] button[type=submit]")
        self.assertEqual(urlparse(page.url).path, "/admin/organisations/2", page.text_content("main"))
        page.click("form[action='/admin/organisations/2/members'] button[type=submit]")
        self.assertIn("done=added", page.url)
        page.goto(self.studio.url + "/channels/demo/contributions")
        page.fill("#max-live", "3")
        page.check("#trusted-2")
        page.click("form[action='/channels/demo/contributions'] button[type=submit]")
        self.assertIn("done=saved", page.url)
        page.goto(self.studio.url + "/account")
        page.fill("#email", "admin@example.org")
        page.click("form[action='/account/email'] button[type=submit]")
        self.assertIn("mail=saved", page.url)

    def make_screen(self, page):
        """A screen playing the demo, and the demo published, so that the screen's pages
        and the week have content."""
        page.goto(self.studio.url + "/screens/new")
        page.fill("#key", "butik-1")
        page.fill("#name", "Butiken")
        page.fill("#languages", "sv, en")
        for day in ("mon", "tue", "wed", "thu", "fri"):
            page.fill(f"#hours-{day}", "08:00–20:00")
        page.check("#channel-demo")
        page.click("form[action='/screens'] button[type=submit]")
        self.assertEqual(urlparse(page.url).path, "/screens/butik-1", page.text_content("main"))
        page.goto(self.studio.url + "/channels/demo/publish")
        page.click("form[action='/channels/demo/publish'] button[type=submit]")
        self.assertIn("done=1", page.url)

    def test_every_page_passes_axe_in_both_languages(self):
        report = []
        for locale, language in (("sv-SE", "sv"), ("en-GB", "en")):
            context = self.browser.context(locale=locale)
            page = context.new_page()
            page.goto(self.studio.url + "/login")
            self.assertEqual(page.get_attribute("html", "lang"), language)
            self.assertEqual(self.browser.axe_violations(page), [], "login page, " + language)
            log_in(page, self.studio.url, "admin", self.studio.admin_password)
            self.assertEqual(urlparse(page.url).path, "/", "signed in")
            self.assertEqual(page.locator("form[action='/logout']").count(), 1)
            if language == "sv":
                self.make_screen(page)
                self.make_organisation(page)
            crawled = self.crawl(page)
            pages = crawled + [path for path in self.unlinked_pages() if path not in crawled]
            self.assertIn("/", pages)
            self.assertIn("/accessibility", pages)
            for path in pages:
                page.goto(self.studio.url + path)
                self.assertEqual(page.get_attribute("html", "lang"), language, path)
                violations = self.browser.axe_violations(page)
                report.append(f"{language} {path}: {len(violations)} violations")
                self.assertEqual(violations, [], f"{path} in {language}")
                if SCREENSHOTS:
                    name = path.strip("/").replace("/", "_") or "home"
                    page.screenshot(path=f"{SCREENSHOTS}/{language}-{name}.png", full_page=True)
            context.close()
        print("\n".join(["axe-core, WCAG 2.1 A and AA:"] + report))

    def test_contributor_pages_pass_axe_in_both_languages(self):
        """The contributor's own pages: their list, a new slide's form and their sent slide,
        each at a phone's and a desktop's width."""
        report = []
        for locale, language in (("sv-SE", "sv"), ("en-GB", "en")):
            for width in (390, 1366):
                context = self.browser.context(locale=locale, width=width)
                page = context.new_page()
                log_in(page, self.studio.url, *self.CONTRIBUTOR)
                self.assertIn("/contributions", page.eval_on_selector_all(
                    "nav a", "links => links.map(a => a.getAttribute('href'))"))
                for path in ("/contributions", "/channels/demo/slides/new?template=notice", self.contribution):
                    response = page.goto(self.studio.url + path)
                    self.assertEqual(response.status, 200, path)
                    violations = self.browser.axe_violations(page)
                    report.append(f"{language} {width} {path}: {len(violations)} violations")
                    self.assertEqual(violations, [], f"{path} in {language} at {width} px")
                    if SCREENSHOTS:
                        name = path.strip("/").replace("/", "_").replace("?", "_")
                        page.screenshot(path=f"{SCREENSHOTS}/contributor-{language}-{width}-{name}.png",
                                        full_page=True)
                context.close()
        print("\n".join(["axe-core, the contributor's pages:"] + report))

    def test_review_page_at_phone_and_desktop_width(self):
        """The admin's review of the contribution: its three forms, axe-clean at both widths."""
        for width in (390, 1366):
            context = self.browser.context(width=width)
            page = context.new_page()
            log_in(page, self.studio.url, "admin", self.studio.admin_password)
            page.goto(self.studio.url + "/inbox")
            self.assertIn("Fotbollsavslutning på planen", page.text_content("main"))
            page.goto(self.studio.url + self.contribution)
            for action in ("approve", "approve-publish", "return"):
                self.assertEqual(page.locator(f"form[action='{self.contribution}/{action}']").count(), 1, action)
            self.assertEqual(self.browser.axe_violations(page), [], f"review page at {width} px")
            if SCREENSHOTS:
                page.screenshot(path=f"{SCREENSHOTS}/review-{width}.png", full_page=True)
            context.close()

    def test_login_and_logout_work_without_javascript(self):
        context = self.browser.context(javascript=False, locale="en-GB", width=390, height=844)
        page = context.new_page()
        log_in(page, self.studio.url, "admin", "a wrong password here")
        self.assertIn("Wrong user name or password.", page.text_content("main"))
        self.assertEqual(page.input_value("input[name=username]"), "admin")
        log_in(page, self.studio.url, "admin", self.studio.admin_password)
        self.assertEqual(urlparse(page.url).path, "/")
        self.assertIn("demo", page.text_content("main"))
        page.click("form[action='/logout'] button")
        self.assertEqual(urlparse(page.url).path, "/login")
        page.goto(self.studio.url + "/")
        self.assertEqual(urlparse(page.url).path, "/login")
        context.close()

    def test_language_switch_without_javascript(self):
        context = self.browser.context(javascript=False, locale="sv-SE")
        page = context.new_page()
        page.goto(self.studio.url + "/accessibility")
        self.assertEqual(page.get_attribute("html", "lang"), "sv")
        page.click("form[action='/language'] button[lang=en]")
        self.assertEqual(urlparse(page.url).path, "/accessibility")
        self.assertEqual(page.get_attribute("html", "lang"), "en")
        self.assertIn("Accessibility statement", page.text_content("h1"))
        context.close()

    def test_pages_carry_a_strict_content_security_policy(self):
        context = self.browser.context()
        page = context.new_page()
        response = page.goto(self.studio.url + "/login")
        policy = response.headers["content-security-policy"]
        self.assertIn("default-src 'none'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertEqual(response.headers["x-frame-options"], "DENY")
        context.close()


if __name__ == "__main__":
    unittest.main()
