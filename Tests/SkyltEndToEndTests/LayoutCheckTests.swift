import Foundation
import SkyltTestSupport
import Testing

/// Each layout check finds a page made to break its rule and passes one that keeps it, so
/// that a check passing on the real renders means the renders keep the rule.
@Suite("Layout checks find broken pages")
struct LayoutCheckTests {
    /// A 1920x1080 page (safe area [54, 54, 1812, 972]) with these elements, as JSON objects.
    static func page(
        _ elements: [String], slide: String = "s", template: String = "notice", language: String = "sv",
        playlist: String = "p"
    ) throws -> LayoutRenders.Page {
        let direction = ["ar", "fa"].contains(language) ? "rtl" : "ltr"
        let json = """
            {"size": [1920, 1080], "safeArea": [54, 54, 1812, 972], "language": "\(language)",
             "direction": "\(direction)", "elements": [\(elements.joined(separator: ","))]}
            """
        let folder = TemporaryFolder()
        let file = folder.write("page.json", json)
        return LayoutRenders.Page(
            playlist: playlist, stem: "01-\(slide).\(language)", slideID: slide, template: template,
            layout: try LayoutFile(file), png: folder.file("page.png"))
    }

    static func text(_ box: [Int], role: String = "title", language: String = "sv", cap: Int = 60) -> String {
        #"{"kind": "text", "role": "\#(role)", "language": "\#(language)", "text": "x", "box": \#(box), "capHeightPx": \#(cap), "align": "start"}"#
    }

    static func code(_ box: [Int], payload: String = "https://example.org") -> String {
        #"{"kind": "qr", "payload": "\#(payload)", "box": \#(box), "modulePx": 8}"#
    }

    static func image(_ box: [Int], bleed: Bool = false) -> String {
        #"{"kind": "image", "box": \#(box), "bleed": \#(bleed)}"#
    }

    @Test("a text past the safe area's edge is outside, one on the edge is not")
    func safeArea() throws {
        #expect(LayoutChecks.outsideSafeArea([try Self.page([Self.text([44, 100, 400, 80])])]).count == 1)
        #expect(LayoutChecks.outsideSafeArea([try Self.page([Self.code([1666, 880, 200, 200])])]).count == 1)
        #expect(LayoutChecks.outsideSafeArea([try Self.page([Self.text([54, 54, 1812, 972])])]).isEmpty)
    }

    @Test("a Swedish label on a Persian page is foreign; a network name and the language row are not")
    func language() throws {
        let page = try Self.page(
            [
                Self.text([900, 100, 400, 80], language: "fa"), Self.text([900, 300, 400, 80], role: "label"),
                Self.text([900, 400, 400, 80], role: "ssid", language: "zxx"),
                Self.text([900, 500, 400, 80], role: "languages", language: "mul"),
            ], language: "fa")
        let violations = LayoutChecks.foreignTexts([page])
        #expect(violations.count == 1 && violations[0].message.contains("label"))
    }

    @Test("four title cap heights are too many, three are not")
    func capHeights() throws {
        let pages = try [48, 60, 72, 84].map { try Self.page([Self.text([100, 100, 400, 80], cap: $0)]) }
        #expect(LayoutChecks.tooManyCapHeights(pages).count == 1)
        #expect(LayoutChecks.tooManyCapHeights(Array(pages.prefix(3))).isEmpty)
    }

    @Test("content at the top alone is unbalanced; centred or filling the safe height it is not")
    func balance() throws {
        #expect(LayoutChecks.unbalanced([try Self.page([Self.text([100, 54, 800, 300])])]).count == 1)
        #expect(LayoutChecks.unbalanced([try Self.page([Self.text([100, 390, 800, 300])])]).isEmpty)
        #expect(LayoutChecks.unbalanced([try Self.page([Self.text([100, 54, 800, 800])])]).isEmpty)
        // A bleeding image counts for its part inside the safe area: a full-height one fills it,
        // one over the top strip only leaves the page unbalanced.
        let tall = try Self.page([Self.text([100, 54, 800, 300]), Self.image([0, 0, 960, 1080], bleed: true)])
        #expect(LayoutChecks.unbalanced([tall]).isEmpty)
        let strip = try Self.page([Self.text([100, 54, 800, 300]), Self.image([0, 0, 960, 200], bleed: true)])
        #expect(LayoutChecks.unbalanced([strip]).count == 1)
    }

