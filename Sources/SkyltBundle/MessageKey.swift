internal import CSodium
import FoundationEssentials

/// A secret key for HMAC-SHA-256 (libsodium's `crypto_auth_hmacsha256`): the server signs a
/// value it hands to a browser and checks it when the value comes back, so that a browser
/// cannot make one up. Held in memory only; a new key (a restart) voids what the old signed.
public struct MessageKey: Sendable {
    private let key: [UInt8]

    /// A new random key.
    public init() {
        Sodium.ensureReady()
        var bytes = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_KEYBYTES))
        randombytes_buf(&bytes, bytes.count)
        key = bytes
    }

    /// The tag of `message`, as 64 lowercase hex digits.
    public func tag(_ message: String) -> String {
        var tag = [UInt8](repeating: 0, count: Int(crypto_auth_hmacsha256_BYTES))
        let bytes = Array(message.utf8)
        crypto_auth_hmacsha256(&tag, bytes, UInt64(bytes.count), key)
        return tag.hex
    }

    /// Whether `tag` is the tag of `message`, compared in constant time.
    public func verify(_ tag: String, of message: String) -> Bool {
        SecretToken.equal(self.tag(message), tag)
    }
}
