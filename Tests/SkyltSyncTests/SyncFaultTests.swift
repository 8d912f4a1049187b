import Foundation
import SkyltBundle
import SkyltCore
import SkyltSync
import SkyltTestSupport
import Synchronization
import Testing

/// Every way a server or a bundle can go wrong, against our fault-injecting server on
/// 127.0.0.1. In each case the previous program stays current and intact, and the error names
/// the channel and the cause.
@Suite("Sync against a misbehaving server", .serialized, .timeLimit(.minutes(10)))
struct SyncFaultTests {
    /// A channel synced to version 1, with version 2 published and ready to be served.
    struct World {
        let fixture: BundleFixture
        let server: FaultyHTTPServer
        let cacheFolder = TemporaryFolder()
        let sync: ChannelSync

        init(
            slides: Int = 3, maxAssetBytes: Int64 = 1 << 20, validator: FaultyHTTPServer.Validator = .etag
        ) throws {
            fixture = BundleFixture(slides: slides)
            try fixture.publish()
            server = try FaultyHTTPServer(root: fixture.bundle, validator: validator)
            var config = fixture.config(baseURL: server.baseURL, cache: cacheFolder.url)
            config.maxAssetBytes = maxAssetBytes
            var settings = SyncSettings(config: config)
            settings.limits.stallSeconds = 1
            settings.limits.totalTimeoutSeconds = 4
            settings.limits.connectTimeoutSeconds = 2
            sync = try ChannelSync(config: config.channels[0], settings: settings)
            let first = try sync.syncOnce()
            guard case .updated(version: 1, _, _) = first else {
                throw SetupFailure(outcome: first)
            }
            _ = server.takeRequests()
        }

        /// Publishes version 2 with slide 0's medium changed.
        func publishNext(revision: Int = 2) throws {
            fixture.writeSource(slides: 3, revision: revision, changed: [0])
            try fixture.publish()
        }

        /// The cache still holds version 1, whole: signature, every object's size and hash.
        func expectVersionOneIntact(sourceLocation: SourceLocation = #_sourceLocation) {
            let loaded = sync.cache.load(keys: [fixture.publicKey])
            #expect(loaded.manifest?.version == 1, sourceLocation: sourceLocation)
            #expect(loaded.problems.isEmpty, "\(loaded.problems)", sourceLocation: sourceLocation)
            #expect(loaded.reading?.problems.isEmpty == true, sourceLocation: sourceLocation)
            #expect(loaded.reading?.playlist?.slides.count == 3, sourceLocation: sourceLocation)
        }

        /// The sync fails for channel kommun with `code`, `also` holds for the error, and
        /// version 1 stays.
        func expectFailure(
            _ code: SyncError.Code, sourceLocation: SourceLocation = #_sourceLocation,
            also: (SyncError) -> Bool = { _ in true }
        ) {
            #expect(sourceLocation: sourceLocation) {
                try sync.syncOnce()
            } throws: { error in
                guard let error = error as? SyncError else { return false }
                return error.channel == "kommun" && error.code == code && also(error)
            }
            expectVersionOneIntact(sourceLocation: sourceLocation)
        }

