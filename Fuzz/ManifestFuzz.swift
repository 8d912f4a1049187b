import FoundationEssentials
import SkyltBundle
import SkyltCore

/// A kiosk's path for a downloaded manifest: the signature checked, the manifest decoded, and
/// its playlist read against its assets. The input is signed here with a fixed test key, so
/// that every input gets past the signature and reaches the decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let signature = FuzzKey.secret.sign(data, trustedComment: "timestamp:0\tfile:manifest.json")
    do {
        try BundleCheck.verifySignature(
            manifest: data, signature: Data(signature.utf8), keys: [FuzzKey.public], source: "manifest.json")
    } catch {
        fatalError("a manifest signed with the test key did not verify: \(error)")
    }
    guard let manifest = try? Manifest.decode(data, source: "manifest.json") else { return 0 }
    let folder = URL(fileURLWithPath: "/nonexistent-fuzz-cache", isDirectory: true)
    var assets: [String: URL] = [:]
    for reference in manifest.assets.keys {
        assets[reference] = folder.appendingPathComponent(Manifest.hex(of: reference))
    }
    _ = PlaylistReader.decode(manifest.playlist, file: "manifest.json", folder: folder, assets: assets)
    return 0
}

/// A key made for fuzzing only (minisign -G -W): it signs nothing that is published.
enum FuzzKey {
    static let secret: SecretKey = {
        let text = """
            untrusted comment: fuzz
            RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA2bAEUSfocOKFcjuc5xoXkJaZu+xPZ4sO\
            qEd6xzW2Hn3q26PqRQmjGiAwiIrNqtHU3Yk04Wv/3fC6QDqaYryNZRJVhMU17zAuAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=

            """
        do { return try SecretKey(fileText: text, password: { nil }) } catch { fatalError("\(error)") }
    }()
    static let `public` = secret.publicKey
}
