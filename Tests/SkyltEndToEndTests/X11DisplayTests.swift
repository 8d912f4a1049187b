import Foundation
import SkyltCompose
import SkyltTestSupport
import Testing

/// `skylt run` on a real X server (Xvfb) with no window manager, as on a kiosk started by
/// xinit: what the X server shows is read back with xwd and compared with the frame that
/// `skylt render` makes of the same slide.
@Suite("skylt run on an X display", .serialized, .timeLimit(.minutes(10)))
struct X11DisplayTests {
    let skylt = Repository.skyltBinary.path

    struct NotAnImage: Error, CustomStringConvertible {
        var bytes: Int
        var description: String { "an XWD file of \(bytes) bytes is not a 32-bit image" }
    }

    /// What the X server shows, from an XWD file of a 24-bit TrueColor screen.
    struct XWDImage {
        let width: Int
        let height: Int
        private let data: Data
        private let offset: Int
        private let bytesPerLine: Int
        private let littleEndian: Bool
        private let masks: (red: UInt32, green: UInt32, blue: UInt32)

        init(_ data: Data) throws {
            func card32(_ at: Int) -> UInt32 {
                data[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) }
            }
            let headerSize = Int(card32(0))
            width = Int(card32(16))
            height = Int(card32(20))
            littleEndian = card32(28) == 0
            bytesPerLine = Int(card32(48))
            masks = (card32(56), card32(60), card32(64))
            offset = headerSize + Int(card32(76)) * 12
            guard card32(44) == 32, data.count >= offset + bytesPerLine * height else {
                throw NotAnImage(bytes: data.count)
            }
            self.data = data
        }

        /// Red, green and blue of one pixel.
        func rgb(_ x: Int, _ y: Int) -> (Double, Double, Double) {
            let at = offset + y * bytesPerLine + x * 4
            let bytes = data[at..<at + 4].map(UInt32.init)
            let pixel =
                littleEndian
                ? bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24
                : bytes[3] | bytes[2] << 8 | bytes[1] << 16 | bytes[0] << 24
            func channel(_ mask: UInt32) -> Double {
                Double((pixel & mask) >> UInt32(mask.trailingZeroBitCount))
            }
            return (channel(masks.red), channel(masks.green), channel(masks.blue))
        }
    }

    /// Mean colour of a frame's block, from its ARGB pixels.
    func mean(_ frame: Frame, x: Int, y: Int, size: Int) -> (Double, Double, Double) {
        var sum = (0.0, 0.0, 0.0)
        frame.withPixels { pointer in
            let words = pointer.assumingMemoryBound(to: UInt32.self)
            for row in y..<y + size {
                for column in x..<x + size {
                    let pixel = words[row * frame.stride / 4 + column]
                    sum.0 += Double(pixel >> 16 & 0xFF)
                    sum.1 += Double(pixel >> 8 & 0xFF)
                    sum.2 += Double(pixel & 0xFF)
                }
            }
        }
        let count = Double(size * size)
        return (sum.0 / count, sum.1 / count, sum.2 / count)
    }

    func mean(_ image: XWDImage, x: Int, y: Int, width: Int, height: Int) -> (Double, Double, Double) {
        var sum = (0.0, 0.0, 0.0)
        for row in y..<y + height {
            for column in x..<x + width {
                let pixel = image.rgb(column, row)
                sum = (sum.0 + pixel.0, sum.1 + pixel.1, sum.2 + pixel.2)
            }
        }
        let count = Double(width * height)
        return (sum.0 / count, sum.1 / count, sum.2 / count)
    }

    @Test(
        "full screen on a display without a window manager: the whole frame, scaled with its aspect kept",
        arguments: [(1280, 720), (1024, 768)])
    func fullScreen(screenWidth: Int, screenHeight: Int) throws {
        let playlist = PlaylistFixture.make(slides: [
            #"{"id": "open", "template": "notice", "title": "Öppet i jul", "body": "Vardagar 9–19, lördag 10–16.", "duration": 600}"#
        ])
        let folder = TemporaryFolder()
        let config = KioskConfigFixture.write(in: folder, channel: "shop", playlist: playlist.url)
        let rendered = try ExternalTool.run([skylt, "render", playlist.url.path, "--out", folder.file("png").path])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let frame = try Frame.readPNG(from: folder.file("png/01-open.sv.png"))

        let log = folder.file("player.log").path
        let shot = folder.file("screen.xwd").path
        // The player runs without SDL_VIDEODRIVER (the test suite sets it to dummy); xwd reads
        // the root window once the first frame is up.
        let script = """
            env -u SDL_VIDEODRIVER SKYLT_CONFIG=/nonexistent "$0" run --config "$1" --exit-after 8 2> "$2" &
            player=$!
            for i in $(seq 1 100); do grep -q 'first frame' "$2" && break; sleep 0.1; done
            sleep 1
            xwd -root -silent > "$3"
            wait $player
            """
        let result = try ExternalTool.run([
            "xvfb-run", "--auto-servernum", "--server-args=-screen 0 \(screenWidth)x\(screenHeight)x24 -nolisten tcp",
            "sh", "-c", script, skylt, config.path, log, shot,
        ])
        let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(result.status == 0, "\(result.stderr)\n\(logged)")
        #expect(logged.contains("playing on the x11 display at \(screenWidth)x\(screenHeight)"), "\(logged)")
        #expect(logged.contains("frames are shrunk"))

        let image = try XWDImage(try Data(contentsOf: URL(fileURLWithPath: shot)))
        #expect(image.width == screenWidth && image.height == screenHeight)
        // Where the frame must be: as large as fits, centred, black bars on the rest.
        let scale = min(Double(screenWidth) / 1920, Double(screenHeight) / 1080)
        let left = (Double(screenWidth) - 1920 * scale) / 2
        let top = (Double(screenHeight) - 1080 * scale) / 2
        let block = 120
        var worst = 0.0
        for by in stride(from: 0, to: 1080, by: block) {
            for bx in stride(from: 0, to: 1920, by: block) {
                let expected = mean(frame, x: bx, y: by, size: block)
                // The matching block on screen, a pixel in from its edges for the scaling filter.
                let x = Int((left + Double(bx) * scale).rounded()) + 1
                let y = Int((top + Double(by) * scale).rounded()) + 1
                let side = Int(Double(block) * scale) - 2
                let seen = mean(image, x: x, y: y, width: side, height: side)
                worst = max(
                    worst, abs(seen.0 - expected.0), abs(seen.1 - expected.1), abs(seen.2 - expected.2))
            }
        }
        #expect(worst < 12, "a block of the frame differs on screen by \(worst) of 255")
        if top >= 2 {
            let bar = mean(image, x: 0, y: 0, width: screenWidth, height: Int(top) - 1)
            #expect(bar.0 + bar.1 + bar.2 < 3, "the bar above the frame is not black: \(bar)")
        }
    }
}
