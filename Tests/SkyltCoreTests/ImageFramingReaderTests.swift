import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("Reading an image's focus and fit")
struct ImageFramingReaderTests {
    /// Reads one info slide with `fields` added; its framing and the problems found.
    func read(_ fields: String, template: String = "info") -> (ImageFraming?, [Problem], String) {
        let body =
            template == "event"
            ? #""title": "T", "starts": "2026-12-12T11:00:00+01:00", "place": "P""#
            : template == "poster"
                ? #""image": "media/affisch.svg""# : #""title": "T", "body": "B", "image": "media/karta.svg""#
        let folder = PlaylistFixture.make(slides: [#"{"id": "a", "template": "\#(template)", \#(body), \#(fields)}"#])
        let reading = PlaylistReader.read(folder: folder.url)
        return (reading.playlist?.slides.first?.imageFraming, reading.problems, folder.file(Playlist.fileName).path)
    }

    @Test("focus and fit are read into the slide; without them the image is centred in the template's fit")
    func read() {
        #expect(
            read(#""focus": [0.25, 1], "fit": "contain""#).0 == ImageFraming(focus: .init(x: 0.25, y: 1), fit: .contain)
        )
        #expect(read(#""fit": "cover""#, template: "poster").0 == ImageFraming(fit: .cover))
        #expect(read(#""duration": 10"#).0 == .standard)
        #expect(ImageFraming.standard.focus == FocusPoint(x: 0.5, y: 0.5) && ImageFraming.standard.fit == nil)
    }

    @Test(
        "a wrong focus or fit names the file, the slide and the field",
        arguments: [
            (#""focus": [1.5, 0.5]"#, "slides[0].focus[0]", "must be between 0 and 1"),
            (#""focus": [0.5, -0.1]"#, "slides[0].focus[1]", "must be between 0 and 1"),
            (#""focus": [0.5, "top"]"#, "slides[0].focus[1]", "expected a number"),
            (#""focus": [0.5]"#, "slides[0].focus", "expected two numbers"),
            (#""focus": "centre""#, "slides[0].focus", "expected an array"),
            (#""fit": "stretch""#, "slides[0].fit", "'stretch' is not one of 'cover', 'contain'"),
            (#""fit": true"#, "slides[0].fit", "expected a string"),
        ])
    func wrong(fields: String, field: String, message: String) {
        let (_, problems, file) = read(fields)
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.file == file)
        #expect(problems.first?.slide == "a")
        #expect(problems.first?.field == field)
        #expect(problems.first?.message.contains(message) == true, "\(problems)")
    }

    @Test("focus and fit on an event without an image are reported, not ignored")
    func eventWithoutImage() {
        let problems = read(#""focus": [0.5, 0.2], "fit": "contain""#, template: "event").1
        #expect(problems.map(\.field) == ["slides[0].fit", "slides[0].focus"])
        #expect(problems.allSatisfy { $0.message.contains("no 'image'") })
    }

    @Test("templates without an image do not take focus or fit")
    func notice() {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "a", "template": "notice", "title": "T", "body": "B", "focus": [0, 0]}"#
        ])
        let problems = PlaylistReader.read(folder: folder.url).problems
        #expect(problems.map(\.field) == ["slides[0].focus"])
        #expect(problems.first?.message == "unknown field")
    }
}
