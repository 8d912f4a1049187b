public import Foundation
public import SkyltBundle
import SkyltCore

/// A published bundle folder as a kiosk sees it, for checks of a publish that was cut short:
/// the folder must hold the bundle from before or the one being written, whole, never a mix
/// of the two.
public enum PublishedSite {
    /// The manifest and signature a site serves.
    public struct Head: Sendable, Equatable {
        public var manifest: Data
        public var signature: Data
        public var version: Int
    }

    /// The manifest and signature in `folder` as they are now, or nil when there is none.
    public static func head(of folder: URL) -> Head? {
        guard let manifest = try? Data(contentsOf: folder.appendingPathComponent(Manifest.fileName)) else {
            return nil
        }
        let signature = (try? Data(contentsOf: folder.appendingPathComponent(Manifest.signatureFileName))) ?? Data()
        let version = (try? Manifest.decode(manifest, source: folder.path))?.version ?? -1
        return Head(manifest: manifest, signature: signature, version: version)
    }

    /// Why `folder` is neither the bundle `before` nor the next version, whole: nil when it is
    /// one of them. Checked with the verifier `skylt verify` uses: the signature with `keys`,
    /// the manifest, and every asset's size and hash.
    public static func inconsistency(of folder: URL, keys: [PublicKey], before: Head?) -> String? {
        let now = head(of: folder)
        if before == nil, now == nil { return nil }
        guard let now else { return "the manifest is gone" }
        let (manifest, problems) = BundleCheck.verify(folder: folder, keys: keys)
        if let problem = problems.first { return problem.description }
        guard let manifest else { return "no manifest" }
        if let before, manifest.version == before.version {
            return now == before ? nil : "version \(manifest.version) changed in place"
        }
        let expected = (before?.version ?? 0) + 1
        return manifest.version == expected ? nil : "version \(manifest.version), expected \(expected) or the old one"
    }
}
