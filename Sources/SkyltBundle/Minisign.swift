public import FoundationEssentials
import SkyltCore

/// A key or signature in minisign's format could not be read, or does not verify.
public enum MinisignError: Error, Equatable, CustomStringConvertible {
    case malformed(what: String, reason: String)
    case wrongPassword
    case needsPassword
    case keyMismatch(signature: String, key: String)
    case badSignature
    case badGlobalSignature
    case unsupportedAlgorithm(String)

    public var description: String {
        switch self {
        case .malformed(let what, let reason): "\(what) is not in minisign's format: \(reason)"
        case .wrongPassword: "wrong password for the secret key (its checksum does not match)"
        case .needsPassword: "the secret key is encrypted; give its password in SKYLT_KEY_PASSWORD or on a terminal"
        case .keyMismatch(let signature, let key): "signed by key \(signature), not by key \(key)"
        case .badSignature: "the signature does not match the file"
        case .badGlobalSignature: "the trusted comment's signature does not verify"
        case .unsupportedAlgorithm(let name): "unsupported signature algorithm '\(name)'"
        }
    }
}

/// Key ids print as minisign prints them: the 8 bytes read as a little-endian integer, in hex.
/// A key id as minisign prints it: the 8 bytes read as a little-endian integer, in upper-case
/// hex without leading zeros (minisign's `%" PRIX64 "`), so that ids can be compared by eye.
func keyIDText(_ id: [UInt8]) -> String {
    String(id.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, radix: 16, uppercase: true)
}

/// Reads the base64 line after a `untrusted comment:` line.
func payloadLines(_ text: String, what: String) throws(MinisignError) -> [String] {
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmedSpaces }
    guard lines.count >= 2, lines[0].hasPrefix("untrusted comment:") else {
        throw .malformed(what: what, reason: "the first line must be 'untrusted comment: …'")
    }
    return lines
}

func decodeBase64(_ text: String, length: Int, what: String) throws(MinisignError) -> [UInt8] {
    guard let data = Data(base64Encoded: text), data.count == length else {
        throw .malformed(what: what, reason: "expected base64 of \(length) bytes")
    }
    return [UInt8](data)
}

/// Key files are two short lines (a secret key's base64 line is about 220 characters); this
/// leaves room for long comments and refuses anything else before it is read.
public let keyFileMaxBytes = 4096

/// A minisign public key: `Ed` | key id (8) | Ed25519 public key (32).
public struct PublicKey: Sendable, Equatable {
    public let keyID: [UInt8]
    public let key: [UInt8]

    public init(keyID: [UInt8], key: [UInt8]) {
        self.keyID = keyID
        self.key = key
    }

    /// From the base64 line alone ("RWQ…"), as configs and `minisign -P` carry it.
    public init(base64 line: String) throws(MinisignError) {
        let bytes = try decodeBase64(
            line.trimmed, length: 42, what: "public key")
        guard bytes[0] == 0x45, bytes[1] == 0x64 else {
            throw .malformed(what: "public key", reason: "it does not start with 'Ed'")
        }
        keyID = Array(bytes[2..<10])
        key = Array(bytes[10..<42])
    }

    /// From the two-line file that `minisign -G` and `skylt keygen` write.
    public init(fileText: String) throws(MinisignError) {
        let lines = try payloadLines(fileText, what: "public key file")
        try self.init(base64: lines[1])
    }

    public var base64: String { Data([0x45, 0x64] + keyID + key).base64EncodedString() }
    public var keyIDHex: String { keyIDText(keyID) }
    public var fileText: String { "untrusted comment: minisign public key \(keyIDHex)\n\(base64)\n" }
}

/// A minisign secret key:
/// `Ed` | KDF (`Sc` or two zero bytes) | `B2` | salt (32) | opslimit (u64 LE) | memlimit (u64 LE) |
/// key id (8) | Ed25519 secret key (64) | checksum (32), the last 104 bytes XORed with scrypt
/// output when encrypted. checksum = BLAKE2b-256(`Ed` | key id | secret key).
public struct SecretKey: Sendable {
    public let keyID: [UInt8]
    let secret: [UInt8]

