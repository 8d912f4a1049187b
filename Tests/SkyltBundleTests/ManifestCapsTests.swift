import Foundation
import SkyltBundle
import SkyltCore
import Testing

@Suite("A manifest has a cap on its assets")
struct ManifestCapsTests {
    /// A manifest listing `count` assets, each a different reference.
    func manifest(assets count: Int) -> Data {
        let assets = (0..<count).map { index -> String in
            let hex = String(index, radix: 16)
            let reference = "sha256:" + String(repeating: "0", count: 64 - hex.count) + hex
            return #""\#(reference)": {"size": 100, "type": "image/png"}"#
        }
        let text = #"""
            {"format": 1, "channel": "kommun", "version": 1, "published": "2026-11-24T10:00:00Z",
             "expires": "2026-12-24T10:00:00Z", "assets": {\#(assets.joined(separator: ", "))}, "playlist": {}}
            """#
        return Data(text.utf8)
    }

    @Test("a manifest of more assets than the cap is refused at 'assets', naming the file; one at the cap passes")
    func assetCap() throws {
        let cap = Manifest.maxAssetsPerManifest
        #expect(try Manifest.decode(manifest(assets: cap), source: "manifest.json").assets.count == cap)
        do {
            _ = try Manifest.decode(manifest(assets: cap + 1), source: "channel/manifest.json")
            Issue.record("a manifest of \(cap + 1) assets was accepted")
        } catch {
            #expect(error.problems.map(\.code) == [.tooManyAssets])
            #expect(error.problems.first?.field == "assets")
            #expect(error.problems.first?.file == "channel/manifest.json")
        }
    }
}
