import Foundation
import SkyltBundle
import SkyltCore
import SkyltSync
import SkyltTestSupport
import Testing

/// Power cuts during sync: `skylt sync --once` is killed with SIGKILL at random moments while
/// new versions arrive slowly. After every kill the cache must be consistent: every object
/// matches its hash, and the current program is the old one or the new one, never a mix.
@Suite("Sync survives SIGKILL", .serialized, .timeLimit(.minutes(10)))
struct SyncCrashTests {
    static let kills = 30

    @Test("30 kills at random moments leave a consistent cache")
    func kills() throws {
        let fixture = BundleFixture(slides: 6)
        try fixture.publish()
        let server = try FaultyHTTPServer(root: fixture.bundle)
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
        var killed = 0
        var completed = 0
        var switched = 0
        for round in 0..<Self.kills {
            let before = channelCache.load(keys: [fixture.publicKey]).manifest?.version
            // A new version every round but every fifth, with up to three new media, sent slowly.
            if round % 5 != 4 {
                published += 1
                let changed = Set((0..<6).filter { _ in Bool.random(using: &random) }.prefix(3))
                fixture.writeSource(slides: 6, revision: published, changed: changed.isEmpty ? [0] : changed)
                try fixture.publish()
                let manifest = try Manifest.decode(
                    try Data(contentsOf: fixture.bundle.appendingPathComponent(Manifest.fileName)), source: "m")
                for reference in manifest.assets.keys {
                    server.inject(
                        "/assets/" + Manifest.hex(of: reference),
                        Array(repeating: .slow(bytesPerSecond: 6000), count: 3))
                }
            }
            let process = Process()
            process.executableURL = Repository.skyltBinary
            process.arguments = ["sync", "--config", configFile.path, "--once"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kills land anywhere: before the manifest, mid-asset, around the switch, during clean-up.
            Thread.sleep(forTimeInterval: Double.random(in: 0.01...1.4, using: &random))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            } else {
                completed += 1
            }
            process.waitUntilExit()

            // Consistent: the current program verifies whole, and is the old or the new version.
            let loaded = channelCache.load(keys: [fixture.publicKey])
            #expect(loaded.problems.isEmpty, "round \(round): \(loaded.problems)")
            #expect(loaded.reading?.problems.isEmpty ?? true, "round \(round)")
            if loaded.manifest?.version != before { switched += 1 }
            if let version = loaded.manifest?.version {
                #expect(
                    version == before || version == published,
                    "round \(round): v\(version), was \(before ?? 0), offered \(published)")
                #expect(loaded.reading?.playlist?.slides.count == 6)
            }
            // Every object is whole: its name is its hash.
            let objects = cache.file("c/kommun/objects")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: objects.path)) ?? []
            where !name.hasPrefix(".") {
                let hash = try SHA256Hasher.hashFile(objects.appendingPathComponent(name))
                #expect(name.hasPrefix(hash.hex), "round \(round): \(name) is damaged")
            }
        }
        print(
            "figure: \(killed) of \(Self.kills) syncs killed mid-way, \(completed) completed first, \(switched) rounds switched version"
        )
        #expect(killed >= 15)
        #expect(switched >= 3, "no kill came after a switch; the test would not see a new version")
        // After the storm a normal sync finishes the job.
        let final = try ExternalTool.run([Repository.skyltBinary.path, "sync", "--config", configFile.path, "--once"])
        #expect(final.status == 0, "\(final.stdout)")
        #expect(channelCache.load(keys: [fixture.publicKey]).manifest?.version == published)
    }
}