    @Test("a language row is missing, extra or overlapping; one clear of the content on a two-language slide is not")
    func languageRows() throws {
        let row = Self.text([54, 54, 300, 40], role: "languages", language: "mul")
        let title = Self.text([54, 120, 800, 100])
        let sv = try Self.page([row, title])
        let en = try Self.page([row, title], language: "en")
        #expect(LayoutChecks.misplacedLanguageRows([sv, en]).isEmpty)
        // Missing on one page of the two; present on a slide with a single page.
        #expect(LayoutChecks.misplacedLanguageRows([sv, try Self.page([title], language: "en")]).count == 1)
        #expect(LayoutChecks.misplacedLanguageRows([sv]).count == 1)
        // A title reaching up into the row.
        let crowded = try Self.page([row, Self.text([100, 80, 800, 100])], language: "en")
        #expect(LayoutChecks.misplacedLanguageRows([sv, crowded]).count == 1)
        // A story's picker label lists languages under its code: not a row.
        let picker = Self.text([1500, 900, 300, 40], role: "languages", language: "mul")
        #expect(LayoutChecks.misplacedLanguageRows([try Self.page([title, picker])]).isEmpty)
        // The row heads the page: content centred below it is balanced.
        #expect(LayoutChecks.unbalanced([try Self.page([row, Self.text([100, 390, 800, 300])])]).isEmpty)
    }

    @Test("single codes of two sizes differ; codes of one size do not")
    func codeSize() throws {
        let small = try Self.page([Self.code([1600, 800, 203, 203])], slide: "a")
        let large = try Self.page([Self.code([1500, 700, 290, 290])], slide: "b")
        #expect(LayoutChecks.codeSizes([small, large]).count == 2)
        #expect(LayoutChecks.codeSizes([small, small]).isEmpty)
    }

    @Test("a right-to-left code in the left-to-right place is not mirrored; in the mirrored place it is")
    func mirror() throws {
        let ltr = try Self.page([Self.code([1600, 800, 203, 203]), Self.image([54, 54, 800, 600])])
        let mirrored = try Self.page(
            [Self.code([117, 800, 203, 203]), Self.image([1066, 54, 800, 600])], language: "ar")
        let same = try Self.page([Self.code([1600, 800, 203, 203]), Self.image([54, 54, 800, 600])], language: "fa")
        #expect(LayoutChecks.unmirrored([ltr, mirrored]) == ([], 1))
        #expect(LayoutChecks.unmirrored([ltr, same]).violations.count == 2)
    }

    @Test("a poster on a fifth of the screen is small; on half of it it is not")
    func poster() throws {
        let small = try Self.page([Self.image([688, 0, 544, 767])], template: "poster")
        let large = try Self.page([Self.image([54, 0, 960, 1080])], template: "poster")
        #expect(LayoutChecks.smallPosters([small]).count == 1)
        #expect(LayoutChecks.smallPosters([large]).isEmpty)
    }

    @Test("a poster under 40% passes only at the full safe height or across its area, and never as a thumbnail")
    func posterShape() throws {
        let caption = Self.text([1288, 54, 578, 80], role: "caption")
        func violations(_ box: [Int]) throws -> Int {
            LayoutChecks.smallPosters([try Self.page([Self.image(box), caption], template: "poster")]).count
        }
        // An A4 page at the full safe height (32%) passes; the same shape a little smaller fails.
        #expect(try violations([308, 54, 688, 972]) == 0)
        #expect(try violations([320, 70, 660, 933]) == 1)
        // A 16:9 poster across the eight columns beside the caption (39%) passes; narrower, it fails.
        #expect(LayoutChecks.posterAreaWidth(try Self.page([caption])) == 1195)
        #expect(try violations([54, 203, 1196, 674]) == 0)
        #expect(try violations([54, 203, 1100, 619]) == 1)
        // Without a side column the area is the whole safe width.
        #expect(
            LayoutChecks.smallPosters([try Self.page([Self.image([54, 203, 1196, 674])], template: "poster")]).count
                == 1)
        // A narrow strip at the full safe height is still a thumbnail.
        #expect(try violations([500, 54, 243, 972]) == 1)
    }
}
