import Foundation
import SkyltBundle
import SkyltCore
import SkyltSync
import SkyltTestSupport

/// SIGKILLs `skylt sync --once` while new versions arrive from the fault-injecting server.
/// Every fourth round holds an asset transfer half done and kills the sync in it (certainly
/// mid-transfer); the others kill it at a random moment of a typical sync (before the
/// manifest, mid-transfer, around the switch, during clean-up). After each kill the cache
/// must load whole: every object matches its hash, and the current version is the old one or
/// the offered one.
struct SyncKillRounds {
    static let slides = 6
    let binary: URL
    let fixture = BundleFixture(slides: SyncKillRounds.slides)
    let work = TemporaryFolder()
    let server: FaultyHTTPServer
    let config: URL
    let cache: ChannelCache

    init(binary: URL) throws {
        self.binary = binary
        try fixture.publish()
        server = try FaultyHTTPServer(root: fixture.bundle)
        config = work.write(
            "config.json",
            #"""
            {"id": "k", "cacheDirectory": "\#(work.file("c").path)", "stateDirectory": "\#(work.file("s").path)",
             "diskReserveBytes": 0,
             "channels": [{"name": "kommun", "url": "\#(server.baseURL)/manifest.json", "keys": ["\#(fixture.publicKey.base64)"]}]}
            """#)
        cache = ChannelCache(root: work.file("c"), channel: "kommun")
    }

    var arguments: [String] { ["sync", "--config", config.path, "--once"] }

    func run(kills: Int, _ random: inout SeededRandom) throws -> KillSoak.Tally {
        defer { server.stop() }
        var published = 1
        // A whole sync of a new version, timed: kills land anywhere in such a run.
        published += 1
        try publish(revision: published, &random)
        let typical = try KillSoak.timeRun(binary, arguments)
        var tally = KillSoak.Tally()
        var round = 0
        while tally.kills < kills, round < kills * 3 {
            defer { round += 1 }
            let before = cache.load(keys: [fixture.publicKey]).manifest?.version
            server.clearFaults()
            if round % 5 != 4 {
                published += 1
                try publish(revision: published, &random)
            }
            let killed: Bool
            if round % 4 == 0 {
                killed = try killMidTransfer()
            } else {
                killed = try KillSoak.runAndKill(
                    binary, arguments, after: Double.random(in: 0...(typical * 1.1), using: &random)
                ).killed
            }
            _ = server.takeRequests()
            guard killed else {
                tally.finishedFirst += 1
                continue
            }
            tally.kills += 1
            if let problem = inconsistency(before: before, offered: published) {
                tally.inconsistent.append("sync round \(round): \(problem)")
            }
            if tally.kills % 200 == 0 {
                say("soak sync: \(tally.kills) kills, \(tally.inconsistent.count) inconsistent")
            }
        }
        // After the storm a normal sync finishes the job.
        server.clearFaults()
        _ = try KillSoak.timeRun(binary, arguments)
        if cache.load(keys: [fixture.publicKey]).manifest?.version != published {
            tally.inconsistent.append("the sync after the last kill did not reach version \(published)")
        }
        return tally
    }

    /// Starts a sync whose first asset transfer the server holds half sent, and kills it there.
    private func killMidTransfer() throws -> Bool {
        let manifest = try Manifest.decode(
            try Data(contentsOf: fixture.bundle.appendingPathComponent(Manifest.fileName)), source: "m")
        for reference in manifest.assets.keys {
            server.inject("/assets/" + Manifest.hex(of: reference), [.hold(afterBytes: 500)])
        }
        let held = server.heldTransfers
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A sync that already has every changed asset holds nothing: it is killed after its end.
        _ = Poll.until(seconds: 5) { server.heldTransfers > held || !process.isRunning }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        server.releaseHeld()
        return process.terminationReason == .uncaughtSignal
    }

    /// Publishes `revision` with up to three of the slides' media new.
    private func publish(revision: Int, _ random: inout SeededRandom) throws {
        let changed = Set((0..<Self.slides).filter { _ in Bool.random(using: &random) }.prefix(3))
        fixture.writeSource(slides: Self.slides, revision: revision, changed: changed.isEmpty ? [0] : changed)
        try fixture.publish()
    }

    /// Why the cache is not whole, or nil: the current program verifies and is the old or the
    /// offered version, and every object's name is its hash.
    func inconsistency(before: Int?, offered: Int) -> String? {
        let loaded = cache.load(keys: [fixture.publicKey])
        if let problem = loaded.problems.first { return problem.description }
        if let problem = loaded.reading?.problems.first { return problem.description }
        if let version = loaded.manifest?.version {
            guard version == before || version == offered else {
                return "version \(version), was \(before ?? 0), offered \(offered)"
            }
            guard loaded.reading?.playlist?.slides.count == Self.slides else { return "slides are missing" }
        } else if before != nil {
            return "the current version is gone"
        }
        let objects = cache.folder.appendingPathComponent("objects")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: objects.path)) ?? []
        where !name.hasPrefix(".") {
            let hash = try? SHA256Hasher.hashFile(objects.appendingPathComponent(name))
            if hash.map({ name.hasPrefix($0.hex) }) != true { return "object \(name) is damaged" }
        }
        return nil
    }
}
