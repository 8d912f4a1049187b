import Foundation
import SkyltCore
import SkyltSync
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
}
