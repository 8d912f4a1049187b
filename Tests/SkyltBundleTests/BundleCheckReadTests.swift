import Foundation
import SkyltBundle
import SkyltCore
import SkyltTestSupport
import Testing

/// `BundleCheck.read`, which `verify` and the studio use for manifests and signatures.
@Suite("reading a bundle's files under a cap")
struct BundleCheckReadTests {
    @Test("a file within the cap is read; one over it is refused by its size")
    func sizes() throws {
        let folder = TemporaryFolder()
        let file = folder.url.appendingPathComponent("manifest.json")
        try Data(repeating: 0x41, count: 100).write(to: file)
        #expect(try BundleCheck.read(file, limit: 100).count == 100)
        #expect(throws: PublishError.self) { try BundleCheck.read(file, limit: 99) }
    }

    @Test("a link to a device without a size (/dev/zero) is refused as a device, not read for ever")
    func device() throws {
        let folder = TemporaryFolder()
        let link = folder.url.appendingPathComponent("manifest.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
        do {
            _ = try BundleCheck.read(link, limit: 4096)
            Issue.record("read")
        } catch {
            #expect(error.reason == ConfigFileError(.notRegular(kind: "a device"), path: link.path).reason)
        }
    }
}
