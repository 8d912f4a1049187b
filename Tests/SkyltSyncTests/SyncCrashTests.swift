import Foundation
import SkyltBundle
import SkyltCore
import SkyltSync
import SkyltTestSupport
import Testing

/// Power cuts during sync: `skylt sync --once` is killed with SIGKILL while new versions
/// arrive slowly. After every kill the cache must be consistent: every object matches its
/// hash, and the current program is the old one or the new one, never a mix.
///
/// Rounds come in a fixed pattern, so what must hold does not depend on the machine's speed:
/// some kills land while the server holds an asset half sent (certainly mid-sync), some at a
/// random moment (before the manifest, around the switch, during clean-up), and some syncs
/// run to the end (so later kills have a new version to lose).
@Suite("Sync survives SIGKILL", .serialized, .timeLimit(.minutes(10)))
struct SyncCrashTests {
    static let rounds = 30

    enum Round {
        /// Killed while the server holds an asset transfer half done.
        case killMidTransfer
        /// Killed after a random delay, wherever the sync is then.
        case killAnywhere
        /// Left to finish.
        case complete

        init(_ round: Int) {
            switch round % 5 {
            case 0, 2: self = .killMidTransfer
            case 3: self = .complete
            default: self = .killAnywhere
            }
        }

        /// Every fifth round offers no new version: the sync only checks.
        static func publishes(_ round: Int) -> Bool { round % 5 != 4 }
    }

    @Test("kills mid-transfer and at random moments leave a consistent cache")
    func kills() throws {
        let fixture = BundleFixture(slides: 6)
        try fixture.publish()
        let server = try FaultyHTTPServer(root: fixture.bundle)
        defer { server.stop() }
        let cache = TemporaryFolder()
        let configFile = cache.write(
            "config.json",
            #"""
            {"id": "k", "cacheDirectory": "\#(cache.file("c").path)", "stateDirectory": "\#(cache.file("s").path)",
             "diskReserveBytes": 0,
             "channels": [{"name": "kommun", "url": "\#(server.baseURL)/manifest.json", "keys": ["\#(fixture.publicKey.base64)"]}]}
            """#)
        let channelCache = ChannelCache(root: cache.file("c"), channel: "kommun")
        var random = SeededRandom(seed: 20_261_124)
        var published = 1
        var midTransfer = 0
        var switched = 0
        for round in 0..<Self.rounds {
            let kind = Round(round)
            let before = channelCache.load(keys: [fixture.publicKey]).manifest?.version
            server.clearFaults()
            if Round.publishes(round) {
                published += 1
                try publish(fixture, revision: published, on: server, hold: kind == .killMidTransfer, &random)
            }
            let process = Process()
            process.executableURL = Repository.skyltBinary
            process.arguments = ["sync", "--config", configFile.path, "--once"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let held = server.heldTransfers
            try process.run()
            switch kind {
            case .killMidTransfer:
                #expect(Poll.until { server.heldTransfers > held }, "round \(round): no asset transfer began")
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                server.releaseHeld()
                #expect(process.terminationReason == .uncaughtSignal, "round \(round): the sync ended first")
                if process.terminationReason == .uncaughtSignal { midTransfer += 1 }
            case .killAnywhere:
                Thread.sleep(forTimeInterval: Double.random(in: 0.01...1.4, using: &random))
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
            case .complete:
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "round \(round)")
            }
            let version = expectConsistent(channelCache, fixture, round: round, before: before, offered: published)
            if version != before { switched += 1 }
            if kind == .complete { #expect(version == published, "round \(round): a finished sync did not switch") }
        }
        print("figure: \(midTransfer) kills mid-transfer, \(switched) of \(Self.rounds) rounds switched version")
        #expect(midTransfer == (0..<Self.rounds).filter { Round($0) == .killMidTransfer }.count)
        // After the storm a normal sync finishes the job.
        server.clearFaults()
        let final = try ExternalTool.run([Repository.skyltBinary.path, "sync", "--config", configFile.path, "--once"])
        #expect(final.status == 0, "\(final.stdout)")
        #expect(channelCache.load(keys: [fixture.publicKey]).manifest?.version == published)
    }

    /// Publishes `revision` with up to three new media, each sent slowly; with `hold`, the
    /// first request for any asset stops half way until the test releases it.
    private func publish(
        _ fixture: BundleFixture, revision: Int, on server: FaultyHTTPServer, hold: Bool,
        _ random: inout SeededRandom
    ) throws {
        let changed = Set((0..<6).filter { _ in Bool.random(using: &random) }.prefix(3))
        fixture.writeSource(slides: 6, revision: revision, changed: changed.isEmpty ? [0] : changed)
        try fixture.publish()
        let manifest = try Manifest.decode(
            try Data(contentsOf: fixture.bundle.appendingPathComponent(Manifest.fileName)), source: "m")
        for reference in manifest.assets.keys {
            let slow = Array(repeating: FaultyHTTPServer.Fault.slow(bytesPerSecond: 6000), count: 3)
            server.inject("/assets/" + Manifest.hex(of: reference), (hold ? [.hold(afterBytes: 500)] : []) + slow)
        }
    }

    /// The current program verifies whole and is the old or the offered version; every object
    /// is whole (its name is its hash). Returns the current version.
    private func expectConsistent(
        _ channelCache: ChannelCache, _ fixture: BundleFixture, round: Int, before: Int?, offered: Int
    ) -> Int? {
        let loaded = channelCache.load(keys: [fixture.publicKey])
        #expect(loaded.problems.isEmpty, "round \(round): \(loaded.problems)")
        #expect(loaded.reading?.problems.isEmpty ?? true, "round \(round)")
        if let version = loaded.manifest?.version {
            #expect(
                version == before || version == offered,
                "round \(round): v\(version), was \(before ?? 0), offered \(offered)")
            #expect(loaded.reading?.playlist?.slides.count == 6)
        }
        let objects = channelCache.folder.appendingPathComponent("objects")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: objects.path)) ?? []
        where !name.hasPrefix(".") {
            let hash = try? SHA256Hasher.hashFile(objects.appendingPathComponent(name))
            #expect(hash.map { name.hasPrefix($0.hex) } == true, "round \(round): \(name) is damaged")
        }
        return loaded.manifest?.version
    }
}
