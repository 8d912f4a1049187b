internal import CSodium

/// Passwords of the studio's accounts, stored only as Argon2id hashes in libsodium's string
/// form (`$argon2id$v=19$m=…,t=…,p=1$salt$hash`): the salt and the cost travel with the hash,
/// so that a later, costlier setting can rehash at the next login (`needsRehash`).
///
/// The cost is libsodium's "interactive" level (64 MiB, two passes): a login takes a fraction
/// of a second on a small server, and a stolen database costs an attacker as much per guess.
public enum PasswordHash {
    /// Why a password could not be hashed.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// libsodium could not allocate the memory the hash needs.
        case outOfMemory

        public var description: String {
            "the password could not be hashed: not enough memory for Argon2id"
        }
    }

    /// The hash of `password`, with a new random salt.
    public static func make(_ password: String) throws(Failure) -> String {
        Sodium.ensureReady()
        var out = [CChar](repeating: 0, count: crypto_pwhash_strbytes())
        let length = UInt64(password.utf8.count)
        let status = password.withCString { chars in
            crypto_pwhash_str(
                &out, chars, length, UInt64(crypto_pwhash_opslimit_interactive()), crypto_pwhash_memlimit_interactive())
        }
        guard status == 0 else { throw .outOfMemory }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` is the one `hash` was made from. In constant time; a malformed hash
    /// matches nothing.
    public static func verify(_ password: String, against hash: String) -> Bool {
        Sodium.ensureReady()
        guard hash.utf8.count < crypto_pwhash_strbytes() else { return false }
        let length = UInt64(password.utf8.count)
        return password.withCString { chars in crypto_pwhash_str_verify(hash, chars, length) == 0 }
    }

    /// Whether `hash` was made with other costs than today's, and should be made again from
    /// the password at the next successful login.
    public static func needsRehash(_ hash: String) -> Bool {
        Sodium.ensureReady()
        return crypto_pwhash_str_needs_rehash(
            hash, UInt64(crypto_pwhash_opslimit_interactive()), crypto_pwhash_memlimit_interactive()) != 0
    }
}
