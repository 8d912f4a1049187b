import Foundation
import SkyltBundle
import SkyltStudio
import SkyltTestSupport
import Testing

@Suite("studio: encrypted key files")
struct KeyPasswordTests {
    @Test("the password comes from the environment first, else from the systemd credential")
    func source() throws {
        let folder = TemporaryFolder()
        try Data("from credential\n".utf8).write(to: folder.file("key-password"))
        let credentials = ["CREDENTIALS_DIRECTORY": folder.url.path]
        #expect(KeyPassword.fromEnvironment(credentials) == "from credential")
        #expect(
            KeyPassword.fromEnvironment(credentials.merging(["SKYLT_STUDIO_KEY_PASSWORD": "from env"]) { $1 })
                == "from env")
        #expect(KeyPassword.fromEnvironment([:]) == nil)
        #expect(KeyPassword.fromEnvironment(["CREDENTIALS_DIRECTORY": folder.file("none").path]) == nil)
    }

    @Test("with a password a rotated key is written encrypted, signs with it, and cannot be read without it")
    func encryptedRotation() throws {
        let harness = try WebHarness()
        let studio = harness.studio
        studio.keyPassword = "a long key password"
        let demo = try studio.channel(named: "demo")
        let key = try studio.rotateKey(of: demo)
        let keys = harness.data.appendingPathComponent("keys")
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: keys.path).first { $0.hasPrefix("demo-") })
        let text = try String(contentsOf: keys.appendingPathComponent(file), encoding: .utf8)
        #expect(text.hasPrefix("untrusted comment: minisign encrypted secret key"))
        let mode =
            try FileManager.default.attributesOfItem(atPath: keys.appendingPathComponent(file).path)[.posixPermissions]
            as? Int
        #expect(mode == 0o600)
        _ = try studio.publish(channel: "demo")
        let site = harness.site.appendingPathComponent("demo")
        #expect(BundleCheck.verify(folder: site, keys: [try PublicKey(base64: key.publicKey)]).manifest != nil)
        studio.keyPassword = nil
        do {
            _ = try studio.publish(channel: "demo")
            Issue.record("published without the key's password")
        } catch {
            #expect(error.code == .keyUnreadable)
        }
        // The unencrypted key of another channel still signs without a password.
        _ = try studio.publish(channel: "other")
    }
}
