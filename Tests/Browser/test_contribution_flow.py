"""A contribution's whole way in a real browser: an admin sets up the sports association and
the shop as organisations; a contributor of the association sends an event with a picture;
the publisher sends it back with a reason; the contributor reads it, fixes the event and sends
it again; the publisher approves and publishes it at once; a kiosk polling every 30 s syncs
the bundle from nginx and shows the event, whose QR code the test reads off the screen. Then
the shop, trusted by the publisher, sends an offer that is approved on arrival. The time from
the approval to the event on the kiosk is printed as a figure."""

import json
import os
import secrets
import time
import unittest
from datetime import datetime, timedelta
from pathlib import Path

from browser import Browser, log_in
from kiosk import Kiosk
from studio_fixture import StudioFixture
from studio_flow import PICTURE, PageChecks, opening_hours_around_now, path_of

EVENT_URL = "https://example.org/idrott/avslutning"
REASON = "Skriv vilken plan det gäller, och lägg till en sluttid."
POLL_SECONDS = 30


def local_input(moment: datetime) -> str:
    """A `datetime-local` field's value."""
    return moment.strftime("%Y-%m-%dT%H:%M")


class ContributionFlowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.studio = StudioFixture().start()
        cls.studio.start_nginx()
        cls.browser = Browser()
        cls.passwords = {name: secrets.token_urlsafe(16) for name in ("pia", "kim", "sam")}
        cls.studio.add_user("pia", "publisher", cls.passwords["pia"])
        cls.studio.add_user("kim", "contributor", cls.passwords["kim"])
        cls.studio.add_user("sam", "contributor", cls.passwords["sam"])

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.studio.stop()

    def signed_in(self, name):
        context = self.browser.context()
        page = context.new_page()
        password = self.studio.admin_password if name == "admin" else self.passwords[name]
        log_in(page, self.studio.url, name, password)
        self.assertEqual(path_of(page), "/", f"{name} is signed in")
        return context, page

    def assert_axe(self, page, name):
        self.assertEqual(self.checks.axe(page, name), [], f"axe-core on {name}")

    def test_contribution_reaches_the_kiosk(self):
        self.checks = PageChecks(self.browser, True, "contribution")
        contexts, kiosk = [], None
        try:
            admin_context, admin = self.signed_in("admin")
            contexts.append(admin_context)
            config = self.admin_setup(admin)
            pia_context, pia = self.signed_in("pia")
            kim_context, kim = self.signed_in("kim")
            sam_context, sam = self.signed_in("sam")
            contexts += [pia_context, kim_context, sam_context]
            self.publisher_setup(pia)
            kiosk = Kiosk(config, self.studio.folder / "kiosk").start(seconds=400)
            slide = self.kim_sends(kim)
            self.pia_sends_back(pia, slide)
            self.kim_fixes(kim, slide)
            approved = self.pia_approves_and_publishes(pia, slide)
            synced = self.wait_for_version(kiosk, 2, seconds=POLL_SECONDS * 3) - approved
            seconds = kiosk.wait_for_qr(EVENT_URL, seconds=180)
            shown = time.time() - approved
            kiosk.keep_frame("contribution-kiosk-frame")
            self.sam_goes_straight_through(sam, pia)
            self.assertEqual(kiosk.stop(), 0, kiosk.log_text())
            print(f"\napproval to the event on a kiosk polling every {POLL_SECONDS} s: {shown:.1f} s on screen"
                  f" ({synced:.1f} s until the kiosk had version 2 verified in its cache; the rest is the"
                  f" rotation reaching the slide)")
            print("\n".join(self.checks.report))
        finally:
            if kiosk:
                kiosk.stop()
            for context in contexts:
                context.close()

    def wait_for_version(self, kiosk, version, seconds) -> float:
        """The moment the kiosk's cache switches to `version` of the demo channel: its `current`
        link moves only once the manifest and every asset are verified."""
        deadline = time.time() + seconds
        current = kiosk.folder / "cache" / "demo" / "current"
        while time.time() < deadline:
            if current.is_symlink() and Path(os.readlink(current)).name == str(version):
                return time.time()
            time.sleep(0.2)
        raise AssertionError(f"the kiosk had no version {version} after {seconds} s:\n{kiosk.log_text()}")

    def admin_setup(self, page):
        """Members of the demo channel, the two organisations, and a screen whose config.json
        the kiosk starts with (every channel polled every 30 s)."""
        page.goto(self.studio.url + "/admin/users")
        for user, role in (("pia", "publisher"), ("kim", "contributor"), ("sam", "contributor")):
            page.select_option("#member-user", label=user)
            page.select_option("#member-channel", "demo")
            page.select_option("#member-role", role)
            page.click("form[action='/admin/members'] button[type=submit]")
        for organisation, member in (("Idrottsföreningen", "kim"), ("Handlarn", "sam")):
            page.goto(self.studio.url + "/admin/organisations")
            page.fill("#name", organisation)
            page.click("form[action='/admin/organisations'] button[type=submit]")
            self.assertTrue(path_of(page).startswith("/admin/organisations/"), page.text_content("main"))
            page.select_option("#user", label=member)
            page.click("form[action$='/members'] button[type=submit]")
            self.assertIn(member, page.text_content("main"))
        page.goto(self.studio.url + "/screens/new")
        page.fill("#key", "handlarn")
        page.fill("#name", "Handlarn i byn")
        page.fill("#languages", "sv")
        for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
            page.fill(f"#hours-{day}", opening_hours_around_now())
        page.check("#channel-demo")
        page.click("form[action='/screens'] button[type=submit]")
        self.assertEqual(path_of(page), "/screens/handlarn", page.text_content("main"))
        response = page.request.get(self.studio.url + "/screens/handlarn/config.json")
        self.assertEqual(response.status, 200)
        config = json.loads(response.body())
        for channel in config["channels"]:
            channel["pollSeconds"] = POLL_SECONDS
        return config

    def publisher_setup(self, page):
        """The demo published once (so the kiosk has a bundle), and the shop trusted."""
        page.goto(self.studio.url + "/channels/demo/publish")
        page.click("form[action='/channels/demo/publish'] button[type=submit]")
        self.assertIn("done=1", page.url, page.text_content("main"))
        page.goto(self.studio.url + "/channels/demo/contributions")
        self.assert_axe(page, "rules for contributions")
        page.get_by_label("Handlarn – betrodd: godkänns direkt").check()
        page.click("form[action='/channels/demo/contributions'] button[type=submit]")
        self.assertIn("done=saved", page.url, page.text_content("main"))

    def kim_sends(self, page):
        """The association's event with a picture, sent for review; returns its page's path."""
        page.goto(self.studio.url + "/channels/demo")
        page.select_option("#template", "event")
        page.click("form[action$='/slides/new'] button[type=submit]")
        starts = datetime.now() + timedelta(days=3)
        page.fill("#title-sv", "Säsongsavslutning")
        page.fill("#starts", local_input(starts.replace(hour=17, minute=0)))
        page.fill("#place-sv", "Idrottsplatsen")
        page.fill("#description-sv", "Korv, saft och prisutdelning för alla lag.")
        page.set_input_files("#image", str(PICTURE))
        page.fill("#qr-url", EVENT_URL)
        self.assertIn("Idrottsföreningen", page.text_content("main"), "the sender is shown")
        page.click("button[name=action][value=submit]")
        self.assertIn("done=submitted", page.url, page.text_content("main"))
        self.assertIn("väntar på granskning", page.text_content("main"))
        self.assert_axe(page, "contributor's slide, sent")
        return path_of(page)

    def pia_sends_back(self, page, slide):
        page.goto(self.studio.url + "/")
        self.assertIn("Att granska (1)", page.text_content("nav"))
        page.goto(self.studio.url + "/inbox")
        self.assert_axe(page, "inbox")
        page.click(f"main a[href='{slide}']")
        images = page.locator(".previews img")
        self.assertGreaterEqual(images.count(), 1, page.text_content("main"))
        self.assertTrue(all(images.nth(index).evaluate("image => image.naturalWidth") > 0
                            for index in range(images.count())), "the previews are drawn")
        self.assert_axe(page, "review page")
        page.click(f"form[action='{slide}/return'] button[type=submit]")
        self.assertIn("reason", page.url + page.content(), "an empty reason is refused")
        page.fill("#reason", REASON)
        page.click(f"form[action='{slide}/return'] button[type=submit]")
        self.assertIn("done=returned", page.url, page.text_content("main"))

    def kim_fixes(self, page, slide):
        page.goto(self.studio.url + slide)
        self.assertIn(REASON, page.text_content("#review-reason"))
        page.fill("#place-sv", "Idrottsplatsen, plan 2")
        ends = datetime.now() + timedelta(days=3)
        page.fill("#ends", local_input(ends.replace(hour=20, minute=0)))
        page.click("button[name=action][value=submit]")
        self.assertIn("done=submitted", page.url, page.text_content("main"))

    def pia_approves_and_publishes(self, page, slide) -> float:
        """Approve and publish at once; returns the moment the publish page answered."""
        page.goto(self.studio.url + slide)
        self.assertIn("plan 2", page.input_value("#place-sv"))
        started = time.time()
        page.click(f"form[action='{slide}/approve-publish'] button[type=submit]")
        self.assertIn("/channels/demo/publish", page.url, page.text_content("main"))
        self.assertIn("Version 2 är publicerad.", page.text_content("main"))
        manifest = json.loads((Path(self.studio.site) / "demo" / "manifest.json").read_text())
        self.assertEqual(manifest["version"], 2)
        return started

    def sam_goes_straight_through(self, page, publisher):
        """The trusted shop's offer is approved on arrival: no inbox entry, and the next
        publish carries it."""
        page.goto(self.studio.url + "/channels/demo")
        page.select_option("#template", "offer")
        page.click("form[action$='/slides/new'] button[type=submit]")
        page.fill("#headline-sv", "Nybakat bröd")
        page.fill("#text-sv", "Varje lördag från klockan åtta.")
        page.set_input_files("#image", str(PICTURE))
        page.click("button[name=action][value=submit]")
        self.assertIn("godkänd", page.text_content("main"), "approved on arrival")
        publisher.goto(self.studio.url + "/")
        self.assertIn("Att granska (0)", publisher.text_content("nav"))
        publisher.goto(self.studio.url + "/channels/demo/publish")
        self.assertIn("Nybakat bröd", publisher.text_content("main"), "the offer is among the changes")
        publisher.click("form[action='/channels/demo/publish'] button[type=submit]")
        self.assertIn("Version 3 är publicerad.", publisher.text_content("main"))


if __name__ == "__main__":
    unittest.main()
