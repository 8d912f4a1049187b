import FoundationEssentials
import SkyltBundle

/// A minisign public key, signature or secret key file as a channel's config, a bundle or a
/// publisher's key folder holds it. A signature that parses is verified against fixed bytes
/// with a fixed key; a secret key is read without a password, so scrypt never runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMinisign(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let text = start.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: count), as: UTF8.self) } ?? ""
    if let key = try? PublicKey(fileText: text) { _ = key.fileText }
    _ = try? PublicKey(base64: text)
    if let signature = try? Signature(fileText: text) {
        let key = PublicKey(keyID: signature.keyID, key: [UInt8](repeating: 7, count: 32))
        _ = try? signature.verify(Data("manifest".utf8), withAnyOf: [key])
    }
    if let secret = try? SecretKey(fileText: text, password: { nil }) {
        _ = secret.sign(Data("manifest".utf8), trustedComment: "fuzz")
    }
    return 0
}
