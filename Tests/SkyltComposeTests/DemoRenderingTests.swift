import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// Every demo slide, in every language it has, at 1920x1080 and in portrait.
@Suite("The demo renders legibly and its codes scan", .serialized, .timeLimit(.minutes(10)))
struct DemoRenderingTests {
    static let sizes = [(1920, 1080), (1080, 1920)]

    func demoProgram() throws -> Program {
        let reading = PlaylistReader.read(folder: Repository.demoPlaylist)
        let playlist = try #require(reading.playlist)
        #expect(reading.problems.isEmpty)
        return Program(playlists: [(channel: "demo", playlist: playlist)])
    }

    @Test("every slide renders in every language; text stays in its box and above the minimum", arguments: sizes)
    func renders(width: Int, height: Int) throws {
        let profile = DisplayProfile.standard.resized(width: width, height: height)
        let composer = SlideComposer(profile: profile)
        let legibility = Legibility(profile)
        for entry in try demoProgram().slides {
            for language in LayoutCheck.languages(of: entry) {
                let composition = try composer.compose(entry, language: language)
                #expect(composition.frame.width == width && composition.frame.height == height)
                #expect(!composition.texts.isEmpty)
                let frameBox = Rect(x: 0, y: 0, width: Double(width), height: Double(height))
                for text in composition.texts {
                    let label = "\(entry.slide.id).\(text.field) in \(language) at \(width)x\(height)"
                    #expect(text.box.contains(text.inkRect), "ink outside its box: \(label)")
                    #expect(text.box.contains(text.logicalRect), "layout outside its box: \(label)")
                    #expect(frameBox.contains(text.box), "box outside the frame: \(label)")
                    #expect(text.capHeight >= legibility.minimumBodyCapHeightPixels - 0.01, "too small: \(label)")
                    #expect(text.unknownGlyphs == 0, "missing glyphs: \(label)")
                    if text.field == "title" || text.field == "headline" {
                        #expect(
                            text.capHeight >= legibility.minimumTitleCapHeightPixels - 0.01, "title too small: \(label)"
                        )
                    }
                }
                for code in composition.codes {
                    #expect(code.modulePixels >= Legibility.minimumQRModulePixels)
                    #expect(code.symbolRect.width >= legibility.minimumQRWidthPixels, "code too small: \(code.field)")
                    #expect(frameBox.contains(code.symbolRect))
                }
            }
        }
    }

    @Test("every code on every rendered PNG decodes with zbarimg to exactly its payload, also at 50%", arguments: sizes)
    func codesScan(width: Int, height: Int) throws {
        let composer = SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height))
        let folder = TemporaryFolder()
        var checked = 0
        for entry in try demoProgram().slides {
            let composition = try composer.compose(entry, language: entry.defaultLanguage)
            let expected = composition.codes.map(\.payload).sorted()
            for (scale, frame) in [(1.0, composition.frame), (0.5, composition.frame.scaled(by: 0.5))] {
                let png = folder.file("\(entry.slide.id)-\(scale).png")
                try frame.writePNG(to: png)
                let decoded = try ExternalTool.zbarDecode(png).sorted()
                #expect(decoded == expected, "\(entry.slide.id) at \(width)x\(height), scale \(scale)")
                checked += decoded.count
            }
        }
        // Six slides have codes; in landscape the story has one per reading (five), in portrait
        // one to the language picker.
        #expect(checked == 2 * (width > height ? 10 : 6))
    }

    @Test("the Wi-Fi slide's code is the standard WIFI: string, escapes included")
    func wifiPayload() throws {
        let entry = try #require(try demoProgram().slides.first { $0.slide.id == "wifi" })
        let composition = try SlideComposer(profile: .standard).compose(entry, language: "sv")
        #expect(composition.codes.map(\.payload) == [#"WIFI:T:WPA;S:Ängsby Handel Gäst;P:kanelbulle\;2026;;"#])
    }

    @Test("the story shows one code per language, labelled with the language's own name")
    func storyLabels() throws {
        let entry = try #require(try demoProgram().slides.first { $0.slide.id == "vattarna" })
        let composition = try SlideComposer(profile: .standard).compose(entry, language: "sv")
        #expect(composition.codes.count == 5)
        let labels = composition.texts.filter { $0.field.hasSuffix(".label") }
        #expect(labels.count == 5)
        #expect(labels.allSatisfy { $0.unknownGlyphs == 0 })
    }

    @Test("the no-content screen names the kiosk and its addresses")
    func noContent() throws {
        let frame = SlideComposer(profile: .standard).composeNoContent(
            kioskName: "Ängsby Handel", addresses: ["192.0.2.7"], version: "9.9", language: "sv")
        #expect(frame.width == 1920)
        // Not a blank screen: the text is drawn in the foreground colour somewhere.
        var light = 0
        for y in stride(from: 0, to: frame.height, by: 4) {
            for x in stride(from: 0, to: frame.width, by: 4) where frame.pixel(x: x, y: y) & 0xFF > 0xC0 {
                light += 1
            }
        }
        #expect(light > 500)
    }
}
