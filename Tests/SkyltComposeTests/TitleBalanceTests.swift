import Foundation
import SkyltCompose
import SkyltCore
import Testing

/// Titles are broken over their lines evenly: no last line of one short word when a better
/// break exists. Read from the pixels, line by line, as a reader sees them.
@Suite("Titles balanced over their lines")
struct TitleBalanceTests {
    func notice(_ title: String) -> ProgramSlide {
        ProgramSlide(
            slide: Slide(
                id: "t", durationSeconds: 10,
                content: .notice(
                    title: LocalizedText(["sv": title]), body: LocalizedText(["sv": "Välkommen in."]), qr: nil,
                    issuer: nil)),
            channel: "test", defaultLanguage: "sv", theme: .standard, timeZone: .gmt)
    }

    /// The inked width of each line of a text, from the frame's white pixels in its bands.
    func lineWidths(_ composition: Composition, _ text: FittedText) -> [Int] {
        let band = text.logicalRect.height / Double(text.lineCount)
        return (0..<text.lineCount).map { line in
            let top = Int(text.logicalRect.y + Double(line) * band)
            var left = Int.max
            var right = -1
            for y in top..<min(top + Int(band), composition.frame.height) {
                for x in Int(text.box.x)..<Int(text.box.maxX) where composition.frame.pixel(x: x, y: y) == 0xFFFF_FFFF {
                    left = min(left, x)
                    right = max(right, x)
                }
            }
            return max(0, right - left)
        }
    }

    @Test(
        "a title a little longer than a line is split into two even lines",
        arguments: ["Glöm inte att handla till helgen", "Nytt i butiken: lokalt bryggt öl"])
    func balanced(title: String) throws {
        let profile = DisplayProfile.standard.resized(width: 1080, height: 1920)
        let composition = try SlideComposer(profile: profile).compose(notice(title), language: "sv")
        let fitted = try #require(composition.texts.first { $0.field == "title" })
        try #require(fitted.lineCount >= 2)
        let widths = lineWidths(composition, fitted)
        let longest = try #require(widths.max())
        // Broken greedily, these leave a last line under half the first (about 0.45 of it).
        #expect(Double(widths.min()!) >= Double(longest) * 0.6, "\(title): lines \(widths)")
    }
}
