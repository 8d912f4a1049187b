internal import CSodium
public import FoundationEssentials
import SkyltCore

/// The libsodium calls Skylt makes, each a thin wrapper that takes and gives Swift bytes.
/// `sodium_init` runs once, before the first call.
enum Sodium {
    private static let ready: Bool = sodium_init() >= 0

    static func ensureReady() { precondition(ready, "libsodium could not be initialised") }

    static func random(_ count: Int) -> [UInt8] {
        ensureReady()
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    /// A new Ed25519 key pair: (public 32 bytes, secret 64 bytes).
    static func signKeyPair() -> (public: [UInt8], secret: [UInt8]) {
        ensureReady()
        var pk = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
        var sk = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
        crypto_sign_keypair(&pk, &sk)
        return (pk, sk)
    }

    /// An Ed25519 detached signature (64 bytes).
    static func sign(_ message: [UInt8], secret: [UInt8]) -> [UInt8] {
        ensureReady()
        var signature = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
        crypto_sign_detached(&signature, nil, message, UInt64(message.count), secret)
        return signature
    }

    static func verify(_ signature: [UInt8], _ message: [UInt8], publicKey: [UInt8]) -> Bool {
        ensureReady()
        guard signature.count == Int(crypto_sign_BYTES), publicKey.count == Int(crypto_sign_PUBLICKEYBYTES) else {
            return false
        }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }

    /// BLAKE2b with an output of `length` bytes (32 or 64 here).
    static func blake2b(_ bytes: [UInt8], length: Int) -> [UInt8] {
        ensureReady()
        var out = [UInt8](repeating: 0, count: length)
        crypto_generichash(&out, length, bytes, UInt64(bytes.count), nil, 0)
        return out
    }

    /// scrypt (xsalsa20/8, SHA-256) as minisign uses it to encrypt secret keys.
    static func scrypt(password: [UInt8], salt: [UInt8], opsLimit: UInt64, memLimit: UInt64, length: Int) -> [UInt8]? {
        ensureReady()
        var out = [UInt8](repeating: 0, count: length)
        let status = password.withUnsafeBufferPointer { pw in
            pw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: pw.count) {
                crypto_pwhash_scryptsalsa208sha256(
                    &out, UInt64(length), $0, UInt64(pw.count), salt, opsLimit, Int(memLimit))
            }
        }
        return status == 0 ? out : nil
    }
}

/// SHA-256 over data that arrives in pieces (media files of hundreds of megabytes).
public struct SHA256Hasher {
    private var state = crypto_hash_sha256_state()

    public init() {
        Sodium.ensureReady()
        crypto_hash_sha256_init(&state)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        crypto_hash_sha256_update(&state, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }

    public mutating func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

    /// The digest as 64 lowercase hex digits.
    public mutating func finalHex() -> String {
        var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        crypto_hash_sha256_final(&state, &digest)
        return digest.hex
    }

    /// Hashes a regular file in 1 MiB pieces; `progress` gets the bytes done so far. Anything
    /// else (a FIFO would block for ever) is refused with a `RegularFileError`.
    public static func hashFile(_ url: URL, progress: (Int) -> Void = { _ in }) throws -> (hex: String, size: Int) {
        let file = try POSIXFile.openRegular(url.path)
        var hasher = SHA256Hasher()
        var size = 0
        while case let chunk = try file.read(upTo: 1 << 20), !chunk.isEmpty {
            hasher.update(chunk)
            size += chunk.count
            progress(size)
        }
        return (hasher.finalHex(), size)
    }
}

extension Array where Element == UInt8 {
    var hex: String { NumberText.hex(self) }
}
