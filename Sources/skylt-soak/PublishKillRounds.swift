import Foundation
import SkyltBundle
import SkyltCore
import SkyltTestSupport

/// SIGKILLs `skylt publish` at random moments of its run while each round changes some of
/// the playlist's media. After each kill the site folder must hold exactly the bundle from
/// before or the new one, as `skylt verify`'s checks see it: a signature that verifies, the
/// manifest of one of the two versions, and every asset it names whole.
struct PublishKillRounds {
    static let slides = 6
    let binary: URL
    let fixture = BundleFixture(slides: PublishKillRounds.slides)
    let key: URL

    init(binary: URL) throws {
        self.binary = binary
        key = fixture.work.write("channel.key", fixture.secret.fileText(password: nil))
    }

    var arguments: [String] {
        ["publish", fixture.source.path, "--key", key.path, "--out", fixture.bundle.path, "--channel", "kommun"]
    }

    func run(kills: Int, _ random: inout SeededRandom) throws -> KillSoak.Tally {
        var revision = 1
        let typical = try KillSoak.timeRun(binary, arguments)
        var tally = KillSoak.Tally()
        var round = 0
        while tally.kills < kills, round < kills * 3 {
            defer { round += 1 }
            revision += 1
            let changed = Set((0..<Self.slides).filter { _ in Bool.random(using: &random) }.prefix(3))
            fixture.writeSource(slides: Self.slides, revision: revision, changed: changed.isEmpty ? [0] : changed)
            let before = PublishedSite.head(of: fixture.bundle)
            let delay = Double.random(in: 0...(typical * 1.1), using: &random)
            guard try KillSoak.runAndKill(binary, arguments, after: delay).killed else {
                tally.finishedFirst += 1
                continue
            }
            tally.kills += 1
            if let problem = PublishedSite.inconsistency(
                of: fixture.bundle, keys: [fixture.publicKey], before: before)
            {
                tally.inconsistent.append("publish round \(round): \(problem)")
            }
            if tally.kills % 200 == 0 {
                say("soak publish: \(tally.kills) kills, \(tally.inconsistent.count) inconsistent")
            }
        }
        // After the storm a normal publish finishes the job.
        let before = PublishedSite.head(of: fixture.bundle)
        _ = try KillSoak.timeRun(binary, arguments)
        let after = PublishedSite.head(of: fixture.bundle)
        if after?.version != (before?.version ?? 0) + 1
            || PublishedSite.inconsistency(of: fixture.bundle, keys: [fixture.publicKey], before: before) != nil
        {
            tally.inconsistent.append("the publish after the last kill did not leave a whole new version")
        }
        return tally
    }
}
