import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("Images: PNG, JPEG and WebP through SDL2_image, SVG through librsvg", .serialized)
struct MediaTests {
    func poster(_ image: String, folder: TemporaryFolder) throws -> ProgramSlide {
        ProgramSlide(
            slide: Slide(
                id: "p", durationSeconds: 10,
                content: .poster(image: folder.file(image), caption: nil, qr: nil)),
            channel: "test", defaultLanguage: "sv", theme: .standard, timeZone: .gmt)
    }

    /// The bounding box of pixels close to `color` (0xRRGGBB).
    func boundingBox(of color: UInt32, in frame: Frame) -> (minX: Int, minY: Int, maxX: Int, maxY: Int)? {
        var box: (Int, Int, Int, Int)?
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let pixel = frame.pixel(x: x, y: y)
                let close = [16, 8, 0].allSatisfy { shift in
                    abs(Int((pixel >> UInt32(shift)) & 0xFF) - Int((color >> UInt32(shift)) & 0xFF)) < 40
                }
                guard close else { continue }
                box = box.map { (min($0.0, x), min($0.1, y), max($0.2, x), max($0.3, y)) } ?? (x, y, x, y)
            }
        }
        return box
    }

    @Test("JPEG and WebP decode, keep their aspect and colours", arguments: ["media/halves.jpg", "media/halves.webp"])
    func rasters(image: String) throws {
        let folder = PlaylistFixture.make(slides: [])
        let profile = DisplayProfile.standard.resized(width: 400, height: 300)
        let frame = try SlideComposer(profile: profile).compose(poster(image, folder: folder), language: "sv").frame
        // A 64x32 picture fitted into 400x300 is 400x200, centred: red left half, blue right half.
        let red = try #require(boundingBox(of: 0xDC1E1E, in: frame))
        let blue = try #require(boundingBox(of: 0x1E3CDC, in: frame))
        // JPEG is lossy and subsamples colour, so its edges may blur by a few pixels.
        let slack = image.hasSuffix(".jpg") ? 8 : 2
        #expect(abs(red.minX - 0) <= slack && abs(red.maxX - 199) <= slack)
        #expect(abs(blue.minX - 200) <= slack && abs(blue.maxX - 399) <= slack)
        #expect(abs(red.minY - 50) <= slack && abs(red.maxY - 249) <= slack)
        #expect(abs(blue.minY - 50) <= slack && abs(blue.maxY - 249) <= slack)
    }

    @Test("a PNG written by the composer reads back and draws")
    func png() throws {
        let folder = PlaylistFixture.make(slides: [])
        let source = SlideComposer(profile: DisplayProfile.standard.resized(width: 300, height: 300))
            .composeNoContent(kioskName: "x", addresses: [], version: "1", language: "sv")
        try source.writePNG(to: folder.file("media/shot.png"))
        let frame = try SlideComposer(profile: DisplayProfile.standard.resized(width: 600, height: 300)).compose(
            poster("media/shot.png", folder: folder), language: "sv"
        ).frame
        // The square picture is fitted into the middle: the left and right bands show the theme.
        #expect(frame.pixel(x: 10, y: 150) == frame.pixel(x: 590, y: 150))
        // Its accent bar, along the top of the picture, shows in the middle only.
        #expect(frame.pixel(x: 300, y: 1) != frame.pixel(x: 10, y: 1))
    }

    @Test("an unreadable image fails its slide with the field and the file named")
    func broken() throws {
        let folder = PlaylistFixture.make(slides: [])
        #expect {
            try SlideComposer(profile: .standard).compose(poster("media/broken.png", folder: folder), language: "sv")
        } throws: { error in
            guard let error = error as? ComposeError else { return false }
            return error.field == "image" && error.reason.contains("broken.png")
        }
    }

    @Test("an SVG renders at the size of its box")
    func svg() throws {
        let folder = PlaylistFixture.make(slides: [])
        let frame = try SlideComposer(profile: DisplayProfile.standard.resized(width: 800, height: 800)).compose(
            poster("media/karta.svg", folder: folder), language: "sv"
        ).frame
        // karta.svg's lake (#6FA8DC) sits in the middle of the 800x800 map.
        let lake = try #require(boundingBox(of: 0x6FA8DC, in: frame))
        #expect(lake.minX > 150 && lake.maxX < 660 && lake.minY > 150 && lake.maxY < 640)
    }
}
