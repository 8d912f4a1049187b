import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import SkyltTestSupport
import Testing

@Suite("studio web: preview PNGs served to their owner, kept within bounds; the channel's screen sizes")
struct PreviewRouteTests {
    typealias F = PreviewFixtures

    @Test("a preview is served to the user it was made for, and is 404 to anyone else")
    func ownerOnly() throws {
        let harness = try WebHarness()
        let pia = try harness.session("pia").userID
        let result = harness.web.previewer.preview(
            try F.request(F.slide("vattenavstangning")), owner: pia, language: .sv)
        let url = try #require(result.images.first?.url)
        #expect(url.hasPrefix("/previews/") && url.hasSuffix(".png"))
        let served = try harness.send("GET", url, as: "pia")
        #expect(served.status == 200)
        #expect(served.headers["Content-Type"] == "image/png")
        #expect(served.headers["Cache-Control"] == "private, max-age=600")
        #expect(served.body == harness.web.previewer.png(at: url, owner: pia))
        #expect(try harness.send("GET", url, as: "kim").status == 404)
        #expect(try harness.send("GET", "/previews/\(SecretTokenShape.unknown).png", as: "pia").status == 404)
        #expect(try harness.send("GET", String(url.dropLast(4)), as: "pia").status == 404)
        #expect(try harness.send("GET", url).status == 303)
    }

    @Test("the cache drops its oldest previews past its byte cap, and every preview past its age")
    func cacheBounds() throws {
        let request = try F.request(F.slide("vattenavstangning"))
        let probe = SlidePreviewer()
        let one = try #require(probe.preview(request, owner: 1, language: .sv).images.first)
        let bytes = try #require(probe.png(at: one.url, owner: 1)).count
        let clock = ManualClock()
        let previewer = SlidePreviewer(maxCacheBytes: bytes * 2 + bytes / 2, maxCacheAgeSeconds: 600) { clock.date }
        let urls = (0..<3).compactMap { _ in previewer.preview(request, owner: 1, language: .sv).images.first?.url }
        #expect(urls.count == 3 && Set(urls).count == 3)
        #expect(previewer.png(at: urls[0], owner: 1) == nil)
        #expect(previewer.png(at: urls[1], owner: 1) != nil && previewer.png(at: urls[2], owner: 1) != nil)
        clock.advance(by: 599)
        #expect(previewer.png(at: urls[2], owner: 1) != nil)
        clock.advance(by: 2)
        #expect(previewer.png(at: urls[2], owner: 1) == nil)
    }

    @Test("a channel no screen plays is previewed at the standard sizes; else at its screens' sizes, once each")
    func sizes() throws {
        let harness = try WebHarness()
        let demo = try harness.studio.channel(named: "demo")
        #expect(SlidePreviewer.sizes(for: demo, in: harness.studio) == ScreenSize.defaults)
        for (key, width, height) in [("butik", 1280, 720), ("kiosk", 1080, 1920), ("entre", 1280, 720)] {
            try harness.studio.database.execute(
                """
                INSERT INTO screens (screen_key, name, width, height, created_at, updated_at)
                VALUES (?, ?, ?, ?, '2026-11-27T12:00:00Z', '2026-11-27T12:00:00Z')
                """, [.text(key), .text(key), .integer(Int64(width)), .integer(Int64(height))])
            try harness.studio.database.execute(
                "INSERT INTO screen_channels (screen_id, channel_id) VALUES (?, ?)",
                [.integer(harness.studio.database.lastInsertRowID), .integer(demo.id)])
        }
        #expect(
            SlidePreviewer.sizes(for: demo, in: harness.studio) == [
                ScreenSize(width: 1280, height: 720), ScreenSize(width: 1080, height: 1920),
            ])
        let other = try harness.studio.channel(named: "other")
        #expect(SlidePreviewer.sizes(for: other, in: harness.studio) == ScreenSize.defaults)
    }
}

/// An id of the right shape that no preview has.
enum SecretTokenShape {
    static let unknown = String(repeating: "A", count: 43)
}
