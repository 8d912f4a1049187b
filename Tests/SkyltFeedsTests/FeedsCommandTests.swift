import Foundation
import SkyltBundle
import SkyltCore
import SkyltTestSupport
import Testing

/// `skylt feeds` as an operator runs it: the built binary, a config file, a key file.
@Suite("skylt feeds on the command line", .timeLimit(.minutes(5)))
struct FeedsCommandTests {
    let folder = TemporaryFolder()

    func run(_ arguments: [String]) throws -> ExternalTool.Result {
        try ExternalTool.run([Repository.skyltBinary.path] + arguments, environment: ["SKYLT_KEY_PASSWORD": ""])
    }

    func writeConfig(_ text: String) throws -> String {
        let (secret, _) = SecretKey.generate()
        try secret.fileText(password: nil).write(to: folder.file("larm.key"), atomically: true, encoding: .utf8)
        try Data(text.utf8).write(to: folder.file("feeds.json"))
        return folder.file("feeds.json").path
    }

    @Test("--help names every option, the config's fields and the fetch rules")
    func help() throws {
        let result = try run(["feeds", "--help"])
        #expect(result.status == 0)
        for word in [
            "--config", "--site", "--state", "--once", "contact", "expiresDays", "Retry-After", "If-None-Match",
        ] {
            #expect(result.stdout.contains(word), "missing: \(word)")
        }
    }

    @Test("--once with a wrong config exits 1 and names the file and the field")
    func wrongConfig() throws {
        let config = try writeConfig(
            #"{"contact": "a@b.se", "channels": [{"name": "larm", "key": "larm.key", "sources": [{"type": "rss", "url": "https://x.example.se/rss", "itmes": 5}]}]}"#
        )
        let result = try run(["feeds", "--config", config, "--site", folder.file("site").path, "--once"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(config) && result.stderr.contains("channels[0].sources[0].itmes"))
    }

    @Test("--once with a missing key exits 1 and names the key file")
    func missingKey() throws {
        let config = try writeConfig(
            #"{"contact": "a@b.se", "channels": [{"name": "larm", "key": "saknas.key", "sources": []}]}"#)
        let result = try run(["feeds", "--config", config, "--site", folder.file("site").path, "--once"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("saknas.key"))
    }

    @Test("--once runs a round, prints its summary and exits 0")
    func once() throws {
        let config = try writeConfig(
            #"{"contact": "a@b.se", "channels": [{"name": "larm", "key": "larm.key", "sources": []}]}"#)
        let result = try run([
            "feeds", "--config", config, "--site", folder.file("site").path, "--state", folder.file("state").path,
            "--once",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 sources fetched, 0 unchanged, 0 failed; 0 channels published"))
    }
}
