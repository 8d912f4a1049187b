import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The layout a composition records: roles, languages, images, the safe area, reading time.
@Suite("What a composed slide records about itself", .serialized)
struct LayoutModelTests {
    func demo() throws -> [String: ProgramSlide] {
        let playlist = try #require(PlaylistReader.read(folder: Repository.demoPlaylist).playlist)
        let program = Program(playlists: [(channel: "demo", playlist: playlist)])
        return Dictionary(uniqueKeysWithValues: program.slides.map { ($0.slide.id, $0) })
    }

    @Test("every demo template's fields map to the fixed roles, and the safe area is the painter's")
    func roles() throws {
        let composer = SlideComposer(profile: .standard)
        let slides = try demo()
        var roles: [String: [LayoutRole]] = [:]
        for (id, slide) in slides {
            let layout = try composer.compose(slide, language: "en").layout
            roles[id] = layout.texts.map(\.role)
            #expect(layout.safeArea == SafeArea(width: 1920, height: 1080).rect)
            #expect(layout.safeArea == Rect(x: 54, y: 54, width: 1812, height: 972))
            for text in layout.texts where ![.ssid, .password, .languages].contains(text.role) {
                #expect(["en", "sv"].contains(text.language), "\(id).\(text.field): \(text.language)")
            }
        }
        // The event reads date block, title, place, description; the organiser signs last; the
        // language row (the demo is in Swedish and English) is drawn after the template.
        #expect(
            roles["julmarknad"] == [.label, .date, .date, .date, .title, .place, .body, .issuer, .languages],
            "\(roles)")
        #expect(Set(roles["wifi"] ?? []) == [.label, .title, .ssid, .password, .languages], "\(roles)")
        #expect(roles["lordagsbrod"]?.contains(.price) == true, "\(roles)")
        // A story's codes are labelled each in its reading's own language.
        let story = try composer.compose(try #require(slides["vattarna"]), language: "en").layout
        let labels = story.texts.filter { $0.role == .languages && $0.field != "languages" }
        guard case .story(_, _, _, let readings, _) = slides["vattarna"]?.slide.content else {
            Issue.record("vattarna is not a story")
            return
        }
        #expect(labels.map(\.language) == readings.map(\.language))
        #expect(labels.contains { $0.direction == .rtl } == readings.contains { $0.language == "ar" })
    }

    @Test("images are recorded with their visible box; an offer's image bleeds to the edge")
    func images() throws {
        let composer = SlideComposer(profile: .standard)
        let offer = try #require(try demo()["lordagsbrod"])
        let layout = try composer.compose(offer, language: "sv").layout
        let image = try #require(layout.images.first)
        #expect(image.bleed && image.box.x == 0)
    }

    @Test("reading rates follow the script most letters are in")
    func rates() {
        #expect(ReadingTime.rate(for: "Öppet i jul").perSecond == 3)
        #expect(ReadingTime.rate(for: "مفتوح في عيد الميلاد").perSecond == 2)
        #expect(ReadingTime.rate(for: "ክፉት ኣብ ልደት").perSecond == 2)
        let chinese = ReadingTime.rate(for: "圣诞节营业")
        #expect(chinese.countsCharacters && chinese.perSecond == 4)
        #expect(ReadingTime.units(in: "圣诞节营业", rate: chinese) == 5)
        #expect(ReadingTime.units(in: "Öppet i jul – 9–19 !", rate: ReadingTime.rate(for: "a")) == 4)
    }
}