    /// scrypt costs for new encrypted keys: minisign's own (interactive-sensitive).
    public static let opsLimit: UInt64 = 33_554_432
    public static let memLimit: UInt64 = 1_073_741_824

    /// A new random key pair.
    public static func generate() -> (SecretKey, PublicKey) {
        let (pk, sk) = Sodium.signKeyPair()
        let id = Sodium.random(8)
        return (SecretKey(keyID: id, secret: sk), PublicKey(keyID: id, key: pk))
    }

    init(keyID: [UInt8], secret: [UInt8]) {
        self.keyID = keyID
        self.secret = secret
    }

    public var publicKey: PublicKey { PublicKey(keyID: keyID, key: Array(secret[32..<64])) }

    private static func checksum(keyID: [UInt8], secret: [UInt8]) -> [UInt8] {
        Sodium.blake2b([0x45, 0x64] + keyID + secret, length: 32)
    }

    /// Reads a secret key file. `password` is asked only when the key is encrypted.
    public init(fileText: String, password: () -> String?) throws(MinisignError) {
        let lines = try payloadLines(fileText, what: "secret key file")
        let bytes = try decodeBase64(lines[1], length: 158, what: "secret key file")
        guard bytes[0] == 0x45, bytes[1] == 0x64, bytes[4] == 0x42, bytes[5] == 0x32 else {
            throw .malformed(what: "secret key file", reason: "expected 'Ed', a KDF and 'B2'")
        }
        var payload = Array(bytes[54..<158])
        let kdf = (bytes[2], bytes[3])
        if kdf == (0x53, 0x63) {
            guard let text = password() else { throw .needsPassword }
            let salt = Array(bytes[6..<38])
            let ops = bytes[38..<46].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let mem = bytes[46..<54].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard ops <= 1 << 34, mem <= 1 << 34,
                let stream = Sodium.scrypt(
                    password: Array(text.utf8), salt: salt, opsLimit: ops, memLimit: mem, length: 104)
            else { throw .malformed(what: "secret key file", reason: "its scrypt parameters are out of range") }
            for index in payload.indices { payload[index] ^= stream[index] }
        } else if kdf != (0, 0) {
            throw .malformed(what: "secret key file", reason: "unknown key derivation")
        }
        let id = Array(payload[0..<8])
        let secret = Array(payload[8..<72])
        let stored = Array(payload[72..<104])
        // minisign -W leaves the checksum of an unencrypted key as zeros.
        let unencryptedWithoutChecksum = kdf == (0, 0) && stored.allSatisfy { $0 == 0 }
        guard unencryptedWithoutChecksum || Self.checksum(keyID: id, secret: secret) == stored else {
            throw kdf == (0, 0)
                ? .malformed(what: "secret key file", reason: "its checksum does not match") : .wrongPassword
        }
        self.init(keyID: id, secret: secret)
    }

