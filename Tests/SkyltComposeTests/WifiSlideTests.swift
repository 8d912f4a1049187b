import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The Wi-Fi slide as people use it: a code that two decoders read to the exact `WIFI:`
/// string, and the network and password large enough to copy, the password in a face where
/// l, 1 and I, and 0 and O, differ.
@Suite("Wi-Fi slide: the code decodes with zbar and zxing; network and password large, as data")
struct WifiSlideTests {
    static let sizes = [(1920, 1080), (1080, 1920)]
    static let ssid = "Café Åsa Gäst"
    static let password = "glögg;2026"

    /// A Wi-Fi slide with `fields` (JSON members) in a playlist of its own.
    func slide(_ fields: String = #""ssid": "Café Åsa Gäst", "password": "glögg;2026""#) throws -> ProgramSlide {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "wifi", "template": "wifi", "duration": 10, \#(fields)}"#
        ])
        let (program, problems) = PlaylistFixture.program(folder)
        #expect(problems.isEmpty, "\(problems)")
        return try #require(program.slides.first)
    }

    func compose(_ slide: ProgramSlide, _ width: Int, _ height: Int, language: String = "sv") throws -> Composition {
        try SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height))
            .compose(slide, language: language)
    }

    /// Decodes a binary PPM with zxing-cpp through Debian's Python (where python3-zxing-cpp
    /// installs its module; a Python of one's own on PATH does not see it).
    func zxingDecode(_ ppm: URL) throws -> [String] {
        let script = Repository.fixtures.appendingPathComponent("zxing_decode.py").path
        let result = try ExternalTool.run(["/usr/bin/python3", script, ppm.path])
        #expect(result.status == 0, "zxing_decode.py: \(result.stderr)")
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    @Test(
        "the code of 'Café Åsa Gäst' decodes to the exact UTF-8 WIFI: string with zbarimg and zxing", arguments: sizes)
    func twoDecoders(width: Int, height: Int) throws {
        let composition = try compose(try slide(), width, height)
        let expected = #"WIFI:T:WPA;S:Café Åsa Gäst;P:glögg\;2026;;"#
        #expect(composition.codes.map(\.payload) == [expected])
        let folder = TemporaryFolder()
        let png = folder.file("wifi.png")
        try composition.frame.writePNG(to: png)
        #expect(try ExternalTool.zbarDecode(png) == [expected])
        let ppm = folder.file("wifi.ppm")
        try PPM.crop(composition.frame, [0, 0, width, height]).write(to: ppm)
        let decoded = try zxingDecode(ppm)
        #expect(decoded == [expected])
        #expect(decoded.first.map { Array($0.utf8) } == Array(expected.utf8), "the bytes are UTF-8, not Latin-1")
    }

    @Test("the zxing script finds nothing on a frame without a code", arguments: [(1920, 1080)])
    func zxingFindsNothing(width: Int, height: Int) throws {
        let composition = try compose(try slide(), width, height)
        let code = try #require(composition.codes.first)
        let folder = TemporaryFolder()
        let ppm = folder.file("no-code.ppm")
        // The frame above the code: the texts, no symbol.
        try PPM.crop(composition.frame, [0, 0, width, Int(code.symbolRect.y) - 60]).write(to: ppm)
        #expect(try zxingDecode(ppm).isEmpty)
    }

    @Test("network and password are data at least subtitle size, each under a label in the page's language")
    func detailsAsData() throws {
        for (width, height) in Self.sizes {
            let profile = DisplayProfile.standard.resized(width: width, height: height)
            let subtitle = 1.25 * SlideComposer(profile: profile).legibility.minimumBodyCapHeightPixels
            for language in ["sv", "ar"] {
                let layout = try compose(try slide(), width, height, language: language).layout
                let ssid = try #require(layout.texts.first { $0.role == .ssid })
                let password = try #require(layout.texts.first { $0.role == .password })
                #expect(ssid.text == Self.ssid && password.text == Self.password)
                for value in [ssid, password] {
                    #expect(value.language == "zxx" && value.direction == .ltr)
                    #expect(value.capHeight >= subtitle, "\(value.field) at \(value.capHeight) px, \(width)x\(height)")
                    #expect(value.lineCount == 1)
                }
                let labels = layout.texts.filter { $0.role == .label && $0.field.hasSuffix("Label") }
                let words = [BuiltInText.wifiNetwork, .wifiPassword].map { $0.text(in: language) }
                #expect(labels.map(\.text) == words)
                #expect(labels.allSatisfy { $0.language == language && $0.capHeight < ssid.capHeight })
                // Each label sits just above its value.
                #expect(
                    labels[0].drawnRect.maxY <= ssid.drawnRect.y && labels[1].drawnRect.maxY <= password.drawnRect.y)
            }
        }
    }

    @Test("at 1920x1080 the network and password take the title's size")
    func titleSize() throws {
        let layout = try compose(try slide(), 1920, 1080).layout
        let title = try #require(layout.texts.first { $0.role == .title })
        for role in [LayoutRole.ssid, .password] {
            #expect(layout.texts.first { $0.role == role }?.capHeight == title.capHeight)
        }
    }

    @Test("the password is drawn in Noto Sans Mono, installed (fontconfig finds it by name), the rest in Noto Sans")
    func monospacedPassword() throws {
        let match = try ExternalTool.run(["fc-match", "--format=%{family}", "Noto Sans Mono"])
        #expect(match.stdout.split(separator: ",").first == "Noto Sans Mono", "fonts-noto-mono is not installed")
        for (width, height) in Self.sizes {
            let layout = try compose(try slide(), width, height).layout
            let password = try #require(layout.texts.first { $0.role == .password })
            #expect(password.fontFamily == "Noto Sans Mono")
            #expect(layout.texts.first { $0.role == .ssid }?.fontFamily == "Noto Sans")
        }
    }

    @Test("an open network says that no password is needed, as a label, and shows no password")
    func openNetwork() throws {
        let open = try slide(#""ssid": "Byns wifi", "security": "nopass""#)
        let layout = try compose(open, 1080, 1920).layout
        #expect(!layout.texts.contains { $0.role == .password })
        let note = try #require(layout.texts.first { $0.field == "passwordLabel" })
        #expect(note.text == BuiltInText.wifiOpen.text(in: "sv") && note.role == .label && note.language == "sv")
    }

    @Test("in portrait the texts share the room above the code: no gap of more than a fifth of the safe height")
    func portraitBalance() throws {
        let layout = try compose(try slide(), 1080, 1920).layout
        let boxes = (layout.texts.map(\.drawnRect) + layout.codes.map(\.symbolRect)).sorted { $0.y < $1.y }
        let safe = layout.safeArea
        var gaps = [boxes[0].y - safe.y]
        for (upper, lower) in zip(boxes, boxes.dropFirst()) { gaps.append(lower.y - upper.maxY) }
        #expect(gaps.allSatisfy { $0 < safe.height / 5 }, "gaps \(gaps.map { Int($0) }) in \(Int(safe.height)) px")
    }
    @Test("a password too long for one line breaks without a hyphen, which a viewer would type")
    func longPasswordWithoutHyphen() throws {
        let password = String(repeating: "l", count: 60)
        let composition = try compose(try slide(#""ssid": "Butik", "password": "\#(password)""#), 1080, 1920)
        let fitted = try #require(composition.texts.first { $0.field == "password" })
        try #require(fitted.lineCount > 1, "the password must break for this test")
        // The last glyph of the first line (its right part, about the width of a character):
        // an "l" has ink in the line's upper part (its stem), a hyphen only in its middle.
        let band = fitted.logicalRect.height / Double(fitted.lineCount)
        let top = Int(fitted.logicalRect.y)
        let inked = { (x: Int, y: Int) in composition.frame.pixel(x: x, y: y) == 0xFFFF_FFFF }
        let right = try #require(
            (Int(fitted.box.x)..<Int(fitted.box.maxX)).last { x in (top..<top + Int(band)).contains { inked(x, $0) } })
        let upper = top + Int(band * 0.2)..<top + Int(band * 0.4)
        #expect(
            (right - Int(band * 0.3)...right).contains { x in upper.contains { inked(x, $0) } },
            "the first line ends in a hyphen")
    }
}
