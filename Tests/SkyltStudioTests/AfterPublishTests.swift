import Foundation
@preconcurrency import Glibc
import SkyltBundle
import SkyltCore
import SkyltStore
import SkyltTestSupport
import Testing

@testable import SkyltStudio

/// Serialized: one test sets the process's umask, which every thread shares.
@Suite("studio after-publish command and site modes", .serialized)
struct AfterPublishTests {
    let fixture = StudioFixture()

    @Test("the command runs after the publish with SKYLT_CHANNEL, SKYLT_VERSION and SKYLT_SITE")
    func environment() throws {
        let record = fixture.folder.file("env.txt")
        let script = fixture.script("record.sh", #"env | grep '^SKYLT_' | sort > "$1"; echo synced"#)
        let studio = try fixture.demoStudio(afterPublish: .init(command: [script.path, record.path]))
        let summary = try studio.publish(channel: "demo")
        #expect(summary.afterPublish == AfterPublishResult(outcome: .exited(0), output: "synced\n"))
        let environment = try String(contentsOf: record, encoding: .utf8)
        #expect(
            environment
                == "SKYLT_CHANNEL=demo\nSKYLT_SITE=\(studio.config.site)\nSKYLT_VERSION=1\n")
        #expect(try studio.publication(channel: "demo")?.afterPublish == summary.afterPublish)
        let audit = try studio.database.query("SELECT count(*) FROM audit_log WHERE action = 'channel.after-publish'")
        #expect(audit.first?[0].int == 1)
    }

    @Test("the command sees PATH and HOME, never the key password, the credentials folder or other variables")
    func environmentAllowList() {
        let studio = [
            "PATH": "/usr/bin", "HOME": "/var/lib/skylt-studio", KeyPassword.environmentVariable: "secret",
            "CREDENTIALS_DIRECTORY": "/run/credentials/skylt-studio.service", "INVOCATION_ID": "x",
            "LANG": "sv_SE.UTF-8",
        ]
        #expect(
            AfterPublishRunner.childEnvironment(studio)
                == ["PATH": "/usr/bin", "HOME": "/var/lib/skylt-studio", "LANG": "sv_SE.UTF-8"])
    }

    @Test("a failing command is recorded with its status and output, and the bundle stays published")
    func failure() throws {
        let script = fixture.script("fail.sh", "echo boom >&2; exit 3")
        let studio = try fixture.demoStudio(afterPublish: .init(command: [script.path]))
        let summary = try studio.publish(channel: "demo")
        #expect(summary.version == 1)
        #expect(summary.afterPublish == AfterPublishResult(outcome: .exited(3), output: "boom\n"))
        let publication = try #require(try studio.publication(channel: "demo"))
        #expect(publication.afterPublish?.outcome == .exited(3) && publication.afterPublish?.succeeded == false)
        #expect(publication.afterPublish?.output == "boom\n")
        let (manifest, problems) = try fixture.verifiedManifest(studio, channel: "demo")
        #expect(problems.isEmpty && manifest?.version == 1)
        #expect(try studio.channel(named: "demo").publishedVersion == 1)
        let audit = try studio.database.query(
            "SELECT count(*) FROM audit_log WHERE action = 'channel.after-publish-failed'")
        #expect(audit.first?[0].int == 1)
    }

    @Test("a command past its timeout is stopped with what it started, and recorded as timed out")
    func timeout() throws {
        let script = fixture.script("slow.sh", "echo started; sleep 30; echo never")
        let studio = try fixture.demoStudio(afterPublish: .init(command: [script.path], timeoutSeconds: 1))
        let start = Date()
        let summary = try studio.publish(channel: "demo")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(summary.afterPublish?.outcome == .timedOut)
        #expect(summary.afterPublish?.output == "started\n")
        #expect(try studio.publication(channel: "demo")?.afterPublish?.outcome == .timedOut)
        #expect(try studio.channel(named: "demo").publishedVersion == 1)
    }

    @Test("the command starts with no signal blocked, even when the server blocks SIGTERM in its threads")
    func signalMask() throws {
        // grep itself, not a script: a shell clears its signal mask when it starts.
        let studio = try fixture.demoStudio(afterPublish: .init(command: ["/bin/grep", "SigBlk", "/proc/self/status"]))
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let output = try #require(try studio.publish(channel: "demo").afterPublish?.output)
        let hex = try #require(output.split(separator: "\t").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        let mask = try #require(UInt64(hex, radix: 16), "\(output)")
        #expect(mask == 0, "\(output)")
    }

    @Test("output is cut at 64 KB, and a program that is not an absolute path is not started")
    func limits() throws {
        let script = fixture.script("loud.sh", "yes x | tr -d '\\n' | head -c 200000")
        let studio = try fixture.demoStudio(afterPublish: .init(command: [script.path]))
        let loud = try #require(try studio.publish(channel: "demo").afterPublish)
        #expect(loud.outcome == .exited(0))
        #expect(loud.output.utf8.count < AfterPublishResult.maxOutputBytes + 100)
        #expect(loud.output.hasPrefix(String(repeating: "x", count: 1000)))
        try StudioFixture.configure(data: fixture.data, afterPublish: .init(command: ["true"]))
        let relative = try fixture.open().publish(channel: "demo")
        #expect(relative.version == 2 && relative.afterPublish?.outcome == .notStarted)
    }

    @Test("the site's files are world-readable and its folders open even under umask 077")
    func siteModes() throws {
        let studio = try fixture.demoStudio()
        let previous = umask(0o077)
        defer { umask(previous) }
        _ = try studio.publish(channel: "demo")
        umask(previous)
        let bundle = fixture.site.appendingPathComponent("demo")
        let assets = bundle.appendingPathComponent("assets")
        #expect(try mode(bundle) == 0o755 && mode(assets) == 0o755)
        for name in [Manifest.fileName, Manifest.signatureFileName] {
            #expect(try mode(bundle.appendingPathComponent(name)) == 0o644, "\(name)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: assets.path)
        #expect(files.count == 5)
        for file in files { #expect(try mode(assets.appendingPathComponent(file)) == 0o644, "\(file)") }
        let database = DataFolder(fixture.data).databaseFile
        #expect(try mode(database) & 0o077 == 0)
    }

    private func mode(_ url: URL) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }
}
