import Foundation
import SkyltCompose
import SkyltCore
import Testing

/// Short numbers stay on the line of the words around them: "tisdag 1 december" and
/// "kl. 8–12" are never split at the number.
@Suite("Short numbers kept with their words")
struct KeepTogetherTests {
    static let nbsp = "\u{00A0}"

    @Test("the spaces around a short number become no-break spaces")
    func transformation() {
        let n = Self.nbsp
        #expect(
            KeepTogether.shortNumbers(in: "Vattnet stängs av tisdag 1 december kl. 8–12")
                == "Vattnet stängs av tisdag\(n)1\(n)december kl.\(n)8–12")
        #expect(KeepTogether.shortNumbers(in: "Öppet 10:00–12:00 i salen") == "Öppet\(n)10:00–12:00\(n)i salen")
        #expect(KeepTogether.shortNumbers(in: "25 kr/kg") == "25\(n)kr/kg")
        // Between two numbers a line may still break: a list of times is not one long word.
        #expect(
            KeepTogether.shortNumbers(in: "kl. 10–12 13–15 17–19 varje dag")
                == "kl.\(n)10–12 13–15 17–19\(n)varje dag")
        // Persian digits are numbers too.
        #expect(KeepTogether.shortNumbers(in: "ساعات کاری از ۱ دسامبر") == "ساعات کاری از\(n)۱\(n)دسامبر")
    }

    @Test("a number that ends a phrase does not pull the next phrase onto its line")
    func phraseEnds() {
        let n = Self.nbsp
        #expect(
            KeepTogether.shortNumbers(in: "Måndag–fredag 9–19, lördag 10–15, söndag stängt.")
                == "Måndag–fredag\(n)9–19, lördag\(n)10–15, söndag stängt.")
        #expect(KeepTogether.shortNumbers(in: "Vi öppnar kl. 9. Välkommen") == "Vi öppnar kl.\(n)9. Välkommen")
    }

    @Test("years, prices of many digits and words are left as they are")
    func leftAlone() {
        for text in ["Julmarknad 2026 i Bygdegården", "Pris 120 kr", "Hantverk och glögg", "", "1", "a  b"] {
            #expect(KeepTogether.shortNumbers(in: text) == text)
        }
        // A line break written by the editor stays one; only the space after it binds.
        #expect(KeepTogether.shortNumbers(in: "Öppet\n1 december") == "Öppet\n1\(Self.nbsp)december")
    }

    func notice(_ title: String) -> ProgramSlide {
        ProgramSlide(
            slide: Slide(
                id: "t", durationSeconds: 10,
                content: .notice(
                    title: LocalizedText(["sv": title]), body: LocalizedText(["sv": "Tappa upp vatten i förväg."]),
                    qr: nil, issuer: nil)),
            channel: "test", defaultLanguage: "sv", theme: .standard, timeZone: .gmt)
    }

    @Test(
        "a fitted title never breaks next to a short number",
        arguments: [(1920, 1080), (1080, 1920), (1280, 720), (1366, 768), (720, 1280), (1024, 768)])
    func fittedTitle(width: Int, height: Int) throws {
        let title = "Vattnet stängs av tisdag 1 december kl. 8–12"
        let composer = SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height))
        let fitted = try #require(
            try composer.compose(notice(title), language: "sv").texts.first { $0.field == "title" })
        #expect(fitted.lines.count == fitted.lineCount && fitted.lineCount > 1)
        let lines = fitted.lines.map { $0.replacingOccurrences(of: Self.nbsp, with: " ") }
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == title.replacingOccurrences(of: " ", with: ""))
        #expect(lines.contains { $0.contains("tisdag 1 december") }, "\(lines)")
        #expect(lines.contains { $0.contains("kl. 8–12") }, "\(lines)")
        #expect(fitted.text == title, "the editor's text is kept as written")
    }
}
