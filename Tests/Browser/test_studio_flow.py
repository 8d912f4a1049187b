"""The studio's whole path in a real browser, once with JavaScript on and once with it off: an
admin makes a channel and a screen and invites a publisher; the publisher makes a slide in
Swedish and Arabic with a picture and a QR link, sees its previews, fixes a title the form
flags as too long, saves and publishes; a kiosk started with the screen's config.json syncs
the bundle from nginx and shows the slide, whose QR code reads the slide's link."""

import json
import secrets
import unittest
from pathlib import Path

from browser import Browser, log_in
from kiosk import Kiosk
from studio_fixture import StudioFixture
from studio_flow import PICTURE, QR_URL, PageChecks, Timer, opening_hours_around_now, path_of, scripts_run

TOO_LONG_TITLE = " ".join(["Vattnet stängs av på Storgatan hela tisdagen"] * 9)  # 63 words


class StudioFlowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.studio = StudioFixture().start()
        cls.studio.start_nginx()
        cls.browser = Browser()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.studio.stop()

    def test_flow_with_javascript(self):
        self.flow(javascript=True)

    def test_flow_without_javascript(self):
        self.flow(javascript=False)

    def flow(self, javascript):
        label = "js" if javascript else "nojs"
        self.names = {"channel": f"byn-{label}", "screen": f"handlarn-{label}", "user": f"pub-{label}"}
        self.timer, self.checks = Timer(label), PageChecks(self.browser, javascript, label)
        admin = self.browser.context(javascript=javascript)
        guest = self.browser.context(javascript=javascript)
        kiosk = None
        try:
            self.assertEqual(scripts_run(admin), javascript)
            self.assertEqual(scripts_run(guest), javascript)
            admin_page = admin.new_page()
            with self.timer.step("admin makes channel, screen and invitation"):
                link = self.admin_steps(admin_page)
            guest_page = guest.new_page()
            with self.timer.step("invitee signs up, makes, previews, fixes and saves a slide"):
                self.publisher_slide_steps(guest_page, link)
            with self.timer.step("publisher publishes"):
                self.publish_step(guest_page)
            with self.timer.step("admin downloads config.json"):
                config = self.config_step(admin_page)
            kiosk = Kiosk(config, self.studio.folder / f"kiosk-{label}").start()
            with self.timer.step("kiosk starts, syncs from nginx and shows the slide's QR code"):
                kiosk.wait_for_qr(QR_URL, seconds=60)
            kiosk.keep_frame(f"flow-{label}-kiosk-frame")
            with self.timer.step("kiosk stops on SIGTERM"):
                self.assertEqual(kiosk.stop(), 0, kiosk.log_text())
        finally:
            if kiosk:
                kiosk.stop()
            admin.close()
            guest.close()
        print("\n" + "\n".join(self.timer.lines() + self.checks.report))

    def assert_axe(self, page, name):
        self.assertEqual(self.checks.axe(page, name), [], f"axe-core on {name}")

    def admin_steps(self, page):
        """Log in, make the channel and the screen, and make an invitation link."""
        log_in(page, self.studio.url, "admin", self.studio.admin_password)
        self.assertEqual(path_of(page), "/")
        channel, screen = self.names["channel"], self.names["screen"]
        page.goto(self.studio.url + "/admin/channels/new")
        self.assert_axe(page, "new-channel form")
        page.fill("#name", channel)
        page.fill("#title", "Byn")
        page.fill("#languages", "sv, ar")
        page.click("form[action='/admin/channels'] button[type=submit]")
        self.assertEqual(path_of(page), f"/channels/{channel}")

        page.goto(self.studio.url + "/screens/new")
        self.assert_axe(page, "screen form")
        page.fill("#key", screen)
        page.fill("#name", "Handlarn i byn")
        page.fill("#place", "Vid kassan")
        page.select_option("#size", "1920x1080")
        page.fill("#languages", "sv, ar")
        hours = opening_hours_around_now()
        for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            page.fill(f"#hours-{day}", hours)
        page.check(f"#channel-{channel}")
        page.fill(f"#share-{channel}", "2")
        page.click("form[action='/screens'] button[type=submit]")
        self.assertEqual(path_of(page), f"/screens/{screen}", page.text_content("main"))
        self.assertTrue(page.is_checked(f"#channel-{channel}"))
        self.assertEqual(page.input_value("#hours-wed"), hours)

        page.goto(self.studio.url + "/admin/users")
        self.assert_axe(page, "users page")
        page.select_option("#invite-grant", f"publisher:{channel}")
        page.click("form[action='/admin/invites'] button[type=submit]")
        self.assert_axe(page, "invitation page")
        link = page.text_content("#invite-link").strip()
        self.assertTrue(link.startswith(self.studio.url + "/invite/"), link)
        return link

    def publisher_slide_steps(self, page, link):
        """Sign up by the link, then make the slide: preview, a refused save, a fixed save."""
        with self.timer.step("sign-up by the invitation link", detail=True):
            page.goto(link)
            page.fill("#username", self.names["user"])
            page.fill("#password", secrets.token_urlsafe(16))
            page.click("main form button[type=submit]")
        self.assertEqual(path_of(page), "/")
        channel = self.names["channel"]
        page.goto(f"{self.studio.url}/channels/{channel}")
        self.assertIn("publicerare", page.text_content("main"))
        page.select_option("#template", "info")
        page.click("form[action$='/slides/new'] button[type=submit]")
        self.assertEqual(path_of(page), f"/channels/{channel}/slides/new")
        self.fill_slide(page)
        self.preview(page)
        self.too_long_title(page)
        page.fill("#title-sv", "Vattnet stängs av")
        with self.timer.step("Save (fixed title)", detail=True):
            page.click("button[name=action][value=save]")
        self.assertTrue(path_of(page).startswith(f"/channels/{channel}/slides/"), page.url)
        self.assertIn("done=saved", page.url)
        self.assertIn("Bilden är sparad.", page.text_content("main"))
        self.assertEqual(page.input_value("#title-ar"), "سيُقطع الماء")

    def fill_slide(self, page):
        page.fill("#title-sv", "Vattnet stängs av")
        page.fill("#body-sv", "Tisdag 08–12 på Storgatan. Fyll en kanna i förväg.")
        page.fill("#title-ar", "سيُقطع الماء")
        page.fill("#body-ar", "الثلاثاء من ٨ إلى ١٢ في الشارع الرئيسي. املأ إبريقًا مسبقًا.")
        self.assertEqual(page.get_attribute("#title-ar", "dir"), "rtl", "Arabic is typed right to left")
        page.set_input_files("#image", str(PICTURE))
        page.fill("#qr-url", QR_URL)

    def preview(self, page):
        """Preview: the slide drawn in Swedish and Arabic, as images the browser decoded."""
        with self.timer.step("Preview with the upload (page and its images)", detail=True):
            page.click("button[name=action][value=preview]")
            page.wait_for_load_state("load")
        images = page.locator(".previews img")
        self.assertGreaterEqual(images.count(), 2, page.text_content("main"))
        alts = [images.nth(index).get_attribute("alt") for index in range(images.count())]
        widths = [images.nth(index).evaluate("image => image.naturalWidth") for index in range(images.count())]
        self.assertTrue(all(width > 0 for width in widths), f"previews {alts} decoded to widths {widths}")
        self.assertEqual(page.locator("[aria-invalid=true]").count(), 0, page.text_content("main"))
        self.assertNotEqual(page.input_value("input[name='image.current']"), "", "the picture is kept")
        self.assert_axe(page, "slide preview")
        self.checks.screenshots(page, "preview")

    def too_long_title(self, page):
        """A title far too long: Preview flags it at the field, Save is refused and keeps
        everything typed."""
        page.fill("#title-sv", TOO_LONG_TITLE)
        with self.timer.step("Preview with the too-long title", detail=True):
            page.click("button[name=action][value=preview]")
        field = page.locator("div.field-error:has(#title-sv)")
        self.assertEqual(field.count(), 1, page.text_content("main"))
        self.assertEqual(page.get_attribute("#title-sv", "aria-invalid"), "true")
        message = field.locator(".error").text_content().strip()
        self.assertNotEqual(message, "")
        summary = page.text_content(".error-summary a[href='#title-sv']")
        self.assertIn("Rubrik, svenska", summary, "the summary names the field and its language")
        self.assertIn(message, summary)
        self.assert_axe(page, "slide form with errors")
        self.checks.screenshots(page, "form-error")
        with self.timer.step("Save refused", detail=True), page.expect_navigation() as navigation:
            page.click("button[name=action][value=save]")
        self.assertEqual(navigation.value.status, 400, "a refused save answers 400")
        self.assertEqual(page.get_attribute("#title-sv", "aria-invalid"), "true")
        self.assertEqual(page.input_value("#title-sv"), TOO_LONG_TITLE)
        self.assertEqual(page.input_value("#qr-url"), QR_URL)
        self.assertIn("املأ", page.input_value("#body-ar"))
        self.assertNotEqual(page.input_value("input[name='image.current']"), "", "the picture is kept")

    def publish_step(self, page):
        channel = self.names["channel"]
        page.goto(f"{self.studio.url}/channels/{channel}/publish")
        self.assert_axe(page, "publish page")
        page.click(f"form[action='/channels/{channel}/publish'] button[type=submit]")
        self.assertIn("done=1", page.url)
        self.assertIn("Version 1 är publicerad.", page.text_content("main"))
        manifest = Path(self.studio.site) / channel / "manifest.json"
        self.assertTrue(manifest.exists(), "the bundle is in the site folder")

    def config_step(self, page):
        response = page.request.get(f"{self.studio.url}/screens/{self.names['screen']}/config.json")
        self.assertEqual(response.status, 200)
        config = json.loads(response.body())
        channel = self.names["channel"]
        self.assertEqual([entry["name"] for entry in config["channels"]], [channel])
        self.assertEqual(config["channels"][0]["url"], f"{self.studio.base_url}/{channel}/manifest.json")
        self.assertEqual(config["languages"], ["sv", "ar"])
        self.assertIn("openingHours", config)
        return config


if __name__ == "__main__":
    unittest.main()