        /// The sync fails with a transfer error whose HTTP code is `code`; the message names
        /// the channel and the URL.
        func expectFailure(http code: HTTPError.Code, sourceLocation: SourceLocation = #_sourceLocation) {
            expectFailure(.transfer, sourceLocation: sourceLocation) { error in
                error.httpCode == code && error.description.contains("channel 'kommun'")
                    && error.description.contains(server.baseURL)
            }
        }
    }

    /// The first sync of a world did not fetch version 1.
    struct SetupFailure: Error {
        var outcome: SyncOutcome?
    }

    @Test("server down") func down() throws {
        let world = try World()
        try world.publishNext()
        world.server.stop()
        world.expectFailure(http: .connect)
    }

    @Test("a download whose file cannot be written fails with the write code and keeps the cause")
    func unwritable() throws {
        let world = try World()
        let folder = TemporaryFolder()
        let file = folder.write("readonly", "")
        let handle = try POSIXFile(reading: file.path)
        let request = HTTPRequest(
            url: world.server.baseURL + "/manifest.json", limits: TransferLimits(maxBytes: 1 << 20))
        #expect {
            _ = try HTTPClient().get(request, into: .file(handle, resumedFrom: 0))
        } throws: { error in
            guard let error = error as? HTTPError else { return false }
            return error.code == .write && error.cause != nil && error.description.hasPrefix(request.url)
        }
    }

    @Test("HTTP 500") func serverError() throws {
        let world = try World()
        try world.publishNext()
        world.server.inject("/manifest.json", [.status(500)])
        world.expectFailure(http: .status(500))
    }

    @Test("a stalled server that sends nothing is given up") func stalled() throws {
        let world = try World()
        try world.publishNext()
        world.server.inject("/manifest.json", [.stall])
        let start = Date()
        world.expectFailure(http: .timeout)
        #expect(Date().timeIntervalSince(start) < 8)
    }

    @Test("a truncated body") func truncated() throws {
        let world = try World()
        try world.publishNext()
        world.server.inject("/manifest.json", [.cutAfter(100)])
        world.expectFailure(http: .partial)
    }

    @Test("a connection cut mid-asset resumes with Range on the next attempt")
    func resume() throws {
        let world = try World()
        try world.publishNext()
        let manifest = try Manifest.decode(
            try Data(contentsOf: world.fixture.bundle.appendingPathComponent(Manifest.fileName)), source: "m")
        let old = world.sync.cache.load(keys: [world.fixture.publicKey]).manifest!
        let fresh = try #require(Set(manifest.assets.keys).subtracting(old.assets.keys).first)
        let path = "/assets/" + Manifest.hex(of: fresh)
        world.server.inject(path, [.cutAfter(700)])
        world.expectFailure(.transfer) { $0.httpCode == .partial && $0.location == Manifest.hex(of: fresh) }
        _ = world.server.takeRequests()
        let outcome = try world.sync.syncOnce()
        guard case .updated(version: 2, assetsFetched: 1, let bytes) = outcome else {
            Issue.record("expected version 2 with one asset, got \(outcome)")
            return
        }
        // Only the rest of the asset crossed the wire, besides manifest and signature.
        #expect(bytes == (try bytesOf(world, fresh)) - 700 + (try manifestBytes(world)))
        let resumed = world.server.takeRequests().first { $0.path == path }
        #expect(resumed?.headers["range"] == "bytes=700-")
        #expect(resumed?.headers["if-range"] != nil)
        #expect(world.sync.cache.load(keys: [world.fixture.publicKey]).manifest?.version == 2)
    }

    func bytesOf(_ world: World, _ reference: String) throws -> Int64 {
        let url = world.fixture.bundle.appendingPathComponent("assets/" + Manifest.hex(of: reference))
        return Int64(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int)
    }

    func manifestBytes(_ world: World) throws -> Int64 {
        let folder = world.fixture.bundle
        let a =
            try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(Manifest.fileName).path)[
                .size] as! Int
        let b =
            try FileManager.default.attributesOfItem(
                atPath: folder.appendingPathComponent(Manifest.signatureFileName).path)[.size] as! Int
        return Int64(a + b)
    }

    @Test("an asset whose bytes do not match its hash is discarded") func wrongHash() throws {
        let world = try World()
        try world.publishNext()
        let manifest = try Manifest.decode(
            try Data(contentsOf: world.fixture.bundle.appendingPathComponent(Manifest.fileName)), source: "m")
        let old = world.sync.cache.load(keys: [world.fixture.publicKey]).manifest!
        let fresh = try #require(Set(manifest.assets.keys).subtracting(old.assets.keys).first)
        let size = manifest.assets[fresh]!.size
        world.server.inject("/assets/" + Manifest.hex(of: fresh), [.replace(Data(repeating: 0x41, count: size))])
        var hasher = SHA256Hasher()
        hasher.update(Data(repeating: 0x41, count: size))
        world.expectFailure(.hashMismatch(actual: hasher.finalHex()))
    }

    @Test("a bad signature") func badSignature() throws {
        let world = try World()
        try world.publishNext()
        var manifest = try Data(contentsOf: world.fixture.bundle.appendingPathComponent(Manifest.fileName))
        manifest[manifest.count / 2] ^= 1
        world.server.inject("/manifest.json", [.replace(manifest)])
        world.expectFailure(.signature) { ($0.cause as? MinisignError) == .badSignature }
    }

    @Test("signed by another channel's key") func otherKey() throws {
        let world = try World()
        world.fixture.writeSource(slides: 3, revision: 2, changed: [0])
        let (other, _) = SecretKey.generate()
        try world.fixture.publish(key: other)
        world.expectFailure(.signature) {
            guard case .keyMismatch = $0.cause as? MinisignError else { return false }
            return true
        }
    }

    @Test("another channel's manifest, signed by a shared key, is refused") func mixAndMatch() throws {
        let world = try World()
        world.fixture.writeSource(slides: 3, revision: 2, changed: [0])
        try world.fixture.publish(channel: "butiken")
        world.expectFailure(.wrongChannel("butiken"))
    }

    @Test("a rollback to an older valid version") func rollback() throws {
        let world = try World()
        let bundle = world.fixture.bundle
        let v1 = try Data(contentsOf: bundle.appendingPathComponent(Manifest.fileName))
        let v1sig = try Data(contentsOf: bundle.appendingPathComponent(Manifest.signatureFileName))
        try world.publishNext()
        let outcome = try world.sync.syncOnce()
        guard case .updated(version: 2, _, _) = outcome else {
            Issue.record("expected version 2, got \(outcome)")
            return
        }
        try v1.write(to: bundle.appendingPathComponent(Manifest.fileName))
        try v1sig.write(to: bundle.appendingPathComponent(Manifest.signatureFileName))
        #expect {
            try world.sync.syncOnce()
        } throws: { ($0 as? SyncError)?.code == .versionRollback(offered: 1, current: 2) }
        #expect(world.sync.cache.load(keys: [world.fixture.publicKey]).manifest?.version == 2)
    }

    @Test("the same version with other bytes") func sameVersionOtherBytes() throws {
        let world = try World()
        let manifest = try Manifest.decode(
            try Data(contentsOf: world.fixture.bundle.appendingPathComponent(Manifest.fileName)), source: "m")
        var changed = manifest
        changed.expires = manifest.expires.addingTimeInterval(60)
        try world.fixture.serveSigned(changed.encode())
        world.expectFailure(.versionConflict(1))
    }

    @Test("an expired manifest") func expired() throws {
        let world = try World()
        world.fixture.writeSource(slides: 3, revision: 2, changed: [0])
        try world.fixture.publish(now: Date().addingTimeInterval(-10 * 86400), expiryDays: 2)
        let manifest = try Manifest.decode(
            try Data(contentsOf: world.fixture.bundle.appendingPathComponent(Manifest.fileName)), source: "m")
        world.expectFailure(.expired(manifest.expires))
    }

    @Test("an oversized manifest") func oversizedManifest() throws {
        let world = try World()
        world.server.inject("/manifest.json", [.replace(Data(repeating: 0x20, count: Manifest.maxBytes + 10))])
        world.expectFailure(http: .tooLarge)
    }

    @Test("an oversized asset is refused before it is downloaded") func oversizedAsset() throws {
        let world = try World(maxAssetBytes: 3000)
        world.fixture.writeSource(slides: 3, revision: 2, changed: [0])
        let svg = String(repeating: " ", count: 6000)
        let picture = world.fixture.work.write(
            "source/media/p0.svg", #"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3">\#(svg)</svg>"#)
        let size = try #require(FileManager.default.attributesOfItem(atPath: picture.path)[.size] as? Int)
        try world.fixture.publish()
        world.expectFailure(.assetTooLarge(size: Int64(size), limit: 3000))
        #expect(!world.server.takeRequests().contains { $0.path.hasPrefix("/assets/") })
    }

    @Test("a path-traversal attempt in an asset reference never reaches the file system")
    func traversal() throws {
        let world = try World()
        let manifest = try Manifest.decode(
            try Data(contentsOf: world.fixture.bundle.appendingPathComponent(Manifest.fileName)), source: "m")
        var text = String(decoding: manifest.encode(), as: UTF8.self)
        let reference = manifest.assets.keys.sorted()[0]
        text = text.replacingOccurrences(of: reference, with: "sha256:../../../../etc/passwd")
        text = text.replacingOccurrences(of: "\"version\":1", with: "\"version\":2")
        try world.fixture.serveSigned(Data(text.utf8))
        world.expectFailure(.manifestInvalid) {
            ($0.cause as? ProblemList)?.problems.contains { $0.message.contains("is not an asset reference") } == true
        }
        #expect(!world.server.takeRequests().contains { $0.path.contains("..") || $0.path.contains("passwd") })
    }

    @Test("a full disk is an error, never a download") func diskFull() throws {
        let world = try World()
        try world.publishNext()
        let reserve = Int64(1) << 60
        let full = try ChannelSync(
            config: world.sync.config,
            settings: {
                var settings = SyncSettings(
                    config: world.fixture.config(baseURL: world.server.baseURL, cache: world.cacheFolder.url))
                settings.diskReserveBytes = reserve
                return settings
            }())
        #expect {
            try full.syncOnce()
        } throws: { error in
            guard case .diskFull(_, let kept, _) = (error as? SyncError)?.code else { return false }
            return kept == reserve
        }
        #expect(!world.server.takeRequests().contains { $0.path.hasPrefix("/assets/") })
        world.expectVersionOneIntact()
    }

    @Test("the bandwidth cap slows downloads to the configured rate")
    func bandwidthCap() throws {
        let world = try World()
        // A 96 KiB medium at 32 KiB/s takes about three seconds.
        world.fixture.writeSource(slides: 3, revision: 2, changed: [])
        world.fixture.work.write(
            "source/media/p1.svg",
            #"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><!-- \#(String(repeating: "x", count: 96 * 1024)) --></svg>"#
        )
        try world.fixture.publish()
        var config = world.fixture.config(baseURL: world.server.baseURL, cache: world.cacheFolder.url)
        config.bandwidthBytesPerSecond = 32 * 1024
        config.maxAssetBytes = 1 << 20
        let capped = try ChannelSync(config: config.channels[0], settings: SyncSettings(config: config))
        let start = Date()
        guard case .updated(version: 2, assetsFetched: 1, _) = try capped.syncOnce() else {
            Issue.record("the capped sync did not fetch version 2")
            return
        }
        #expect(Date().timeIntervalSince(start) >= 2.0)
    }

    @Test("backoff: full jitter up to min(15 min, 5 s × 2^n); polls within ±10%")
    func backoff() {
        var random = SeededRandom(seed: 9)
        var backoff = Backoff()
        for failures in 0..<12 {
            let wait = backoff.failed(using: &random)
            #expect(wait >= 0 && wait <= min(900, 5 * pow(2, Double(failures))))
        }
        #expect(backoff.failures == 12)
        for _ in 0..<100 {
            let wait = backoff.succeeded(pollSeconds: 60, using: &random)
            #expect(wait >= 54 && wait <= 66)
        }
        #expect(backoff.failures == 0)
    }

    @Test("malformed JSON, signed") func malformed() throws {
        let world = try World()
        try world.fixture.serveSigned(Data("{\"format\": 1, \"channel\": ".utf8))
        world.expectFailure(.manifestInvalid) {
            ($0.cause as? ProblemList)?.problems.contains { $0.message.contains("is not valid JSON") } == true
        }
    }

    @Test("an unchanged poll is one request answered 304, and the cache is verified again")
    func unchanged() throws {
        let world = try World()
        #expect(try world.sync.syncOnce() == .unchanged(version: 1))
        let requests = world.server.takeRequests()
        #expect(requests.map(\.path) == ["/manifest.json"])
        #expect(requests.first?.headers["if-none-match"] != nil)
        // Tamper with the cached signature: the 304 no longer vouches for it.
        let stored = try #require(world.sync.cache.stored())
        try Data("untrusted comment: x\nRUQ=\ntrusted comment: x\nx\n".utf8).write(
            to: stored.folder.appendingPathComponent(Manifest.signatureFileName))
        #expect(throws: SyncError.self) { try world.sync.syncOnce() }
    }

    @Test("a server with only Last-Modified: an unchanged poll is one If-Modified-Since answered 304")
    func unchangedByDate() throws {
        let world = try World(validator: .lastModified)
        #expect(try world.sync.syncOnce() == .unchanged(version: 1))
        let requests = world.server.takeRequests()
        #expect(requests.map(\.path) == ["/manifest.json"])
        #expect(requests.first?.headers["if-modified-since"]?.hasSuffix(" GMT") == true)
        #expect(requests.first?.headers["if-none-match"] == nil)
        world.expectVersionOneIntact()
    }

    @Test("an unchanged poll fetches again what has gone from the cache")
    func repairs() throws {
        let world = try World()
        let manifest = try #require(world.sync.cache.load(keys: [world.fixture.publicKey]).manifest)
        let (reference, asset) = try #require(manifest.assets.sorted(by: { $0.key < $1.key }).first)
        try FileManager.default.removeItem(at: world.sync.cache.objectURL(reference, type: asset.type))
        #expect(!world.sync.cache.load(keys: [world.fixture.publicKey]).problems.isEmpty)
        #expect(try world.sync.syncOnce() == .repaired(version: 1, assetsFetched: 1))
        #expect(
            world.server.takeRequests().map(\.path) == ["/manifest.json", "/assets/\(Manifest.hex(of: reference))"])
        world.expectVersionOneIntact()
        #expect(try world.sync.syncOnce() == .unchanged(version: 1))
    }

    @Test("an asset that another process cleans away during a download stops the switch")
    func vanishedBeforeSwitch() throws {
        let world = try World()
        // Version 2 and 3 change slide 0, so p0's first medium is needed by neither current
        // nor previous; version 4 brings it back and changes slide 1.
        for revision in [2, 3] {
            world.fixture.writeSource(slides: 3, revision: revision, changed: [0])
            try world.fixture.publish()
            guard case .updated = try world.sync.syncOnce() else { throw SetupFailure(outcome: nil) }
        }
        let third = try #require(world.sync.cache.load(keys: [world.fixture.publicKey]).manifest)
        world.fixture.writeSource(slides: 3, revision: 4, changed: [1])
        let fourth = try world.fixture.publish()
        func cached(_ reference: String, _ asset: Manifest.Asset) -> Bool {
            FileManager.default.fileExists(atPath: world.sync.cache.objectURL(reference, type: asset.type).path)
        }
        let reused = try #require(fourth.assets.first { third.assets[$0.key] == nil && cached($0.key, $0.value) })
        let fresh = try #require(fourth.assets.first { !cached($0.key, $0.value) })
        let freshPath = "/assets/\(Manifest.hex(of: fresh.key))"
        world.server.inject(freshPath, [.slow(bytesPerSecond: 2000)])
        _ = world.server.takeRequests()

        let outcome = Mutex<Result<SyncOutcome, SyncError>?>(nil)
        nonisolated(unsafe) let sync = world.sync
        let thread = Thread {
            let result: Result<SyncOutcome, SyncError>
            do throws(SyncError) { result = .success(try sync.syncOnce()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
        }
        thread.start()
        // While the new medium trickles in, another process's clean-up removes the old one.
        let deadline = Date().addingTimeInterval(10)
        var seen: [String] = []
        while !seen.contains(freshPath) && Date() < deadline {
            seen += world.server.takeRequests().map(\.path)
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(cached(reused.key, reused.value), "the reused medium was not in the cache when the download began")
        try FileManager.default.removeItem(at: world.sync.cache.objectURL(reused.key, type: reused.value.type))
        while outcome.withLock({ $0 }) == nil && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        guard case .failure(let error) = try #require(outcome.withLock { $0 }) else {
            Issue.record("the switch went ahead without one of its assets")
            return
        }
        #expect(error.code == .assetVanished(version: 4), "\(error)")
        #expect(error.location == Manifest.hex(of: reused.key), "\(error)")
        let loaded = world.sync.cache.load(keys: [world.fixture.publicKey])
        #expect(loaded.manifest?.version == 3 && loaded.problems.isEmpty, "\(loaded.problems)")
        // The next sync fetches it again and switches.
        guard case .updated(version: 4, assetsFetched: 1, _) = try world.sync.syncOnce() else {
            Issue.record("the next sync did not fetch the lost medium and switch")
            return
        }
        let after = world.sync.cache.load(keys: [world.fixture.publicKey])
        #expect(after.manifest?.version == 4 && after.problems.isEmpty, "\(after.problems)")
    }
}
