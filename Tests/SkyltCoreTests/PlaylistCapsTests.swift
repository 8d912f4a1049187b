import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("A playlist has caps on slides, languages and schedule windows")
struct PlaylistCapsTests {
    func read(_ slides: [String]) -> [Problem] {
        let folder = PlaylistFixture.make(slides: slides)
        return withExtendedLifetime(folder) { PlaylistReader.read(folder: folder.url).problems }
    }

    func notices(_ count: Int, schedule: String = "") -> [String] {
        (0..<count).map { #"{"id": "n\#($0)", "template": "notice", "title": "T", "body": "B"\#(schedule)}"# }
    }

    /// `count` daily windows of ten minutes, one every quarter of an hour from midnight.
    func windows(_ count: Int) -> String {
        let times = (0..<count).map { index -> String in
            let from = index * 15 % (24 * 60)
            let to = from + 10
            let text = { (minutes: Int) in String(format: "%02d:%02d", minutes / 60, minutes % 60) }
            return #"{"from": "\#(text(from))", "to": "\#(text(to))"}"#
        }
        return #", "schedule": {"times": [\#(times.joined(separator: ", "))]}"#
    }

    @Test("a playlist of more slides than the cap is refused at 'slides'; one at the cap passes")
    func slideCap() {
        let cap = PlaylistReader.maxSlidesPerPlaylist
        #expect(read(notices(cap)) == [])
        let problems = read(notices(cap + 1))
        #expect(problems.map(\.code) == [.tooManySlides])
        #expect(problems.first?.field == "slides")
    }

    @Test("a text, a slide or a story with more languages than the cap is refused")
    func languageCap() {
        let cap = PlaylistReader.maxLanguagesPerSlide
        // Swedish, then the valid codes "aa", "ab" … "dz".
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let codes = ["sv"] + (0..<(2 * cap)).map { String([letters[$0 / 26], letters[$0 % 26]]) }
        func object(_ languages: ArraySlice<String>) -> String {
            "{" + languages.map { #""\#($0)": "x""# }.joined(separator: ", ") + "}"
        }
        let many = #"{"id": "m", "template": "notice", "title": \#(object(codes[0...cap])), "body": "B"}"#
        let text = read([many])
        #expect(text.map(\.code) == [.tooManyLanguages] && text.first?.field == "slides[0].title")
        // Each text within the cap, the two together beyond it.
        let half = cap / 2 + 1
        let title = object(codes[0..<half])
        let body = object(["sv"] + codes[half..<(2 * half)])
        let slide = read([#"{"id": "m", "template": "notice", "title": \#(title), "body": \#(body)}"#])
        #expect(slide.map(\.code) == [.tooManyLanguages] && slide.first?.field == "slides[0]")
        #expect(slide.first?.slide == "m")
        let readings = codes[0...cap].map { #"{"language": "\#($0)", "url": "https://example.se", "label": "L"}"# }
        let story = #"""
            {"id": "s", "template": "story", "title": "T", "author": "A", "image": "media/berattelse.svg",
             "readings": [\#(readings.joined(separator: ", "))]}
            """#
        let stories = read([story])
        #expect(stories.map(\.code) == [.tooManyLanguages] && stories.first?.field == "slides[0].readings")
    }

    @Test("a schedule of more windows than the cap is refused on its 'times'; one at the cap passes")
    func windowCapPerSchedule() {
        let cap = PlaylistReader.maxWindowsPerSchedule
        #expect(read(notices(1, schedule: windows(cap))) == [])
        let problems = read(notices(1, schedule: windows(cap + 1)))
        #expect(problems.map(\.code) == [.tooManyWindows])
        #expect(problems.first?.field == "slides[0].schedule.times")
        #expect(problems.first?.slide == "n0")
    }

    @Test("slides that list more windows in all than the playlist's cap are refused at 'slides'")
    func windowCapPerPlaylist() {
        let perSlide = PlaylistReader.maxWindowsPerSchedule
        let slides = PlaylistReader.maxWindowsPerPlaylist / perSlide + 1
        let problems = read(notices(slides, schedule: windows(perSlide)))
        #expect(problems.map(\.code) == [.tooManyWindows])
        #expect(problems.first?.field == "slides")
    }
}
