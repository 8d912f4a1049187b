import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// An SVG cannot carry a raster larger than the player decodes, whatever size it is drawn at:
/// its `data:` images are checked by their headers before librsvg loads it, and it follows no
/// reference to other files.
@Suite("SVG media are bounded by what they embed", .serialized)
struct SVGEmbedTests {
    func code(_ svg: Data, in folder: TemporaryFolder = TemporaryFolder()) throws -> MediaError.Code? {
        let file = folder.file("bild.svg")
        try svg.write(to: file)
        do {
            _ = try ImageCheck.decodedSize(of: file)
            return nil
        } catch {
            return error.code
        }
    }

    /// Composes a poster of `name` (in `folder`) at 400x300.
    func frame(_ name: String, in folder: TemporaryFolder) throws -> Frame {
        let slide = ProgramSlide(
            slide: Slide(
                id: "p", durationSeconds: 10, content: .poster(image: folder.file(name), caption: nil, qr: nil)),
            channel: "test", defaultLanguage: "sv", theme: .standard, timeZone: .gmt)
        return try SlideComposer(profile: DisplayProfile.standard.resized(width: 400, height: 300)).compose(
            slide, language: "sv"
        ).frame
    }

    /// Pixels of `frame` close to pure red.
    func redPixels(_ frame: Frame) -> Int {
        var count = 0
        for y in stride(from: 0, to: frame.height, by: 4) {
            for x in stride(from: 0, to: frame.width, by: 4) {
                let pixel = frame.pixel(x: x, y: y)
                if (pixel >> 16 & 0xFF) > 200, (pixel >> 8 & 0xFF) < 40, (pixel & 0xFF) < 40 { count += 1 }
            }
        }
        return count
    }

    @Test(
        "a 30000x30000 PNG in a data: URI is refused, through href and through xlink:href",
        arguments: ["href", "xlink:href"])
    func embeddedHugePNG(attribute: String) throws {
        let svg = HostileMedia.svgEmbedding([HostileMedia.png(width: 30000, height: 30000)], attribute: attribute)
        #expect(try code(svg) == .embeddedImageTooLarge(width: 30000, height: 30000, limit: ImageCheck.maxPixels))
    }

    @Test("a JPEG claiming 60000x60000 behind a data: URI in an feImage is refused")
    func embeddedFilterImage() throws {
        let uri = "data:image/jpeg;base64," + HostileMedia.jpeg(width: 60000, height: 60000).base64EncodedString()
        let svg = HostileMedia.svg(
            #"<filter id="f"><feImage xlink:href="\#(uri)"/></filter><rect width="10" height="10" filter="url(#f)"/>"#)
        #expect(try code(svg) == .embeddedImageTooLarge(width: 60000, height: 60000, limit: ImageCheck.maxPixels))
    }

    @Test("embedded images each within the cap are refused when together they are over it")
    func embeddedTogether() throws {
        let image = HostileMedia.png(width: 5000, height: 5000)
        #expect(
            try code(HostileMedia.svgEmbedding([image, image]))
                == .embeddedImagesTooLarge(
                    pixels: 50_000_000, limit: ImageCheck.maxPixels))
    }

    @Test("a data: URI that is no PNG, JPEG or WebP, or one given through an entity, is refused")
    func embeddedUnreadable() throws {
        let gif = HostileMedia.svgEmbedding([Data("GIF89a".utf8)], type: "image/gif")
        #expect(try code(gif) == .embeddedImageUnreadable)
        let uri = "data:image/png;base64," + HostileMedia.png(width: 30000, height: 30000).base64EncodedString()
        let inAttribute = HostileMedia.svg(
            #"<image width="400" height="300" href="&bild;"/>"#,
            doctype: #"<!DOCTYPE svg [<!ENTITY bild "\#(uri)">]>"#)
        #expect(try code(inAttribute) == .embeddedImageUnreadable)
        let asElement = HostileMedia.svg(
            "&bild;", doctype: #"<!DOCTYPE svg [<!ENTITY bild "<image width='400' height='300' href='\#(uri)'/>">]>"#)
        #expect(try code(asElement) == .embeddedImageUnreadable)
    }

    @Test("an SVG whose intrinsic size is over the side cap is refused")
    func intrinsicSize() throws {
        let svg = HostileMedia.svg(#"<rect width="10" height="10"/>"#, size: #"width="100000" height="100000""#)
        #expect(
            try code(svg) == .svgTooLarge(width: 100_000, height: 100_000, limit: ImageCheck.maxSidePixels))
    }

    @Test("a small embedded PNG is drawn; a reference to a file beside the SVG is not followed")
    func embeddedDrawnExternalIgnored() throws {
        let folder = TemporaryFolder()
        let red = HostileMedia.solidPNG(width: 8, height: 6, rgb: 0xFF0000)
        try HostileMedia.svgEmbedding([red]).write(to: folder.file("inne.svg"))
        #expect(redPixels(try frame("inne.svg", in: folder)) > 1000, "the embedded picture fills the poster")

        try red.write(to: folder.file("rod.png"))
        try HostileMedia.svg(#"<image x="0" y="0" width="400" height="300" href="rod.png"/>"#)
            .write(to: folder.file("ute.svg"))
        #expect(redPixels(try frame("ute.svg", in: folder)) == 0, "rod.png beside the SVG is not loaded")
    }
}
