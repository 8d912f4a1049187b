import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The event's hierarchy (the date largest, the organiser signing small at the bottom) and
/// the story's author and call to action, read from the layout a composition records.
@Suite("Event and story layouts", .serialized)
struct EventStoryLayoutTests {
    static let sizes = [(1920, 1080), (1080, 1920)]

    static func multilingual() throws -> [String: ProgramSlide] {
        let folder = Repository.fixtures.appendingPathComponent("multilingual")
        let playlist = try #require(PlaylistReader.read(folder: folder).playlist)
        let program = Program(playlists: [(channel: "test", playlist: playlist)])
        return Dictionary(uniqueKeysWithValues: program.slides.map { ($0.slide.id, $0) })
    }

    static func composer(_ size: (Int, Int)) -> SlideComposer {
        SlideComposer(profile: DisplayProfile.standard.resized(width: size.0, height: size.1))
    }

    @Test("the date is larger than the place and the body; the organiser signs in the page's language")
    func eventHierarchy() throws {
        let loppis = try #require(try Self.multilingual()["loppis"])
        guard case .event(_, _, _, let place, _, _, _, let organiser?) = loppis.slide.content else {
            Issue.record("loppis is not an event with an organiser")
            return
        }
        for size in Self.sizes {
            for language in place.languages.sorted() {
                let layout = try Self.composer(size).compose(loppis, language: language).layout
                let date = layout.texts.filter { $0.role == .date }.map(\.capHeight).max() ?? 0
                let others = layout.texts.filter { $0.role == .place || $0.role == .body }
                #expect(others.count == 2)
                #expect(others.allSatisfy { $0.capHeight < date }, "\(language) \(size)")
                let signed = try #require(layout.texts.first { $0.field == "organiser" })
                #expect(signed.role == .issuer)
                #expect(signed.language == language)
                let label = BuiltInText.organiser.text(in: language)
                #expect(signed.text == label + ": " + organiser.translations[language]!)
                // The language row is drawn after the template, over it; of the template's texts
                // the organiser is the last.
                #expect(layout.texts.last { !$0.field.hasPrefix("qr.") && $0.role != .languages } == signed)
                let content = layout.texts.filter { !$0.field.hasPrefix("qr.") }
                #expect(content.allSatisfy { $0.drawnRect.maxY <= signed.drawnRect.maxY })
            }
        }
    }

    @Test("the story's author is drawn in each language; the call to action is the catalogue's")
    func storyAuthorAndCall() throws {
        let raven = try #require(try Self.multilingual()["raven"])
        guard case .story(let title, let author, _, _, _) = raven.slide.content else {
            Issue.record("raven is not a story")
            return
        }
        #expect(author.languages.count > 1)
        for size in Self.sizes {
            for language in title.languages.sorted() {
                let layout = try Self.composer(size).compose(raven, language: language).layout
                let drawn = try #require(layout.texts.first { $0.field == "author" })
                #expect(drawn.text == author.translations[language], "\(language)")
                #expect(drawn.role == .author && drawn.language == language)
                let call = try #require(layout.texts.first { $0.field == "listen" })
                #expect(call.text == BuiltInText.listenInYourLanguage.text(in: language))
                #expect(call.role == .label && call.language == language)
                // Near the codes: right above the first of them.
                let codeTop = try #require(layout.codes.map(\.symbolRect.y).min())
                #expect(call.drawnRect.maxY < codeTop && codeTop - call.drawnRect.maxY < Double(size.1) * 0.1)
            }
        }
    }

    @Test("a story's author in one form reads the same on every page")
    func plainAuthor() throws {
        let slide = try #require(try Self.multilingual()["raven"])
        var plain = slide
        guard case .story(let title, _, let image, let readings, let picker) = slide.slide.content else { return }
        plain.slide.content = .story(
            title: title, author: LocalizedText(["sv": "Maja Berg"]), image: image, readings: readings,
            pickerURL: picker)
        let layout = try Self.composer((1920, 1080)).compose(plain, language: "ar").layout
        let drawn = try #require(layout.texts.first { $0.field == "author" })
        #expect(drawn.text == "Maja Berg" && drawn.language == "ar")
    }
    @Test("a story's codes are shared out evenly over their rows: four in portrait are two and two")
    func evenRows() throws {
        let raven = try #require(try Self.multilingual()["raven"])
        let layout = try Self.composer((1080, 1920)).compose(raven, language: "sv").layout
        let rows = Dictionary(grouping: layout.codes, by: { Int($0.symbolRect.y) })
        #expect(layout.codes.count == 4)
        #expect(rows.values.map(\.count).sorted() == [2, 2], "\(rows.mapValues(\.count))")
    }
}
