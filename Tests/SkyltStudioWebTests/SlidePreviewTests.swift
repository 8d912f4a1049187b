import Foundation
import SkyltCompose
import SkyltCore
import SkyltStudioWeb
import Synchronization
import Testing

@Suite("studio web: the slide editor's exact preview and its problems at fields")
struct SlidePreviewTests {
    typealias F = PreviewFixtures

    @Test("the demo's notice at two sizes in two languages gives four PNGs of the scaled size, differing by language")
    func noticeInTwoSizesAndLanguages() throws {
        let previewer = SlidePreviewer()
        let request = try F.request(
            F.slide("vattenavstangning"), sizes: [F.landscape, F.portrait], languages: ["sv", "en"])
        let result = previewer.preview(request, owner: 7, language: .sv)
        #expect(!result.hasErrors, "\(result.problems)")
        #expect(result.images.map(\.language) == ["sv", "en", "sv", "en"])
        var pngs: [String: Data] = [:]
        for image in result.images {
            let png = try #require(previewer.png(at: image.url, owner: 7))
            let frame = try F.decode(png)
            let longest = SlidePreviewer.maxPreviewSide
            #expect((frame.width, frame.height) == (image.width > image.height ? (longest, 540) : (540, longest)))
            #expect((frame.width, frame.height) == (image.pixelWidth, image.pixelHeight))
            pngs["\(image.width)x\(image.height).\(image.language)"] = png
        }
        #expect(pngs["1920x1080.sv"] != pngs["1920x1080.en"])
        #expect(pngs["1080x1920.sv"] != pngs["1080x1920.en"])
        #expect(result.images[0].caption == "1920×1080, svenska")
        #expect(result.images[1].alt.contains("förminskad till 960×540"))
        let english = previewer.preview(request, owner: 7, language: .en)
        #expect(english.images[3].caption == "1080×1920, English")
    }

    @Test("an Arabic title and body render right to left without problems")
    func arabic() throws {
        var slide = try F.slide("vattenavstangning")
        slide["title"] = .object(["sv": .string("Vattnet stängs av"), "ar": .string("سيتم قطع المياه يوم الثلاثاء")])
        slide["body"] = .object([
            "sv": .string("Tappa upp vatten i förväg."),
            "ar": .string("يرجى تخزين الماء مسبقاً. توجد شاحنة مياه عند المتجر."),
        ])
        slide["issuer"] = nil
        slide["qr"] = nil
        let previewer = SlidePreviewer()
        let result = previewer.preview(try F.request(slide, languages: ["sv", "ar"]), owner: 1, language: .en)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.images.map(\.language) == ["sv", "ar"])
        #expect(result.images[1].caption == "1920×1080, Arabic")
        let pngs = try result.images.map { try #require(previewer.png(at: $0.url, owner: 1)) }
        #expect(pngs[0] != pngs[1])
    }

    @Test("a title of 400 characters is an error at title.sv, in the page's language")
    func titleTooLong() throws {
        var slide = try F.slide("vattenavstangning")
        let long = String(repeating: "Vattnet stängs av i hela byn ", count: 14).prefix(400)
        slide["title"] = .object(["sv": .string(String(long)), "en": .string("Water shut off")])
        let request = try F.request(slide, sizes: [F.landscape, F.portrait], languages: ["sv", "en"])
        let swedish = SlidePreviewer().preview(request, owner: 1, language: .sv)
        let errors = swedish.problems(at: "title.sv").filter { !$0.isWarning }
        let error = try #require(errors.first, "\(swedish.problems)")
        #expect(error.message.contains("Korta den"))
        #expect(swedish.problems(at: "title.en").allSatisfy { $0.isWarning })
        #expect(swedish.images.filter { $0.language == "sv" }.isEmpty)
        let english = SlidePreviewer().preview(request, owner: 1, language: .en)
        #expect(english.problems(at: "title.sv").contains { !$0.isWarning && $0.message.contains("Shorten it") })
    }

