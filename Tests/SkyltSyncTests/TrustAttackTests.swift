import Foundation
import SkyltBundle
import SkyltCore
import SkyltSync
import SkyltTestSupport
import Testing

/// Attacks from TUF's threat model that `SyncFaultTests` does not already try, each against
/// a kiosk holding version 1: whatever the server does, version 1 stays current and whole
/// unless the channel's key signed what replaces it. README.md lists every attack with the
/// test that covers it.
@Suite("Sync against an attacker", .serialized, .timeLimit(.minutes(5)))
struct TrustAttackTests {
    typealias World = SyncFaultTests.World

    static func manifestData(_ world: World) throws -> Data {
        try Data(contentsOf: world.fixture.bundle.appendingPathComponent(Manifest.fileName))
    }

    @Test("indefinite freeze: the same old manifest served for ever turns expired, and a mirror says so")
    func indefiniteFreeze() throws {
        let world = try World()
        let frozen = try Self.manifestData(world)
        let expires = try Manifest.decode(frozen, source: "m").expires
        let later = expires.addingTimeInterval(60)
        // A server that answers 304 keeps the content playing; the channel's expiry shows it stale.
        #expect(try world.sync.syncOnce(now: later) == .unchanged(version: 1))
        var state = ChannelState(world.sync.config, observed: later)
        state.expires = expires
        #expect(state.stale)
        // A mirror that serves the frozen bytes whole is refused as expired, by name.
        world.server.inject("/manifest.json", [.respond(status: 200, headers: [], body: frozen)])
        #expect {
            try world.sync.syncOnce(now: later)
        } throws: { error in
            guard let error = error as? SyncError, error.code == .expired(expires) else { return false }
            return error.reason.contains("expired at \(ISO8601.format(expires))")
        }
        world.expectVersionOneIntact()
    }

    @Test("mix-and-match: version 2's manifest with version 1's signature, or an asset of another version")
    func mixAndMatch() throws {
        let world = try World()
        let signatureV1 = try Data(
            contentsOf: world.fixture.bundle.appendingPathComponent(Manifest.signatureFileName))
        try world.publishNext()
        world.server.inject("/" + Manifest.signatureFileName, [.replace(signatureV1)])
        world.expectFailure(.signature)
        let v2 = try Manifest.decode(try Self.manifestData(world), source: "m")
        let v1 = try #require(world.sync.cache.load(keys: [world.fixture.publicKey]).manifest)
        let fresh = try #require(Set(v2.assets.keys).subtracting(v1.assets.keys).first)
        let (oldReference, oldAsset) = try #require(v1.assets.first { v2.assets[$0.key] == nil })
        let oldBytes = try Data(contentsOf: world.sync.cache.objectURL(oldReference, type: oldAsset.type))
        world.server.inject("/assets/" + Manifest.hex(of: fresh), [.replace(oldBytes)])
        #expect {
            try world.sync.syncOnce()
        } throws: { error in
            switch (error as? SyncError)?.code {
            case .hashMismatch, .wrongSize: true
            default: false
            }
        }
        world.expectVersionOneIntact()
    }

    @Test("key compromise: after a rotation that removes the old key, what it signs is refused")
    func keyRotation() throws {
        let world = try World()
        let (newSecret, newPublic) = SecretKey.generate()
        // The publisher rotates: version 2 is signed with the new key, which the kiosk holds too.
        var config = world.fixture.config(
            baseURL: world.server.baseURL, cache: world.cacheFolder.url, extraKeys: [newPublic])
        let both = try ChannelSync(config: config.channels[0], settings: SyncSettings(config: config))
        world.fixture.writeSource(slides: 3, revision: 2, changed: [0])
        try world.fixture.publish(key: newSecret)
        guard case .updated(version: 2, _, _) = try both.syncOnce() else {
            Issue.record("the rotated key's version 2 was not taken")
            return
        }
        // The old key is removed from the config; whoever still holds it signs version 3.
        config.channels[0].source = .bundle(url: world.server.baseURL + "/manifest.json", keys: [newPublic.base64])
        let rotated = try ChannelSync(config: config.channels[0], settings: SyncSettings(config: config))
        world.fixture.writeSource(slides: 3, revision: 3, changed: [0])
        try world.fixture.publish(key: world.fixture.secret)
        #expect {
            try rotated.syncOnce()
        } throws: { error in
            guard let error = error as? SyncError, error.code == .signature else { return false }
            if case .keyMismatch = error.cause as? MinisignError { return true }
            return false
        }
        let loaded = rotated.cache.load(keys: [newPublic])
        #expect(loaded.manifest?.version == 2 && loaded.problems.isEmpty)
    }

    @Test("a redirect to another host is followed, and the signature still decides")
    func redirectAcrossHosts() throws {
        let world = try World()
        try world.publishNext()
        let elsewhere = world.server.baseURL.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        world.server.inject(
            "/manifest.json",
            [.respond(status: 302, headers: ["Location: \(elsewhere)/manifest.json"], body: Data())])
        guard case .updated(version: 2, _, _) = try world.sync.syncOnce() else {
            Issue.record("the redirected, signed version 2 was not taken")
            return
        }
    }

    @Test("a redirect to a malicious mirror with its own key is refused by the signature")
    func redirectToMirror() throws {
        let world = try World()
        let mirror = BundleFixture()
        mirror.writeSource(slides: 3, revision: 9, changed: [0, 1, 2])
        try mirror.publish()
        let server = try FaultyHTTPServer(root: mirror.bundle)
        defer { server.stop() }
        for file in [Manifest.fileName, Manifest.signatureFileName] {
            world.server.inject(
                "/" + file, [.respond(status: 302, headers: ["Location: \(server.baseURL)/\(file)"], body: Data())])
        }
        world.expectFailure(.signature)
    }

    @Test(
        "redirects to file:, ftp: and in a loop are refused before anything is read",
        arguments: [
            "file:///etc/passwd", "ftp://127.0.0.1:1/manifest.json", "LOOP",
        ])
    func redirectSchemes(target: String) throws {
        let world = try World()
        try world.publishNext()
        let location = target == "LOOP" ? world.server.baseURL + "/manifest.json" : target
        let redirect = FaultyHTTPServer.Fault.respond(status: 302, headers: ["Location: \(location)"], body: Data())
        world.server.inject("/manifest.json", Array(repeating: redirect, count: 10))
        world.expectFailure(.transfer) { error in
            error.httpCode == .other && !error.reason.contains("root:")
        }
    }

    @Test("a compressed body is not expanded: a gzip bomb costs its compressed size and fails the signature")
    func compressedBodies() throws {
        let world = try World()
        try world.publishNext()
        let bomb = world.cacheFolder.url.appendingPathComponent("bomb.gz")
        let made = try ExternalTool.run(["/bin/sh", "-c", "head -c 50000000 /dev/zero | gzip -9 -c > '\(bomb.path)'"])
        #expect(made.status == 0)
        let body = try Data(contentsOf: bomb)
        #expect(body.count < Manifest.maxBytes)
        world.server.inject(
            "/manifest.json", [.respond(status: 200, headers: ["Content-Encoding: gzip"], body: body)])
        _ = world.server.takeBytesSent()
        world.expectFailure(.signature)
        #expect(world.server.takeBytesSent() < 2 * body.count + 4096)
    }

    @Test("a captive portal's login page instead of the manifest and its signature is refused")
    func captivePortal() throws {
        let world = try World()
        try world.publishNext()
        let page = FaultyHTTPServer.Fault.respond(
            status: 200, headers: ["Content-Type: text/html"],
            body: Data("<!DOCTYPE html><html><body>Log in to Ängsby Wi-Fi</body></html>".utf8))
        world.server.inject("/manifest.json", [page])
        world.server.inject("/" + Manifest.signatureFileName, [page])
        world.expectFailure(.signature)
        #expect(!world.server.takeRequests().contains { $0.path.hasPrefix("/assets/") })
    }

    @Test("endless data: a manifest without a length that never ends is cut at the cap")
    func endlessManifest() throws {
        let world = try World()
        world.server.inject("/manifest.json", [.endless(0x20)])
        world.expectFailure(http: .tooLarge)
    }

    @Test("slow retrieval: a server that drips a few bytes a second is given up as stalled")
    func slowRetrieval() throws {
        let world = try World()
        try world.publishNext()
        world.server.inject("/manifest.json", [.slow(bytesPerSecond: 10)])
        let start = Date()
        world.expectFailure(http: .timeout)
        #expect(Date().timeIntervalSince(start) < 8)
    }

    @Test("fast-forward: a version far ahead that the channel's key did not sign leaves later versions alone")
    func fastForwardVersion() throws {
        let world = try World()
        let bundle = world.fixture.bundle
        let signatureV1 = try Data(contentsOf: bundle.appendingPathComponent(Manifest.signatureFileName))
        let manifestV1 = try Self.manifestData(world)
        var ahead = try Manifest.decode(manifestV1, source: "m")
        ahead.version = 1_000_000
        try world.fixture.serveSigned(ahead.encode(), key: SecretKey.generate().0)
        world.expectFailure(.signature)
        // The publisher's own bundle folder is intact; its next version is 2.
        try manifestV1.write(to: bundle.appendingPathComponent(Manifest.fileName))
        try signatureV1.write(to: bundle.appendingPathComponent(Manifest.signatureFileName))
        try world.publishNext()
        guard case .updated(version: 2, _, _) = try world.sync.syncOnce() else {
            Issue.record("version 2 was refused after the forged version")
            return
        }
    }

    @Test("fast-forward in time: a manifest published in 2099 is refused, so it never distrusts the clock")
    func publishedFarAhead() throws {
        let world = try World()
        world.fixture.writeSource(slides: 3, revision: 2, changed: [0])
        let published = try #require(ISO8601.parse("2099-01-01T00:00:00Z"))
        try world.fixture.publish(now: published)
        #expect {
            try world.sync.syncOnce()
        } throws: { error in
            guard let error = error as? SyncError, case .publishedAhead(published, let reference) = error.code else {
                return false
            }
            return abs(reference.timeIntervalSinceNow) < 60 && error.reason.contains("2099-01-01")
        }
        world.expectVersionOneIntact()
        #expect(!world.server.takeRequests().contains { $0.path.hasPrefix("/assets/") })
    }

    @Test("the server's Date decides how far ahead a publication may lie, not the kiosk's clock")
    func serverDateIsTheReference() throws {
        let world = try World()
        try world.publishNext()
        let body = try Self.manifestData(world)
        let published = try Manifest.decode(body, source: "m").published
        let serverDate = "Date: " + FaultyHTTPServer.httpDate(published.addingTimeInterval(60))
        let kioskIn1970 = Date(timeIntervalSince1970: 0)
        // A kiosk whose clock booted in 1970 takes a manifest the server's time vouches for ...
        world.server.inject("/manifest.json", [.respond(status: 200, headers: [serverDate], body: body)])
        guard case .updated(version: 2, _, _) = try world.sync.syncOnce(now: kioskIn1970) else {
            Issue.record("a manifest the server's Date vouches for was refused")
            return
        }
        // ... and a kiosk whose clock runs in 2099 does not take one the server's time refutes.
        world.fixture.writeSource(slides: 3, revision: 3, changed: [0])
        let ahead = try world.fixture.publish(now: published.addingTimeInterval(70 * 365 * 86400))
        world.server.inject(
            "/manifest.json", [.respond(status: 200, headers: [serverDate], body: try Self.manifestData(world))])
        #expect {
            try world.sync.syncOnce(now: ahead.published)
        } throws: { error in
            guard case .publishedAhead = (error as? SyncError)?.code else { return false }
            return true
        }
    }

    @Test("HTTP dates are read as IMF-fixdates; anything else is no evidence")
    func httpDates() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == ISO8601.parse("1994-11-06T08:49:37Z"))
        #expect(HTTPDate.parse("Sat, 29 Feb 2092 23:59:59 GMT") == ISO8601.parse("2092-02-29T23:59:59Z"))
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 CET") == nil)
        #expect(HTTPDate.parse("") == nil)
    }

    @Test("extraneous dependencies: a slide whose medium the manifest does not sign is refused unfetched")
    func extraneousDependency() throws {
        let world = try World()
        try world.publishNext()
        var manifest = try Manifest.decode(try Self.manifestData(world), source: "m")
        let dropped = try #require(manifest.assets.keys.sorted().first)
        manifest.assets[dropped] = nil
        manifest.version = 2
        try world.fixture.serveSigned(manifest.encode())
        world.expectFailure(.manifestInvalid)
        #expect(!world.server.takeRequests().contains { $0.path.hasPrefix("/assets/") })
    }
}
