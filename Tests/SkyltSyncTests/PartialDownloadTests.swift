import Foundation
import SkyltBundle
import SkyltCore
import SkyltTestSupport
import Testing

@testable import SkyltSync

/// Partial downloads cost at most their own asset: one that no manifest needs any more is
/// collected, and one that cannot be the start of the signed asset is discarded before a
/// resume could make the next honest sync fail.
@Suite("Partial downloads", .serialized, .timeLimit(.minutes(5)))
struct PartialDownloadTests {
    typealias World = SyncFaultTests.World

    /// The asset version 2 adds, and the path the server serves it at.
    static func freshAsset(_ world: World) throws -> (reference: String, asset: Manifest.Asset, path: String) {
        let manifest = try Manifest.decode(
            try Data(contentsOf: world.fixture.bundle.appendingPathComponent(Manifest.fileName)), source: "m")
        let old = try #require(world.sync.cache.load(keys: [world.fixture.publicKey]).manifest)
        let fresh = try #require(Set(manifest.assets.keys).subtracting(old.assets.keys).first)
        return (fresh, manifest.assets[fresh]!, "/assets/" + Manifest.hex(of: fresh))
    }

    static func partial(_ world: World, _ reference: String) -> URL {
        world.cacheFolder.url.appendingPathComponent("kommun/partial/" + Manifest.hex(of: reference))
    }

    /// Sets a file's modification time `seconds` into the past, as if it had lain there that long.
    static func age(_ file: URL, by seconds: Double) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-seconds)], ofItemAtPath: file.path)
    }

    @Test("a partial download of an asset that a later version no longer needs is collected")
    func supersededPartialIsCollected() throws {
        let world = try World()
        try world.publishNext(revision: 2)
        let fresh = try Self.freshAsset(world)
        world.server.inject(fresh.path, [.cutAfter(700)])
        world.expectFailure(.transfer) { $0.httpCode == .partial }
        let partial = Self.partial(world, fresh.reference)
        #expect(FileSize.of(partial.path) == 700)
        // Version 3 changes the same slide again: version 2's medium is needed by nobody.
        try world.publishNext(revision: 3)
        for file in [partial, partial.appendingPathExtension("etag")] where FileSize.of(file.path) != nil {
            try Self.age(file, by: ChannelCache.collectGraceSeconds + 60)
        }
        guard case .updated(version: 3, _, _) = try world.sync.syncOnce() else {
            Issue.record("version 3 was not taken")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: partial.path))
        #expect(!FileManager.default.fileExists(atPath: partial.path + ".etag"))
    }

    @Test("an unchanged poll collects a superseded partial too, but spares a young one")
    func unchangedPollCollects() throws {
        let world = try World()
        let stray = world.cacheFolder.url.appendingPathComponent("kommun/partial/" + String(repeating: "ab", count: 32))
        try Data("<svg".utf8).write(to: stray)
        #expect(try world.sync.syncOnce() == .unchanged(version: 1))
        #expect(FileManager.default.fileExists(atPath: stray.path), "a young partial may be another process's")
        try Self.age(stray, by: ChannelCache.collectGraceSeconds + 60)
        #expect(try world.sync.syncOnce() == .unchanged(version: 1))
        #expect(!FileManager.default.fileExists(atPath: stray.path))
    }

    @Test("an endless asset stream leaves no partial behind, and the next honest sync succeeds")
    func endlessStreamLeavesNothing() throws {
        let world = try World()
        // A medium of 64 KiB, so that the stream fills several of curl's chunks before the cap.
        world.fixture.writeSource(slides: 3, revision: 2, changed: [])
        world.fixture.work.write(
            "source/media/p1.svg",
            #"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><!-- \#(String(repeating: "x", count: 64 * 1024)) --></svg>"#
        )
        try world.fixture.publish()
        let fresh = try Self.freshAsset(world)
        world.server.inject(fresh.path, [.endless(UInt8(ascii: "<"))])
        world.expectFailure(.transfer) { $0.httpCode == .tooLarge }
        #expect(!FileManager.default.fileExists(atPath: Self.partial(world, fresh.reference).path))
        guard case .updated(version: 2, assetsFetched: 1, _) = try world.sync.syncOnce() else {
            Issue.record("the honest sync after the endless stream failed")
            return
        }
    }

    @Test("a partial whose first bytes cannot begin the asset is discarded before resuming")
    func implausiblePartialIsDiscarded() throws {
        let world = try World()
        try world.publishNext()
        let fresh = try Self.freshAsset(world)
        let partial = Self.partial(world, fresh.reference)
        try Data("<!DOCTYPE html><html>Log in to the shop's Wi-Fi".utf8).write(to: partial)
        guard case .updated(version: 2, assetsFetched: 1, _) = try world.sync.syncOnce() else {
            Issue.record("the sync resumed a partial that could not be the asset")
            return
        }
        let request = world.server.takeRequests().first { $0.path == fresh.path }
        #expect(request?.headers["range"] == nil)
    }

    @Test("a captive portal's page answered for an asset is discarded, and the next sync succeeds")
    func portalPageIsNotKept() throws {
        let world = try World()
        try world.publishNext()
        let fresh = try Self.freshAsset(world)
        let page = Data("<html><body>Log in first</body></html>".utf8)
        world.server.inject(fresh.path, [.respond(status: 200, headers: ["Content-Type: text/html"], body: page)])
        world.expectFailure(.wrongSize(received: page.count, expected: fresh.asset.size))
        #expect(!FileManager.default.fileExists(atPath: Self.partial(world, fresh.reference).path))
        guard case .updated(version: 2, assetsFetched: 1, _) = try world.sync.syncOnce() else {
            Issue.record("the sync after the portal's page failed")
            return
        }
    }

    @Test("the first bytes of each media type are told from an HTML page and filler")
    func plausibleStarts() throws {
        let folder = TemporaryFolder()
        func check(_ bytes: [UInt8], _ type: String) -> Bool {
            let file = folder.url.appendingPathComponent("p")
            try? Data(bytes).write(to: file)
            return ChannelSync.canStart(file, type: type)
        }
        #expect(check([0x89, 0x50, 0x4E, 0x47], "image/png"))
        #expect(!check(Array("<html>".utf8), "image/png"))
        #expect(check([0xFF, 0xD8, 0xFF, 0xE0], "image/jpeg"))
        #expect(!check([0x41, 0x41, 0x41], "image/jpeg"))
        #expect(check(Array("RIFF\u{1}\u{2}\u{3}\u{4}WEBPVP8".utf8), "image/webp"))
        #expect(!check(Array("RIFF\u{1}\u{2}\u{3}\u{4}WAVE".utf8), "image/webp"))
        #expect(check([0xEF, 0xBB, 0xBF] + Array("\n <?xml version".utf8), "image/svg+xml"))
        #expect(check(Array("<sv".utf8), "image/svg+xml"))
        #expect(!check(Array("<!DOCTYPE html>".utf8), "image/svg+xml"))
        #expect(!check(Array("<<<<<<<<".utf8), "image/svg+xml"))
    }
}
