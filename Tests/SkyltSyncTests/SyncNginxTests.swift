import Foundation
import SkyltBundle
import SkyltCore
import SkyltSync
import SkyltTestSupport
import Testing

/// Plain serving by Debian's nginx, as a village's bundle would be hosted.
@Suite("Sync from nginx", .serialized, .timeLimit(.minutes(10)))
struct SyncNginxTests {
    @Test("happy path, an unchanged poll (one 304), and a one-slide change in 50 (only its asset)")
    func nginx() throws {
        let fixture = BundleFixture(slides: 50)
        try fixture.publish()
        let server = try NginxServer(root: fixture.bundle)
        let cache = TemporaryFolder()
        let config = fixture.config(baseURL: server.baseURL, cache: cache.url)
        let sync = try ChannelSync(config: config.channels[0], settings: SyncSettings(config: config))

        guard case .updated(version: 1, assetsFetched: 50, _) = try sync.syncOnce() else {
            Issue.record("first sync did not fetch version 1 with 50 assets")
            return
        }
        let program = ContentLoader.load(config)
        #expect(program.problems.isEmpty, "\(program.problems)")
        #expect(program.program.slides.count == 50)
        let first = server.log()
        #expect(first.filter { $0.path.hasPrefix("/assets/") }.count == 50)

        #expect(try sync.syncOnce() == .unchanged(version: 1))
        let poll = Array(server.log().dropFirst(first.count))
        #expect(poll.count == 1)
        #expect(poll.first?.path == "/manifest.json" && poll.first?.status == 304 && poll.first?.bodyBytes == 0)
        let pollBytes = poll.reduce(0) { $0 + $1.bytesSent + $1.requestBytes }
        print("figure: unchanged poll: \(poll.count) request, \(pollBytes) bytes on the wire (request and response)")

        fixture.writeSource(slides: 50, revision: 2, changed: [7])
        try fixture.publish()
        let before = server.log().count
        guard case .updated(version: 2, assetsFetched: 1, _) = try sync.syncOnce() else {
            Issue.record("the change did not fetch exactly one asset")
            return
        }
        let change = Array(server.log().dropFirst(before))
        #expect(change.filter { $0.path.hasPrefix("/assets/") }.count == 1)
        #expect(Set(change.map(\.path)).isSuperset(of: ["/manifest.json", "/manifest.json.minisig"]))
        let changeBytes = change.reduce(0) { $0 + $1.bytesSent + $1.requestBytes }
        print(
            "figure: one-slide change in a 50-slide bundle: \(change.count) requests, \(changeBytes) bytes on the wire")
        let loaded = sync.cache.load(keys: [fixture.publicKey])
        #expect(loaded.manifest?.version == 2 && loaded.problems.isEmpty)
        // The old medium stays as long as the previous manifest needs it; nothing else is kept.
        let objects = try FileManager.default.contentsOfDirectory(
            atPath: sync.cache.folder.appendingPathComponent("objects").path)
        #expect(objects.count == 51)
    }

    @Test("https: the system's CA store decides; a certificate it does not hold is refused")
    func https() throws {
        let fixture = BundleFixture(slides: 2)
        try fixture.publish()
        // A self-signed certificate for 127.0.0.1, made with openssl.
        let keys = TemporaryFolder()
        let certificate = keys.file("cert.pem")
        let made = try ExternalTool.run([
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-addext", "basicConstraints=critical,CA:TRUE",
            "-keyout", keys.file("key.pem").path, "-out", certificate.path,
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let server = try NginxServer(
            root: fixture.bundle, tls: .init(certificate: certificate, key: keys.file("key.pem")))
        let work = TemporaryFolder()
        let config = work.write(
            "config.json",
            #"""
            {"id": "t", "cacheDirectory": "\#(work.file("cache").path)", "diskReserveBytes": 0,
             "channels": [{"name": "kommun", "url": "\#(server.baseURL)/manifest.json", "keys": ["\#(fixture.publicKey.base64)"]}]}
            """#)
        let sync = [Repository.skyltBinary.path, "sync", "--config", config.path, "--once"]

        // Not in the machine's store: refused, and nothing is cached.
        let refused = try ExternalTool.run(sync)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("kommun: error:") && refused.stdout.lowercased().contains("certificate"))
        #expect(server.log().isEmpty, "no request got through")

        // The same certificate in the system's CA bundle, seen only by this process (a private
        // mount namespace): accepted, without any setting of Skylt's.
        let trusted = try ExternalTool.run(
            [
                "unshare", "--mount", "sh", "-c",
                "mount --bind \"$0\" /etc/ssl/certs/ca-certificates.crt && exec \"$@\"", certificate.path,
            ] + sync)
        #expect(trusted.status == 0, "\(trusted.stdout)\(trusted.stderr)")
        #expect(trusted.stdout.contains("kommun: updated to v1"))
    }
}
