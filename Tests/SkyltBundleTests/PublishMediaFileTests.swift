import Foundation
import SkyltBundle
import SkyltCore
import SkyltTestSupport
import Testing

/// Publishing reads each medium from one descriptor of a regular file.
@Suite("Publishing refuses media that are not regular files")
struct PublishMediaFileTests {
    @Test("a FIFO named as a slide's image fails the publish at once, naming the file")
    func fifo() throws {
        let fixture = BundleFixture(slides: 2)
        let medium = fixture.source.appendingPathComponent("media/p1.svg")
        try FileManager.default.removeItem(at: medium)
        #expect(mkfifo(medium.path, 0o644) == 0)
        do {
            try fixture.publish()
            Issue.record("published")
        } catch let error as PublishError {
            #expect(error.path == medium.path)
            #expect(error.reason.contains("not a regular file"))
        }
    }

    @Test("a regular medium is published as an asset with its own bytes")
    func copied() throws {
        let fixture = BundleFixture(slides: 1)
        let manifest = try fixture.publish()
        let original = try Data(contentsOf: fixture.source.appendingPathComponent("media/p0.svg"))
        let reference = try #require(manifest.assets.keys.first)
        let stored = try Data(
            contentsOf: fixture.bundle.appendingPathComponent("assets/" + Manifest.hex(of: reference)))
        #expect(stored == original && manifest.assets[reference]?.size == original.count)
    }

    @Test("verify reports an asset that is a FIFO as a problem instead of waiting on it")
    func verifyFIFO() throws {
        let fixture = BundleFixture(slides: 1)
        let manifest = try fixture.publish()
        let reference = try #require(manifest.assets.keys.first)
        let asset = fixture.bundle.appendingPathComponent("assets/" + Manifest.hex(of: reference))
        try FileManager.default.removeItem(at: asset)
        #expect(mkfifo(asset.path, 0o644) == 0)
        let result = BundleCheck.verify(folder: fixture.bundle, keys: [fixture.publicKey])
        #expect(result.problems.count == 1 && result.problems.first?.file == asset.path)
        #expect(result.problems.first?.message.contains("not a regular file") == true)
    }
}
