import Foundation
import SkyltCompose
import SkyltTestSupport
import Testing

/// A few slides compared with small downscaled pictures of how they looked when recorded, so a
/// change that moves or recolours things shows up even where no layout rule catches it. Run
/// with SKYLT_UPDATE_GOLDEN=1 to record them again on purpose (see CONTRIBUTING.md).
@Suite("Golden images of a few slides", .timeLimit(.minutes(10)))
struct GoldenImageTests {
    /// A slide and language at a screen size, and the golden's file name.
    struct Case: CustomTestStringConvertible, Sendable {
        var size: String
        var playlist: String
        var stem: String
        var golden: String
        var testDescription: String { golden }
    }

    static let cases = [
        Case(size: "1920x1080", playlist: "multilingual", stem: "01-stanger-tidigt.sv", golden: "notice-sv-landscape"),
        Case(size: "1080x1920", playlist: "multilingual", stem: "07-wifi.ar", golden: "wifi-ar-portrait"),
        Case(size: "1920x1080", playlist: "multilingual", stem: "04-loppis.fa", golden: "event-fa-landscape"),
    ]
    /// Goldens are a quarter of the screen on a side (480x270): small in the repository, yet
    /// a moved block or a changed colour still shows.
    static let scale = 0.25
    /// A channel differing by more than this counts the pixel as changed (anti-aliasing and
    /// the scaling filter move edges by less).
    static let changedChannel = 48
    /// At most this share of pixels may change.
    static let maxChangedShare = 0.005
    static let goldenFolder = Repository.fixtures.appendingPathComponent("golden")

    @Test("a slide looks as recorded", arguments: cases)
    func matchesGolden(_ golden: Case) throws {
        let page = try #require(
            try LayoutRenders.pages(golden.size).first { $0.playlist == golden.playlist && $0.stem == golden.stem },
            "\(golden.playlist)/\(golden.stem) was not rendered at \(golden.size)")
        let actual = try Frame.readPNG(from: page.png).scaled(by: Self.scale)
        let file = Self.goldenFolder.appendingPathComponent(golden.golden + ".png")
        if ProcessInfo.processInfo.environment["SKYLT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try actual.writePNG(to: file)
            return
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            Issue.record("\(file.path) is missing: record it with SKYLT_UPDATE_GOLDEN=1")
            return
        }
        let expected = try Frame.readPNG(from: file)
        try #require(
            expected.width == actual.width && expected.height == actual.height,
            "\(golden.golden): golden is \(expected.width)x\(expected.height), render is \(actual.width)x\(actual.height)"
        )
        let (changed, diff) = Self.compare(expected, actual)
        let share = Double(changed) / Double(actual.width * actual.height)
        guard share > Self.maxChangedShare else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skylt-golden-diff")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let diffFile = folder.appendingPathComponent(golden.golden + "-diff.ppm")
        try diff.write(to: diffFile)
        try actual.writePNG(to: folder.appendingPathComponent(golden.golden + "-actual.png"))
        Issue.record(
            """
            \(golden.golden) (\(golden.playlist)/\(golden.stem) at \(golden.size)): \(changed) pixels \
            (\(String(format: "%.2f", share * 100))%, allowed \(Self.maxChangedShare * 100)%) differ from \(file.path); \
            changed pixels in red: \(diffFile.path)
            """)
    }

    /// The pixels that changed, and a PPM picture of them: red where changed, the golden
    /// dimmed elsewhere, so the eye finds what moved.
    static func compare(_ expected: Frame, _ actual: Frame) -> (changed: Int, diff: Data) {
        var changed = 0
        var pixels = [UInt8]()
        pixels.reserveCapacity(actual.width * actual.height * 3)
        for y in 0..<actual.height {
            for x in 0..<actual.width {
                let a = expected.pixel(x: x, y: y)
                let b = actual.pixel(x: x, y: y)
                let channels = [16, 8, 0].map { (Int((a >> $0) & 0xFF), Int((b >> $0) & 0xFF)) }
                if channels.contains(where: { abs($0.0 - $0.1) > changedChannel }) {
                    changed += 1
                    pixels += [255, 0, 0]
                } else {
                    pixels += channels.map { UInt8($0.0 / 3) }
                }
            }
        }
        return (changed, Data("P6\n\(actual.width) \(actual.height)\n255\n".utf8) + pixels)
    }
}
