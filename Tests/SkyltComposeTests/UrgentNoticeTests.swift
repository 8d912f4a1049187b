import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// An urgent notice is marked beyond doubt: a band in the theme's accent colour across the
/// top, a warning sign and the word for "important" at the title's size, mirrored right to
/// left; a notice without the mark leaves no large hole in portrait.
@Suite("Urgent notice: a band with a warning sign across the top; notices balanced in portrait")
struct UrgentNoticeTests {
    static let sizes = [(1920, 1080), (1080, 1920)]

    func notice(urgent: Bool, qr: Bool = true, issuer: Bool = true) -> ProgramSlide {
        let link = QRLink(url: "https://kommun.example.org/vatten", label: LocalizedText(["sv": "Mer information"]))
        let slide = Slide(
            id: "vatten", durationSeconds: 10, priority: urgent ? .urgent : .normal,
            content: .notice(
                title: LocalizedText(["sv": "Vattnet stängs av tisdag 1 december kl. 8–12", "ar": "انقطاع المياه غدا"]),
                body: LocalizedText([
                    "sv":
                        "Vi byter en huvudledning på Storgatan och Kyrkvägen. Tappa upp vatten i förväg. Tankbil står vid Ängsby Handel.",
                    "ar": "املأ الماء مسبقا.",
                ]),
                qr: qr ? link : nil,
                issuer: issuer ? LocalizedText(["sv": "Ängsby kommun", "ar": "بلدية إنغسبي"]) : nil))
        let context = PlaylistContext(defaultLanguage: "sv", theme: .standard, timeZone: .current, strings: [:])
        return ProgramSlide(slide: slide, channel: "c", context: context)
    }

    func compose(_ slide: ProgramSlide, _ width: Int, _ height: Int, _ language: String = "sv") throws -> Composition {
        try SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height))
            .compose(slide, language: language)
    }

    static func argb(_ color: Color) -> UInt32 {
        0xFF00_0000 | UInt32((color.red * 255).rounded()) << 16 | UInt32((color.green * 255).rounded()) << 8
            | UInt32((color.blue * 255).rounded())
    }

    /// Pixels of `color` in `box` of the frame.
    static func count(_ color: UInt32, in frame: Frame, _ box: Rect) -> Int {
        var found = 0
        for y in Int(box.y)..<Int(box.maxY) {
            for x in Int(box.x)..<Int(box.maxX) where frame.pixel(x: x, y: y) == color { found += 1 }
        }
        return found
    }

    @Test(
        "the band spans the frame from its top edge, in the accent colour; its label is a title-size label inside the safe area"
    )
    func band() throws {
        let accent = Self.argb(Theme.standard.accent)
        for (width, height) in Self.sizes {
            for language in ["sv", "ar"] {
                let composition = try compose(notice(urgent: true), width, height, language)
                let layout = composition.layout
                let label = try #require(layout.texts.first { $0.field == "priority" })
                #expect(label.role == .label && label.language == language)
                #expect(label.text == BuiltInText.urgent.text(in: language))
                let title = try #require(layout.texts.first { $0.role == .title })
                let c = SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height)).legibility
                #expect(label.capHeight == c.minimumBodyCapHeightPixels * 2.4)
                #expect(label.capHeight >= title.capHeight)
                #expect(layout.safeArea.contains(label.drawnRect))
                // The band bleeds: the accent reaches the frame's corners and runs below the label.
                let below = Int(label.drawnRect.maxY) + 2
                for (x, y) in [(0, 0), (width - 1, 0), (0, below), (width - 1, below)] {
                    #expect(
                        composition.frame.pixel(x: x, y: y) == accent, "\(width)x\(height) \(language) at \(x),\(y)")
                }
                // Everything else starts below the band, but for the language row, which stands
                // on the band in its colours.
                let bandBottom = (0..<height).first { composition.frame.pixel(x: 0, y: $0) != accent } ?? 0
                let others = layout.texts.filter { $0.field != "priority" && $0.role != .languages }
                #expect(others.allSatisfy { $0.drawnRect.y > Double(bandBottom) })
                if let row = layout.texts.first(where: { $0.role == .languages }) {
                    #expect(row.drawnRect.maxY < label.drawnRect.y, "the row above the label, on the band")
                }
            }
        }
    }

    @Test("the warning sign stands at the start edge before the label: left in Swedish, right in Arabic")
    func sign() throws {
        let ink = Self.argb(Theme.standard.accentForeground)
        for (width, height) in Self.sizes {
            for language in ["sv", "ar"] {
                let composition = try compose(notice(urgent: true), width, height, language)
                let label = try #require(composition.layout.texts.first { $0.field == "priority" })
                let safe = composition.layout.safeArea
                let rows = (
                    y: label.drawnRect.y - label.capHeight, height: label.drawnRect.height + 2 * label.capHeight
                )
                let start =
                    language == "ar"
                    ? Rect(
                        x: label.drawnRect.maxX, y: rows.y, width: safe.maxX - label.drawnRect.maxX, height: rows.height
                    )
                    : Rect(x: safe.x, y: rows.y, width: label.drawnRect.x - safe.x, height: rows.height)
                // A solid triangle of about the label's height: many pixels of the accent's foreground.
                #expect(Self.count(ink, in: composition.frame, start) > Int(label.capHeight * label.capHeight / 2))
                #expect(start.width >= label.capHeight, "\(language): the sign stands before the label")
            }
        }
    }

    @Test("a notice that is not urgent has no band and no label")
    func noBand() throws {
        let composition = try compose(notice(urgent: false), 1920, 1080)
        #expect(!composition.layout.texts.contains { $0.field == "priority" })
        #expect(composition.frame.pixel(x: 0, y: 60) == Self.argb(Theme.standard.background))
    }

    @Test("in portrait a notice leaves no gap of a third of the safe height between its texts and code")
    func portraitGaps() throws {
        for urgent in [false, true] {
            for (qr, issuer) in [(true, true), (false, true), (true, false)] {
                let layout = try compose(notice(urgent: urgent, qr: qr, issuer: issuer), 1080, 1920).layout
                let boxes = (layout.texts.map(\.drawnRect) + layout.codes.map(\.symbolRect)).sorted { $0.y < $1.y }
                let gaps = zip(boxes, boxes.dropFirst()).map { $1.y - $0.maxY }
                #expect(
                    gaps.allSatisfy { $0 < layout.safeArea.height / 3 },
                    "urgent \(urgent), code \(qr), issuer \(issuer): gaps \(gaps.map { Int($0) })")
            }
        }
    }
}