    /// The key file; encrypted with scrypt when `password` is given.
    public func fileText(password: String?) -> String {
        var payload = keyID + secret + Self.checksum(keyID: keyID, secret: secret)
        var header: [UInt8] = [0x45, 0x64]
        var salt = [UInt8](repeating: 0, count: 32)
        var ops: UInt64 = 0
        var mem: UInt64 = 0
        if let password {
            header += [0x53, 0x63]
            salt = Sodium.random(32)
            ops = Self.opsLimit
            mem = Self.memLimit
            let stream = Sodium.scrypt(
                password: Array(password.utf8), salt: salt, opsLimit: ops, memLimit: mem, length: 104)!
            for index in payload.indices { payload[index] ^= stream[index] }
        } else {
            header += [0, 0]
        }
        func littleEndian(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8((value >> (8 * UInt64($0))) & 0xFF) } }
        let bytes = header + [0x42, 0x32] + salt + littleEndian(ops) + littleEndian(mem) + payload
        let comment = password == nil ? "minisign secret key" : "minisign encrypted secret key"
        return "untrusted comment: \(comment)\n\(Data(bytes).base64EncodedString())\n"
    }

    /// Signs `data` the way `minisign -S` does: prehashed (`ED`, BLAKE2b-512 of the file), with
    /// a global signature over the signature and the trusted comment.
    public func sign(_ data: Data, trustedComment: String, untrustedComment: String = "signature from skylt secret key")
        -> String
    {
        let hash = Sodium.blake2b([UInt8](data), length: 64)
        let signature = Sodium.sign(hash, secret: secret)
        let global = Sodium.sign(signature + Array(trustedComment.utf8), secret: secret)
        return """
            untrusted comment: \(untrustedComment)
            \(Data([0x45, 0x44] + keyID + signature).base64EncodedString())
            trusted comment: \(trustedComment)
            \(Data(global).base64EncodedString())

            """
    }
}

/// A `.minisig` file: `ED` (prehashed) or legacy `Ed` | key id | signature, a trusted comment,
/// and the global signature over signature and trusted comment.
public struct Signature: Sendable, Equatable {
    public let prehashed: Bool
    public let keyID: [UInt8]
    let signature: [UInt8]
    public let trustedComment: String
    let globalSignature: [UInt8]

    /// The longest trusted comment minisign accepts.
    public static let maxTrustedCommentBytes = 8192
    /// A signature file is four short lines; anything longer is refused before parsing.
    public static let maxFileBytes = 16 << 10

    public init(fileText: String) throws(MinisignError) {
        guard fileText.utf8.count <= Self.maxFileBytes else {
            throw .malformed(what: "signature file", reason: "larger than \(Self.maxFileBytes) bytes")
        }
        let lines = try payloadLines(fileText, what: "signature file")
        guard lines.count >= 4, lines[2].hasPrefix("trusted comment: ") else {
            throw .malformed(what: "signature file", reason: "expected four lines with a trusted comment")
        }
        let bytes = try decodeBase64(lines[1], length: 74, what: "signature file")
        switch (bytes[0], bytes[1]) {
        case (0x45, 0x44): prehashed = true
        case (0x45, 0x64): prehashed = false
        default: throw .unsupportedAlgorithm(String(decoding: bytes[0..<2], as: UTF8.self))
        }
        keyID = Array(bytes[2..<10])
        signature = Array(bytes[10..<74])
        trustedComment = String(lines[2].dropFirst("trusted comment: ".count))
        guard trustedComment.utf8.count <= Self.maxTrustedCommentBytes else {
            throw .malformed(what: "signature file", reason: "trusted comment longer than 8192 bytes")
        }
        globalSignature = try decodeBase64(lines[3], length: 64, what: "signature file")
    }

    public var keyIDHex: String { keyIDText(keyID) }

    /// Verifies in minisign's order: key id, file signature, global signature.
    public func verify(_ data: Data, with key: PublicKey) throws(MinisignError) {
        guard keyID == key.keyID else { throw .keyMismatch(signature: keyIDHex, key: key.keyIDHex) }
        let message = prehashed ? Sodium.blake2b([UInt8](data), length: 64) : [UInt8](data)
        guard Sodium.verify(signature, message, publicKey: key.key) else { throw .badSignature }
        guard Sodium.verify(globalSignature, signature + Array(trustedComment.utf8), publicKey: key.key) else {
            throw .badGlobalSignature
        }
    }

    /// Verifies against the first of `keys` with a matching id (a channel may have several,
    /// so that its publisher can rotate keys).
    public func verify(_ data: Data, withAnyOf keys: [PublicKey]) throws(MinisignError) {
        guard let key = keys.first(where: { $0.keyID == keyID }) else {
            throw .keyMismatch(signature: keyIDHex, key: keys.map(\.keyIDHex).joined(separator: ", "))
        }
        try verify(data, with: key)
    }
}