    @Test("a QR link of 1500 characters is an error at qr.url")
    func qrTooLong() throws {
        var slide = try F.slide("vattenavstangning")
        let url = "https://kommun.example.org/" + String(repeating: "a", count: 1500 - 27)
        slide["qr"] = .object(["url": .string(url), "label": .object(["sv": .string("Mer")])])
        let result = SlidePreviewer().preview(try F.request(slide), owner: 1, language: .sv)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.field == "qr.url")
        #expect(result.problems.first?.isWarning == false)
        #expect(result.problems.first?.message.contains("högst 512 tecken") == true)
        #expect(result.images.isEmpty)
    }

    @Test("a missing required field is an error at that field; a missing image at the image field")
    func missingFields() throws {
        var notice = try F.slide("vattenavstangning")
        notice["body"] = nil
        let result = SlidePreviewer().preview(try F.request(notice), owner: 1, language: .en)
        #expect(result.problems == [FieldProblem(field: "body", message: "Fill in this field.", isWarning: false)])
        let info = try F.slide("vandringsled")
        var request = try F.request(info)
        request.media = [:]
        let missing = SlidePreviewer().preview(request, owner: 1, language: .sv)
        #expect(missing.problems(at: "image").map(\.message) == ["Bilden saknas. Ladda upp den igen."])
    }

    @Test("a slide shown too briefly to be read gets a warning, not an error, with what to cut")
    func readingTime() throws {
        var slide = try F.slide("vattenavstangning")
        slide["duration"] = .number(3)
        let result = SlidePreviewer().preview(try F.request(slide, languages: ["sv", "en"]), owner: 1, language: .sv)
        #expect(!result.hasErrors)
        #expect(result.images.count == 2)
        let warnings = result.problems.filter(\.isWarning)
        #expect(warnings.map(\.field).sorted() == ["body.en", "body.sv"])
        #expect(warnings.allSatisfy { $0.message.contains("visas i 3 sekunder") && $0.message.contains("ord") })
    }

    @Test("sizes beyond a screen's are not drawn, and at most four sizes and eight languages are")
    func bounds() throws {
        var slide = try F.slide("vattenavstangning")
        let codes = ["sv", "en", "de", "fi", "uk", "ar", "fa", "ti", "so", "pl"]
        slide["title"] = .object(Dictionary(uniqueKeysWithValues: codes.map { ($0, JSONValue.string("Vatten")) }))
        slide["body"] = .string("Tappa upp vatten i förväg.")
        slide["issuer"] = nil
        slide["qr"] = nil
        let huge = ScreenSize(width: 100_000, height: 100_000)
        let sizes = [huge] + (0..<6).map { ScreenSize(width: 1280 + $0, height: 720) }
        let previewer = SlidePreviewer()
        let bySize = previewer.preview(try F.request(slide, sizes: sizes, languages: ["sv"]), owner: 1, language: .sv)
        #expect(!bySize.hasErrors, "\(bySize.problems)")
        #expect(bySize.images.map(\.width) == [1280, 1281, 1282, 1283])
        let byLanguage = previewer.preview(try F.request(slide, languages: codes), owner: 1, language: .sv)
        #expect(byLanguage.images.map(\.language) == Array(codes.prefix(SlidePreviewer.maxLanguages)))
        let only = previewer.preview(try F.request(slide, sizes: [huge], languages: ["sv"]), owner: 1, language: .sv)
        #expect(only.images.map(\.width) == [1920, 1080])
    }

    @Test("previews rendered from several threads at once are the same bytes as one after another")
    func concurrentRendering() throws {
        let previewer = SlidePreviewer()
        let requests = try ["vattenavstangning", "vandringsled", "julmarknad", "wifi"].map {
            try F.request(F.slide($0), languages: ["sv", "en"])
        }
        let serial = try requests.map { request in
            try previewer.preview(request, owner: 1, language: .sv).images.map {
                try #require(previewer.png(at: $0.url, owner: 1))
            }
        }
        let parallel = Parallel(count: requests.count)
        DispatchQueue.concurrentPerform(iterations: requests.count) { index in
            let images = previewer.preview(requests[index], owner: 1, language: .sv).images
            parallel.set(index, images.compactMap { previewer.png(at: $0.url, owner: 1) })
        }
        #expect(serial.allSatisfy { !$0.isEmpty })
        #expect(parallel.values == serial)
    }
}

/// Results written from `concurrentPerform`'s threads.
final class Parallel: Sendable {
    private let stored: Mutex<[[Data]]>

    init(count: Int) { stored = Mutex(Array(repeating: [], count: count)) }

    func set(_ index: Int, _ value: [Data]) { stored.withLock { $0[index] = value } }

    var values: [[Data]] { stored.withLock { $0 } }
}
