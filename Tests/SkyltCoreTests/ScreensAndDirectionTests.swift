import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("A playlist's screens, and which way languages run")
struct ScreensAndDirectionTests {
    func read(_ extra: String) -> PlaylistReading {
        let folder = PlaylistFixture.make(
            slides: [#"{"id": "a", "template": "notice", "title": "T", "body": "B"}"#], extra: extra)
        return PlaylistReader.read(folder: folder.url)
    }

    @Test("without screens, a playlist is shown at 1920x1080 and 1080x1920")
    func defaults() {
        let reading = read("")
        #expect(reading.problems == [])
        #expect(reading.playlist?.screens == [.init(width: 1920, height: 1080), .init(width: 1080, height: 1920)])
    }

    @Test("screens lists the sizes to check")
    func declared() {
        let reading = read(#""screens": ["1080x1920", "3840X2160"],"#)
        #expect(reading.problems == [])
        #expect(reading.playlist?.screens == [.init(width: 1080, height: 1920), .init(width: 3840, height: 2160)])
    }

    @Test("a bad size names its place in screens", arguments: [#""1920""#, #""10x10""#, "1920", #""axb""#])
    func badSize(value: String) {
        let problems = read(#""screens": ["1280x720", \#(value)],"#).problems
        #expect(problems.map(\.field) == ["screens[1]"], "\(problems)")
        #expect(problems.first?.message.contains("1920x1080") == true)
    }

    @Test("an empty or non-list screens is a problem on screens")
    func emptyOrWrongType() {
        #expect(read(#""screens": [],"#).problems.map(\.field) == ["screens"])
        #expect(read(#""screens": "1920x1080","#).problems.map(\.field) == ["screens"])
    }

    @Test("Arabic, Persian, Hebrew, Urdu, Pashto and Sorani run right to left; others left to right")
    func direction() {
        for code in ["ar", "fa", "he", "ur", "ps", "ckb", "fa-IR"] { #expect(LanguageCode.direction(code) == .rtl) }
        for code in ["sv", "en", "ti", "uk", "zxx", "arn"] { #expect(LanguageCode.direction(code) == .ltr) }
    }
}
