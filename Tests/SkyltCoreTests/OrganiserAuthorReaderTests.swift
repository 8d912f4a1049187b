import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// An event's organiser and a story's author are localized texts: a string (the default
/// language's, or a name for every language) or an object of translations.
@Suite("Reading an event's organiser and a story's author")
struct OrganiserAuthorReaderTests {
    static let event =
        #"{"id": "e", "template": "event", "title": "Loppis", "starts": "2026-12-05T10:00:00+01:00", "place": "Skolan""#
    static let story =
        #"{"id": "s", "template": "story", "title": "Räven", "image": "media/berattelse.svg", "readings": [{"language": "sv", "url": "https://example.org/sv"}]"#

    func read(_ slide: String) -> (TemporaryFolder, PlaylistReading) {
        let folder = PlaylistFixture.make(slides: [slide])
        return (folder, PlaylistReader.read(folder: folder.url))
    }

    func organiser(_ reading: PlaylistReading) -> LocalizedText? {
        guard case .event(_, _, _, _, _, _, _, let organiser) = reading.playlist?.slides.first?.content else {
            return nil
        }
        return organiser
    }

    func author(_ reading: PlaylistReading) -> LocalizedText? {
        guard case .story(_, let author, _, _, _) = reading.playlist?.slides.first?.content else { return nil }
        return author
    }

    @Test("an organiser given as a string is the default language's text")
    func organiserString() {
        let (_, reading) = read(Self.event + #", "organiser": "Ängsby IF"}"#)
        #expect(reading.problems == [])
        #expect(organiser(reading) == LocalizedText(["sv": "Ängsby IF"]))
    }

    @Test("an organiser given per language keeps each translation")
    func organiserObject() {
        let (_, reading) = read(Self.event + #", "organiser": {"sv": "Skolans föräldrar", "ar": "أولياء الأمور"}}"#)
        #expect(reading.problems == [])
        #expect(organiser(reading) == LocalizedText(["sv": "Skolans föräldrar", "ar": "أولياء الأمور"]))
    }

    @Test("an event without an organiser has none")
    func noOrganiser() {
        let (_, reading) = read(Self.event + "}")
        #expect(reading.problems == [])
        #expect(reading.playlist?.slides.count == 1)
        #expect(organiser(reading) == nil)
    }

    @Test("an organiser of a wrong type is a problem naming the file and the field")
    func organiserWrongType() {
        let (folder, reading) = read(Self.event + #", "organiser": ["Ängsby IF"]}"#)
        #expect(reading.problems.count == 1)
        let problem = reading.problems.first
        #expect(problem?.file == folder.file(Playlist.fileName).path)
        #expect(problem?.slide == "e")
        #expect(problem?.field == "slides[0].organiser")
        #expect(problem?.message.contains("expected a string or an object of translations") == true)
    }

    @Test("a story's author may be a string or an object of translations")
    func authorForms() {
        let (_, plain) = read(Self.story + #", "author": "Maja Berg"}"#)
        #expect(plain.problems == [])
        #expect(author(plain) == LocalizedText(["sv": "Maja Berg"]))
        let (_, translated) = read(Self.story + #", "author": {"sv": "Maja Berg", "uk": "Мая Берг"}}"#)
        #expect(translated.problems == [])
        #expect(author(translated) == LocalizedText(["sv": "Maja Berg", "uk": "Мая Берг"]))
    }

    @Test("an author of a wrong type, or none, is a problem naming the file and the field")
    func authorProblems() {
        let (folder, wrong) = read(Self.story + #", "author": 7}"#)
        #expect(wrong.problems.map(\.field) == ["slides[0].author"])
        #expect(wrong.problems.allSatisfy { $0.file == folder.file(Playlist.fileName).path })
        #expect(wrong.problems.first?.message.contains("found a number") == true)
        let (_, missing) = read(Self.story + "}")
        #expect(missing.problems.map(\.field) == ["slides[0].author"])
    }
}
