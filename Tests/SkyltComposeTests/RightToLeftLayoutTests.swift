import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// Arabic and Persian slides mirror the grid: text on the right, image and code on the left.
@Suite("Right-to-left slides mirror the grid", .serialized)
struct RightToLeftLayoutTests {
    /// The demo's slides with an Arabic text beside every Swedish one.
    func arabicDemo() throws -> [ProgramSlide] {
        let playlist = try #require(PlaylistReader.read(folder: Repository.demoPlaylist).playlist)
        return Program(playlists: [(channel: "demo", playlist: playlist)]).slides.map { entry in
            var entry = entry
            entry.slide.content = Self.withArabic(entry.slide.content)
            return entry
        }
    }

    static func ar(_ text: LocalizedText) -> LocalizedText {
        var copy = text
        copy.translations["ar"] = "المشي حول بحيرة أنغشون في الغابة"
        return copy
    }

    static func ar(_ link: QRLink?) -> QRLink? {
        link.map { QRLink(url: $0.url, label: $0.label.map { _ in LocalizedText(["ar": "مزيد من المعلومات"]) }) }
    }

    static func withArabic(_ content: SlideContent) -> SlideContent {
        switch content {
        case .info(let title, let body, let image, let qr):
            .info(title: ar(title), body: ar(body), image: image, qr: ar(qr))
        case .notice(let title, let body, let qr, let issuer):
            .notice(title: ar(title), body: ar(body), qr: ar(qr), issuer: issuer.map(ar))
        case .event(let title, let starts, let ends, let place, let description, let image, let qr, let organiser):
            .event(
                title: ar(title), starts: starts, ends: ends, place: ar(place), description: description.map(ar),
                image: image, qr: ar(qr), organiser: organiser.map(ar))
        case .wifi(let title, let ssid, let password, let security, let hidden):
            .wifi(title: title.map(ar), ssid: ssid, password: password, security: security, hidden: hidden)
        default: content
        }
    }

    @Test("codes and images of an Arabic slide mirror those of the Swedish one; its text aligns right")
    func mirrored() throws {
        for (width, height) in [(1920, 1080), (1080, 1920)] {
            let composer = SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height))
            var checked = 0
            for slide in try arabicDemo() {
                guard case .info = slide.slide.content else {
                    guard case .wifi = slide.slide.content else { continue }
                    try check(slide, composer, width: Double(width))
                    checked += 1
                    continue
                }
                try check(slide, composer, width: Double(width))
                checked += 1
            }
            #expect(checked == 2)
        }
    }

    func check(_ slide: ProgramSlide, _ composer: SlideComposer, width: Double) throws {
        let ltr = try composer.compose(slide, language: "sv").layout
        let rtl = try composer.compose(slide, language: "ar").layout
        #expect(rtl.direction == .rtl)
        #expect(ltr.codes.count == rtl.codes.count && ltr.images.count == rtl.images.count)
        for (left, right) in zip(ltr.codes.map(\.symbolRect), rtl.codes.map(\.symbolRect)) {
            #expect(abs(right.x - (width - left.maxX)) <= 1 && right.y == left.y, "\(slide.slide.id): \(left) \(right)")
        }
        for (left, right) in zip(ltr.images.map(\.box), rtl.images.map(\.box)) {
            #expect(abs(right.x - (width - left.maxX)) <= 1 && right.width == left.width, "\(slide.slide.id)")
        }
        // Start-aligned Arabic text ends at its box's right edge and leaves the left side free.
        let title = try #require(rtl.texts.first { $0.role == .title })
        #expect(title.language == "ar" && title.direction == .rtl)
        #expect(title.box.maxX - title.inkRect.maxX < title.inkRect.x - title.box.x, "\(slide.slide.id)")
        let swedish = try #require(ltr.texts.first { $0.role == .title })
        if width > 1080 {
            #expect(title.box.x > width / 2 - title.box.width / 2 || title.box.maxX > swedish.box.maxX)
        }
    }
}
