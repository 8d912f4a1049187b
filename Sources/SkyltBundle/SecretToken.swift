internal import CSodium
import FoundationEssentials
import SkyltCore

/// Random secrets handed to browsers (session cookies, CSRF tokens): 32 bytes from libsodium's
/// generator, so that a token cannot be guessed, in base64url without padding, so that it goes
/// into a cookie or a form field as it is.
public enum SecretToken {
    /// 256 bits: guessing a live token is out of reach however many requests are made.
    public static let byteCount = 32

    /// A new token: 43 characters of `A–Z a–z 0–9 - _`.
    public static func make() -> String {
        Data(Sodium.random(byteCount)).base64EncodedString()
            .replacingAll("+", with: "-")
            .replacingAll("/", with: "_")
            .replacingAll("=", with: "")
    }

    /// The SHA-256 of the token's text as 64 hex digits: what the database keeps instead of
    /// the token, so that a copy of the database does not hand out live sessions.
    public static func sha256Hex(_ token: String) -> String {
        var hasher = SHA256Hasher()
        hasher.update(Data(token.utf8))
        return hasher.finalHex()
    }

    /// Whether `a` and `b` are the same text, in a time that does not depend on where they
    /// differ: both are hashed first, and the digests compared with `sodium_memcmp`, so that
    /// neither the length nor a common prefix leaks through timing.
    public static func equal(_ a: String, _ b: String) -> Bool {
        Sodium.ensureReady()
        let left = digest(a)
        let right = digest(b)
        return sodium_memcmp(left, right, left.count) == 0
    }

    private static func digest(_ text: String) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        let bytes = Array(text.utf8)
        crypto_hash_sha256(&out, bytes, UInt64(bytes.count))
        return out
    }
}
