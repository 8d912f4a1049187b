import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The QR rules that scanning from a metre depends on, read off real symbols and frames.
@Suite("QR codes: error correction M and a 4-module quiet zone")
struct QRCodeTests {
    /// The 15 format bits beside the top-left finder, and their copy beside the other two,
    /// in the order ISO/IEC 18004 places them (most significant first).
    static func formatBits(_ symbol: QRSymbol) -> (Int, Int) {
        func bit(_ column: Int, _ row: Int) -> Int { symbol.isDark(row: row, column: column) ? 1 : 0 }
        var first = 0
        for column in [0, 1, 2, 3, 4, 5, 7, 8] { first = first << 1 | bit(column, 8) }
        for row in [7, 5, 4, 3, 2, 1, 0] { first = first << 1 | bit(8, row) }
        let size = symbol.size
        var second = 0
        for row in stride(from: size - 1, through: size - 7, by: -1) { second = second << 1 | bit(8, row) }
        for column in (size - 8)..<size { second = second << 1 | bit(column, 8) }
        return (first, second)
    }

    @Test(
        "every code is encoded at error-correction level M",
        arguments: ["https://angsby.se/karta", "WIFI:T:WPA;S:Ängsby Handel Gäst;P:kanelbulle\\;2026;;"])
    func levelM(payload: String) throws {
        let symbol = try #require(QRSymbol(payload))
        let (first, second) = Self.formatBits(symbol)
        #expect(first == second, "the two copies of the format information differ: read wrongly")
        // Unmasked, the top two bits are the level: L 01, M 00, Q 11, H 10.
        let level = ((first ^ 0x5412) >> 13) & 0b11
        #expect(level == 0b00, "level bits \(String(level, radix: 2))")
    }

    @Test("the Wi-Fi slide's code has a white quiet zone of at least 4 modules all round")
    func quietZone() throws {
        let reading = PlaylistReader.read(folder: Repository.demoPlaylist)
        let program = Program(playlists: [(channel: "demo", playlist: try #require(reading.playlist))])
        let wifi = try #require(program.slides.first { $0.slide.id == "wifi" })
        let composition = try SlideComposer(profile: .standard).compose(wifi, language: "sv")
        let frame = composition.frame
        // Only QR modules are pure black on this theme: their bounding box is the symbol.
        let black: UInt32 = 0xFF00_0000
        var box = (left: Int.max, top: Int.max, right: -1, bottom: -1)
        for y in 0..<frame.height {
            for x in 0..<frame.width where frame.pixel(x: x, y: y) == black {
                box = (min(box.left, x), min(box.top, y), max(box.right, x), max(box.bottom, y))
            }
        }
        #expect(box.right > box.left)
        let payload = WifiPayload.make(ssid: "Ängsby Handel Gäst", password: "kanelbulle;2026", security: .wpa)
        let code = try #require(composition.codes.first)
        #expect(code.payload == payload)
        // Single codes are drawn at one version on every slide, at least as large as the payload needs.
        let modules = code.modules
        let smallest = try #require(QRSymbol(payload)).size
        #expect(modules >= smallest)
        let modulePixels = (box.right - box.left + 1) / modules
        #expect(modulePixels * modules == box.right - box.left + 1, "modules are whole pixels")
        #expect(modulePixels >= 6)
        let quiet = 4 * modulePixels
        var notWhite = 0
        for y in (box.top - quiet)...(box.bottom + quiet) {
            for x in (box.left - quiet)...(box.right + quiet)
            where x < box.left || x > box.right || y < box.top || y > box.bottom {
                if frame.pixel(x: x, y: y) != 0xFFFF_FFFF { notWhite += 1 }
            }
        }
        #expect(notWhite == 0, "\(notWhite) pixels of the quiet zone are not white")
    }
}
