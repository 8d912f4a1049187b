import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("An image's focus survives the crop on the screen", .serialized)
struct ImageFocusRenderingTests {
    /// A square grey picture with a magenta disc near its top right corner, at (820, 80) of 900.
    static let markedSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" width="900" height="900" viewBox="0 0 900 900">
          <rect width="900" height="900" fill="#808080"/>
          <circle cx="820" cy="80" r="40" fill="#FF00FF"/>
        </svg>
        """

    /// The info slide with the marked picture, read from a playlist with `framing` fields,
    /// composed at `width` x `height`.
    func compose(_ framing: String, width: Int, height: Int, poster: Bool = false) throws -> Composition {
        let fields =
            poster
            ? #""template": "poster", "image": "media/mark.svg""#
            : #""template": "info", "title": "Ängsjön", "body": "Sju kilometer led.", "image": "media/mark.svg""#
        let folder = PlaylistFixture.make(slides: [#"{"id": "a", \#(fields) \#(framing)}"#])
        folder.write("media/mark.svg", Self.markedSVG)
        let (program, problems) = PlaylistFixture.program(folder)
        #expect(problems == [])
        let slide = try #require(program.slides.first)
        let composer = SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height))
        // Composed while the folder (deleted with its value) still holds the picture.
        return try composer.compose(slide, language: "sv")
    }

    /// How many pixels of the frame are (close to) magenta.
    func markPixels(_ frame: Frame) -> Int {
        var count = 0
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let pixel = frame.pixel(x: x, y: y)
                let (r, g, b) = ((pixel >> 16) & 0xFF, (pixel >> 8) & 0xFF, pixel & 0xFF)
                if r > 200 && g < 60 && b > 200 { count += 1 }
            }
        }
        return count
    }

    static let sizes = [(1920, 1080), (1080, 1920)]

    @Test("with the focus on the mark, the whole mark shows in landscape and portrait", arguments: sizes)
    func focused(width: Int, height: Int) throws {
        let composed = try compose(#", "focus": [0.911, 0.089]"#, width: width, height: height)
        // The disc is 80 image px across; the crop scales the picture by about 1.2.
        let disc = Double.pi * 40 * 40 * 1.2 * 1.2
        #expect(Double(markPixels(composed.frame)) > disc * 0.9, "\(width)x\(height)")
    }

    @Test("without a focus the centred crop cuts the mark off in landscape and portrait", arguments: sizes)
    func centred(width: Int, height: Int) throws {
        let composed = try compose("", width: width, height: height)
        #expect(markPixels(composed.frame) == 0, "\(width)x\(height)")
    }

    @Test("fit contain shows the mark too, with the whole picture on its soft extension")
    func contain() throws {
        let composed = try compose(#", "fit": "contain""#, width: 1080, height: 1920)
        #expect(markPixels(composed.frame) > 0)
        // The band across the top is wider than the square picture: beside it, not the slide's
        // own background but the darkened grey of the picture.
        let image = try imageBox(composed)
        #expect(image.width < 1080 && image.x > 10)
        let beside = composed.frame.pixel(x: 5, y: Int(image.y + image.height / 2))
        let grey = (beside >> 8) & 0xFF
        #expect(grey > 40 && grey < 100 && (beside >> 16) & 0xFF == grey, "\(String(beside, radix: 16))")
    }

    /// The box of the composition's one image.
    func imageBox(_ composed: Composition) throws -> Rect {
        try #require(
            composed.layout.elements.compactMap { element -> Rect? in
                if case .image(let placed) = element { return placed.box }
                return nil
            }.first)
    }

    @Test("a poster beside its caption stays whole under fit cover; alone, cover fills the screen", arguments: sizes)
    func posterCover(width: Int, height: Int) throws {
        let caption = #", "caption": "Fri entré.""#
        let whole = try imageBox(compose(caption, width: width, height: height, poster: true))
        let covered = try imageBox(compose(caption + #", "fit": "cover""#, width: width, height: height, poster: true))
        #expect(covered == whole)
        #expect(abs(whole.width - whole.height) < 1, "the square picture keeps its shape: \(whole)")
        let alone = try imageBox(compose(#", "fit": "cover""#, width: width, height: height, poster: true))
        #expect(alone == Rect(x: 0, y: 0, width: Double(width), height: Double(height)))
    }
}
