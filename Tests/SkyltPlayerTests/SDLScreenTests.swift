import Foundation
import SkyltCompose
import SkyltCore
import SkyltPlayer
import SkyltTestSupport
import XCTest

/// The SDL screen on SDL's dummy video driver. XCTest runs these on the main thread, as SDL
/// requires.
final class SDLScreenTests: XCTestCase {
    let profile = DisplayProfile.standard.resized(width: 320, height: 180)

    func frames() throws -> (red: Frame, plain: Frame) {
        let folder = PlaylistFixture.make(slides: [])
        let slide = ProgramSlide(
            slide: Slide(
                id: "p", durationSeconds: 10,
                content: .poster(image: folder.file("media/halves.webp"), caption: nil, qr: nil)),
            channel: "t", defaultLanguage: "sv", theme: .standard, timeZone: .gmt)
        let composer = SlideComposer(profile: profile)
        let poster = try composer.compose(slide, language: "sv").frame
        let plain = composer.composeNoContent(kioskName: "x", addresses: [], version: "1", language: "sv")
        return (poster, plain)
    }

    func testAFrameReachesTheScreenPixelForPixel() throws {
        let screen = try SDLScreen(width: 320, height: 180, headless: true)
        XCTAssertEqual(screen.driverName, "dummy")
        let (poster, _) = try frames()
        try screen.stage(poster)
        screen.draw(fade: 1)
        screen.promote()
        let pixels = screen.readPixels()
        for (x, y) in [(10, 90), (300, 90), (160, 2), (5, 5)] {
            XCTAssertEqual(pixels[y * 320 + x] & 0xFF_FFFF, poster.pixel(x: x, y: y) & 0xFF_FFFF, "pixel \(x),\(y)")
        }
    }

    func testACrossfadeBlendsTheStagedFrameOverTheCurrentOne() throws {
        let screen = try SDLScreen(width: 320, height: 180, headless: true)
        let (poster, plain) = try frames()
        try screen.stage(plain)
        screen.draw(fade: 1)
        screen.promote()
        try screen.stage(poster)
        screen.draw(fade: 0.5)
        let mixed = screen.readPixels()[90 * 320 + 10]
        let from = plain.pixel(x: 10, y: 90)
        let to = poster.pixel(x: 10, y: 90)
        for shift: UInt32 in [16, 8, 0] {
            let expected = (Double((from >> shift) & 0xFF) + Double((to >> shift) & 0xFF)) / 2
            XCTAssertEqual(Double((mixed >> shift) & 0xFF), expected, accuracy: 3)
        }
    }

    func testAFrameOfTheWrongSizeIsRefused() throws {
        let screen = try SDLScreen(width: 320, height: 180, headless: true)
        let other = SlideComposer(profile: .standard).composeNoContent(
            kioskName: "x", addresses: [], version: "1", language: "sv")
        XCTAssertThrowsError(try screen.stage(other))
    }
}
