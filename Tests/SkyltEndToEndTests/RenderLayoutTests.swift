import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// `skylt render` names, `--layout` files checked against the PNGs they describe, and `--at`.
@Suite("skylt render previews and layout files", .serialized, .timeLimit(.minutes(10)))
struct RenderLayoutTests {
    let skylt = Repository.skyltBinary.path

    func run(_ arguments: [String]) throws -> ExternalTool.Result {
        try ExternalTool.run([skylt] + arguments, environment: ["SKYLT_CONFIG": "/nonexistent/skylt-config.json"])
    }

    /// Swedish, English and Persian (right to left) texts, a code, an image and a Wi-Fi slide.
    static func playlist() -> TemporaryFolder {
        PlaylistFixture.make(slides: [
            #"""
            {"id": "notice", "template": "notice", "title": {"sv": "Öppet i jul", "en": "Open at Christmas", "fa": "باز در کریسمس"},
             "body": {"sv": "Vardagar 9–19.", "fa": "روزهای هفته ۹ تا ۱۹."},
             "qr": {"url": "https://example.org/jul", "label": {"sv": "Mer", "en": "More"}}}
            """#,
            #"{"id": "info", "template": "info", "title": "Karta", "body": "Leden börjar vid kyrkan.", "image": "media/halves.jpg"}"#,
            #"{"id": "wifi", "template": "wifi", "ssid": "Butiken", "password": "p4ssw0rd", "security": "WPA"}"#,
            #"""
            {"id": "later", "template": "notice", "title": "Snart", "body": "Kommer.",
             "schedule": {"validFrom": "2030-01-01T00:00:00+01:00"}}
            """#,
        ])
    }

    @Test("render names every PNG by its language, with no unsuffixed duplicate")
    func namesPerLanguage() throws {
        let playlist = Self.playlist()
        let out = TemporaryFolder()
        let result = try run(["render", playlist.url.path, "--out", out.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.url.path).sorted()
        #expect(
            files == [
                "01-notice.en.png", "01-notice.fa.png", "01-notice.sv.png", "02-info.sv.png", "03-wifi.sv.png",
                "04-later.sv.png",
            ])
    }

    @Test("render --at skips a slide not scheduled then, and says so")
    func atSkipsUnscheduled() throws {
        let playlist = Self.playlist()
        let out = TemporaryFolder()
        let result = try run(["render", playlist.url.path, "--out", out.url.path, "--at", "2026-12-12T09:00"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("skipped 04-later: not scheduled at"), "\(result.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.url.path)
        #expect(files.count == 5)
        #expect(!files.contains { $0.hasPrefix("04-later") })
        let later = TemporaryFolder()
        #expect(
            try run(["render", playlist.url.path, "--out", later.url.path, "--at", "2030-02-01T09:00"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: later.url.path).contains("04-later.sv.png"))
        #expect(try run(["render", playlist.url.path, "--out", later.url.path, "--at", "soon"]).status == 2)
    }

    @Test("render --at skips the data slides stale at that moment, each with the reason")
    func atSkipsStaleData() throws {
        let sample = Repository.fixtures.appendingPathComponent("live").path
        let out = TemporaryFolder()
        // 10:09: the last bus left at 10:08; the forecast (fetched 09:00) is fresh.
        let morning = try run(["render", sample, "--out", out.url.path, "--at", "2026-12-05T10:09:00+01:00"])
        #expect(
            morning.stdout.contains(
                "skipped 01-1-board: its data is stale at 2026-12-05T09:09:00Z: every departure on it has left"),
            "\(morning.stdout)")
        #expect(!morning.stdout.contains("skipped 02-smhi") && !morning.stdout.contains("skipped 06-vma"))
        // 16:00: the forecast is seven hours old and the alert has expired; the agenda is ahead.
        let afternoon = try run(["render", sample, "--out", out.url.path, "--at", "2026-12-05T16:00:00+01:00"])
        for line in [
            "skipped 02-smhi: its data is stale at 2026-12-05T15:00:00Z: forecast fetched 2026-12-05T08:00:00Z, more than 6 hours ago",
            "skipped 05-sjon: its data is stale at 2026-12-05T15:00:00Z: reading taken 2026-12-05T08:50:00Z, more than 3 hours ago",
            "skipped 06-vma: its data is stale at 2026-12-05T15:00:00Z: the alert expired 2026-12-05T14:30:00Z",
        ] {
            #expect(afternoon.stdout.contains(line), "missing: \(line)\n\(afternoon.stdout)")
        }
        #expect(!afternoon.stdout.contains("skipped 03-veckan") && !afternoon.stdout.contains("skipped 04-nyhet"))
    }

    @Test("render --layout writes a layout file per PNG with the fixed fields", arguments: ["1920x1080", "1080x1920"])
    func layoutFiles(size: String) throws {
        let playlist = Self.playlist()
        let out = TemporaryFolder()
        let result = try run(["render", playlist.url.path, "--out", out.url.path, "--layout", "--size", size])
        #expect(result.status == 0, "\(result.stderr)")
        let pngs = try FileManager.default.contentsOfDirectory(atPath: out.url.path).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == 6)
        var kinds: Set<String> = []
        for png in pngs {
            let stem = String(png.dropLast(4))
            let layout = try LayoutFile(out.file(stem + ".json"))
            let frame = try Frame.readPNG(from: out.file(png))
            #expect(layout.size == [frame.width, frame.height])
            #expect(layout.language == String(stem.split(separator: ".").last!))
            #expect(layout.direction == (layout.language == "fa" ? "rtl" : "ltr"))
            let short = min(frame.width, frame.height) / 20
            #expect(layout.safeArea == [short, short, frame.width - 2 * short, frame.height - 2 * short])
            for element in layout.elements {
                kinds.insert(element.kind)
                try check(element, in: frame, layout: layout, file: png, folder: out)
            }
        }
        #expect(kinds == ["text", "qr", "image"])
        let wifi = try LayoutFile(out.file("03-wifi.sv.json"))
        let roles = wifi.elements.filter { $0.kind == "text" }.map { ($0.role!, $0.language!) }
        #expect(roles.contains { $0 == ("ssid", "zxx") } && roles.contains { $0 == ("password", "zxx") })
        let persian = try LayoutFile(out.file("01-notice.fa.json"))
        let title = try #require(persian.elements.first { $0.role == "title" })
        #expect(title.language == "fa" && title.text == "باز در کریسمس")
        // The Persian slide has no Persian label: it shows the default language's.
        #expect(persian.elements.first { $0.role == "label" }?.language == "sv")
    }

    @Test("render --scale writes smaller frames of the same slide, and refuses a layout file beside them")
    func scaledFrames() throws {
        let playlist = Self.playlist()
        let full = TemporaryFolder()
        let small = TemporaryFolder()
        #expect(try run(["render", playlist.url.path, "--out", full.url.path]).status == 0)
        let result = try run(["render", playlist.url.path, "--out", small.url.path, "--scale", "0.25"])
        #expect(result.status == 0, "\(result.stderr)")
        let frame = try Frame.readPNG(from: small.file("01-notice.sv.png"))
        #expect(frame.width == 480 && frame.height == 270)
        // The same pixels, scaled: the background colour at the corner is the full frame's.
        let reference = try Frame.readPNG(from: full.file("01-notice.sv.png"))
        #expect(frame.pixel(x: 240, y: 260) == reference.pixel(x: 960, y: 1040))
        let refused = TemporaryFolder()
        #expect(
            try run(["render", playlist.url.path, "--out", refused.url.path, "--scale", "0.25", "--layout"]).status == 2
        )
        #expect(try run(["render", playlist.url.path, "--out", refused.url.path, "--scale", "2"]).status == 2)
    }

    /// A code's box, with its quiet zone, decodes to its payload; a text's box is not blank.
    func check(
        _ element: LayoutFile.Element, in frame: Frame, layout: LayoutFile, file: String, folder: TemporaryFolder
    )
        throws
    {
        let box = element.box
        #expect(box.count == 4 && box[0] >= 0 && box[1] >= 0, "\(file): \(box)")
        #expect(box[0] + box[2] <= frame.width && box[1] + box[3] <= frame.height, "\(file): \(box)")
        switch element.kind {
        case "qr":
            let quiet = 4 * (element.modulePx ?? 0)
            let crop = folder.file("crop-\(file).ppm")
            try PPM.crop(frame, [box[0] - quiet, box[1] - quiet, box[2] + 2 * quiet, box[3] + 2 * quiet]).write(
                to: crop)
            #expect(try ExternalTool.zbarDecode(crop) == [element.payload!], "\(file)")
        case "text":
            #expect(LayoutRole(rawValue: element.role ?? "") != nil, "\(file): role \(element.role ?? "none")")
            #expect(["start", "center", "end"].contains(element.align ?? ""))
            #expect((element.capHeightPx ?? 0) > 0 && !(element.text ?? "").isEmpty)
            #expect(PPM.colors(frame, box) > 1, "\(file): '\(element.text ?? "")' at \(box) is blank")
            let safe = layout.safeArea
            #expect(box[0] >= safe[0] - 1 && box[0] + box[2] <= safe[0] + safe[2] + 1, "\(file): \(box)")
        default:
            #expect(element.kind == "image" && element.bleed != nil)
        }
    }
}
