import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// A hostile medium costs at most itself: sizes are read from headers and capped before any
/// decode, SVGs cannot smuggle large rasters in, and only regular files are opened.
@Suite("Media are bounded before any decode", .serialized)
struct MediaBoundsTests {
    /// The loader's verdict on `data` written as `name` in a fresh folder.
    func verdict(_ data: Data, name: String) throws -> MediaError.Code? {
        let folder = TemporaryFolder()
        let file = folder.file(name)
        try data.write(to: file)
        do {
            _ = try ImageCheck.decodedSize(of: file)
            return nil
        } catch {
            #expect(error.path == file.path, "the error names the file")
            return error.code
        }
    }

    @Test(
        "a PNG whose header says 30000x30000 is refused by its header, colour or greyscale", arguments: [false, true])
    func hugePNG(greyscale: Bool) throws {
        let code = try verdict(HostileMedia.png(width: 30000, height: 30000, greyscale: greyscale), name: "huge.png")
        #expect(code == .tooManyPixels(width: 30000, height: 30000, limit: ImageCheck.maxPixels))
    }

    @Test("a JPEG whose header says 60000x60000 is refused by its header")
    func hugeJPEG() throws {
        let code = try verdict(HostileMedia.jpeg(width: 60000, height: 60000), name: "huge.jpg")
        #expect(code == .tooManyPixels(width: 60000, height: 60000, limit: ImageCheck.maxPixels))
    }

    @Test("a WebP whose header says 60000x60000 (extended) or 16384x16384 (lossless) is refused by its header")
    func hugeWebP() throws {
        let extended = try verdict(HostileMedia.webpExtended(width: 60000, height: 60000), name: "huge.webp")
        #expect(extended == .tooManyPixels(width: 60000, height: 60000, limit: ImageCheck.maxPixels))
        let lossless = try verdict(HostileMedia.webpLossless(width: 16384, height: 16384), name: "huge.webp")
        #expect(lossless == .tooManyPixels(width: 16384, height: 16384, limit: ImageCheck.maxPixels))
    }

    @Test("a strip longer than the side cap is refused though its pixels are few")
    func longSide() throws {
        let code = try verdict(HostileMedia.png(width: 20000, height: 2), name: "strip.png")
        #expect(code == .tooManyPixels(width: 20000, height: 2, limit: ImageCheck.maxPixels))
    }

    @Test("bytes that are no PNG, JPEG or WebP, or a damaged header, are refused without a decoder")
    func notAnImage() throws {
        #expect(try verdict(Data("GIF89a and more".utf8), name: "fake.png") == .notAnImage)
        let png = HostileMedia.png(width: 10, height: 10)
        #expect(try verdict(png.prefix(20), name: "cut.png") == .unreadableHeader)
    }

    @Test("a small whole PNG still decodes, at its header's size")
    func smallPNG() throws {
        #expect(try verdict(HostileMedia.solidPNG(width: 8, height: 6, rgb: 0xDC1E1E), name: "ok.png") == nil)
    }
}
