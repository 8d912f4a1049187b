import Foundation
import SkyltCompose
import SkyltCore
import Testing

/// The alert template: the urgent band and colours, headline, body, what to do, sender and
/// source; an exercise or a test marked in a banner in every language; long texts fitted,
/// never clipped.
@Suite("Alert slide: urgent style, instruction, exercise banner, fitting", .timeLimit(.minutes(5)))
struct AlertTemplateTests {
    typealias F = LiveSlideFixtures
    static let at = F.date("2026-06-28T14:25:00+02:00")

    @Test("landscape and portrait, Swedish, Arabic and Persian: every text inside the safe area, in order")
    func layouts() throws {
        for size in F.sizes {
            for language in ["sv", "ar", "fa"] {
                let composition = try F.compose(F.slide(F.alert()), size, language, at: Self.at)
                let layout = composition.layout
                #expect(F.inside(layout), "\(size) \(language)")
                let fields = layout.texts.map(\.field)
                let order = [
                    "priority", "sender", "source", "validity", "headline", "body", "instruction.label", "instruction",
                ]
                #expect(order.allSatisfy(fields.contains), "\(size) \(language): \(fields)")
                let label = try #require(layout.texts.first { $0.field == "priority" })
                #expect(label.text == BuiltInText.urgent.text(in: language))
                let headline = try #require(layout.texts.first { $0.field == "headline" })
                let body = try #require(layout.texts.first { $0.field == "body" })
                let instruction = try #require(layout.texts.first { $0.field == "instruction" })
                let sender = try #require(layout.texts.first { $0.field == "sender" })
                #expect(headline.drawnRect.maxY < body.drawnRect.y && body.drawnRect.maxY < instruction.drawnRect.y)
                #expect(instruction.drawnRect.maxY < sender.drawnRect.y)
                #expect(sender.text == BuiltInText.alertFrom.text(in: language) + ": Länsstyrelsen Kronoberg")
                if language != "sv" { #expect(headline.drawnRect.maxX > layout.safeArea.maxX - 16, "aligned right") }
                // The urgent colours fill the slide below the band.
                let urgent = 0xFF00_0000 | UInt32(0x9B1C1C)
                #expect(composition.frame.pixel(x: 2, y: size.1 - 3) == urgent)
                #expect(!layout.texts.contains { $0.field == "status" }, "a real alert has no exercise banner")
            }
        }
    }

    @Test("the instruction is set apart: its label in the language, indented from the body's edge")
    func instruction() throws {
        let layout = try F.compose(F.slide(F.alert()), (1920, 1080), "sv", at: Self.at).layout
        #expect(layout.texts.first { $0.field == "instruction.label" }?.text == "Gör så här:")
        let body = try #require(layout.texts.first { $0.field == "body" })
        let instruction = try #require(layout.texts.first { $0.field == "instruction" })
        #expect(instruction.drawnRect.x > body.drawnRect.x + 10)
        #expect(layout.texts.first { $0.field == "validity" }?.text == "söndag 28 juni 13:30–22:00")
    }

    @Test("an exercise and a test say so in a banner, in every required language")
    func exerciseBanner() throws {
        for (status, key) in [(AlertStatus.exercise, BuiltInText.alertExercise), (.test, .alertTest)] {
            for language in BuiltInText.requiredLanguages {
                for size in F.sizes {
                    let layout = try F.compose(F.slide(F.alert(status: status)), size, language, at: Self.at).layout
                    let banner = try #require(layout.texts.first { $0.field == "status" }, "\(status) \(language)")
                    #expect(banner.text == key.text(in: language) && !banner.text.isEmpty)
                    #expect(layout.safeArea.contains(banner.drawnRect))
                    let headline = try #require(layout.texts.first { $0.field == "headline" })
                    #expect(banner.drawnRect.maxY < headline.drawnRect.y, "the banner above the headline")
                }
            }
        }
        #expect(BuiltInText.alertExercise.text(in: "sv") == "ÖVNING")
        #expect(BuiltInText.alertExercise.text(in: "en") == "EXERCISE")
    }

    @Test("a long body is fitted at a smaller step, or refused naming a field; never clipped")
    func longTexts() throws {
        let sentence = "Räddningstjänsten arbetar på platsen och rök driver över samhället mot nordost. "
        for count in [4, 8, 60] {
            let slide = F.slide(F.alert(body: String(repeating: sentence, count: count)))
            for size in F.sizes {
                do {
                    let layout = try F.compose(slide, size, "sv", at: Self.at).layout
                    #expect(F.inside(layout), "\(count) \(size)")
                    #expect(count < 60, "60 sentences cannot fit legibly")
                } catch {
                    #expect(count > 4, "four sentences fit: \(error.reason)")
                    #expect(!error.field.isEmpty)
                }
            }
        }
    }
}
