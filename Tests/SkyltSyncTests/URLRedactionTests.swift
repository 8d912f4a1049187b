import Foundation
import SkyltBundle
import SkyltCore
import SkyltSync
import SkyltTestSupport
import Testing

/// A secret in a channel's URL (a user, a password, a token in the query) never reaches an
/// error, and so never the log, the status page or `skylt sync`.
@Suite("URLs in errors")
struct URLRedactionTests {
    @Test("only scheme, host, port and path are shown")
    func shown() {
        #expect(
            URLText.shown("https://kiosk:pw@cdn.example.org:8443/kommun/manifest.json?token=s3cret#x")
                == "https://cdn.example.org:8443/kommun/manifest.json")
        #expect(URLText.shown("/var/cache/skylt/kommun") == "/var/cache/skylt/kommun")
        #expect(URLText.shown("sha256:abc") == "sha256:abc")
    }

    @Test("a failed transfer's message and its sync error leave the query out")
    func transferError() throws {
        // Port 1 on loopback refuses at once.
        let url = "http://127.0.0.1:1/kommun/manifest.json?token=s3cret"
        #expect {
            _ = try HTTPClient().get(HTTPRequest(url: url, limits: TransferLimits(maxBytes: 1024)))
        } throws: { error in
            guard let error = error as? HTTPError else { return false }
            return error.code == .connect && !error.description.contains("s3cret")
                && error.description.contains("127.0.0.1:1/kommun/manifest.json")
        }
        let config = ChannelConfig(name: "kommun", source: .bundle(url: url, keys: []))
        #expect(config.source.shown == "http://127.0.0.1:1/kommun/manifest.json")
    }

    @Test("every URL inside a text loses its query, user and fragment; the words around it stay")
    func redactedText() {
        #expect(
            URLText.redacted(
                "http://cdn.example.org/k/manifest.json?key=s3cret: field 'slides': bad; see https://u:pw@x.org/a#frag."
            )
                == "http://cdn.example.org/k/manifest.json: field 'slides': bad; see https://x.org/a.")
        #expect(URLText.redacted("'http://h.example/m.json?token=abc' is not") == "'http://h.example/m.json' is not")
        #expect(URLText.redacted("no URL here: a?b=c") == "no URL here: a?b=c")
        // A URL that does not parse still never shows past its path.
        #expect(URLText.shown("http://h.example/a b|c?key=s3cret") == "http://h.example/a b|c")
    }

    @Test("a signed manifest that does not read names the URL without its query, in every message")
    func manifestProblemsAreRedacted() throws {
        let fixture = BundleFixture()
        try fixture.publish()
        try fixture.serveSigned(Data("{\"format\": 1, \"channel\": ".utf8))
        let server = try FaultyHTTPServer(root: fixture.bundle)
        defer { server.stop() }
        let cache = TemporaryFolder()
        var config = fixture.config(baseURL: server.baseURL, cache: cache.url)
        config.channels[0].source = .bundle(
            url: server.baseURL + "/manifest.json?token=s3cret", keys: [fixture.publicKey.base64])
        let sync = try ChannelSync(config: config.channels[0], settings: SyncSettings(config: config))
        #expect {
            try sync.syncOnce()
        } throws: { error in
            guard let error = error as? SyncError, error.code == .manifestInvalid else { return false }
            return !error.reason.contains("s3cret") && !error.description.contains("s3cret")
                && error.reason.contains(server.baseURL + "/manifest.json")
        }
    }

    @Test("a config's URL that is not http is refused without showing its query")
    func configProblemIsRedacted() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "config.json",
            #"""
            {"channels": [{"name": "k", "url": "ftp://cdn.example.org/m.json?key=s3cret",
              "keys": ["RWTOS4FPX1pLN7PpkXkXxyMY29mY+aPhvG8NWGbEcT39mg2Es6kJcJUD"]}]}
            """#)
        #expect {
            _ = try KioskConfig.load(from: file)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("ftp://cdn.example.org/m.json") && !text.contains("s3cret")
        }
    }
}
