public import FoundationEssentials
public import SkyltCore

/// Checks a published bundle the way a kiosk would: the signature, the manifest, and every
/// asset's size and hash.
public enum BundleCheck {
    /// Reads a regular file, refusing it when it is larger than `limit`; a FIFO, a device or a
    /// folder is refused before a byte is read (see `ConfigFile`).
    public static func read(_ url: URL, limit: Int) throws(PublishError) -> Data {
        do {
            return try ConfigFile.read(url.path, limit: limit)
        } catch {
            throw PublishError(path: url.path, reason: error.reason)
        }
    }

    /// Verifies manifest bytes against their signature with any of `keys`.
    public static func verifySignature(manifest: Data, signature: Data, keys: [PublicKey], source: String)
        throws(PublishError)
    {
        do {
            let parsed = try Signature(fileText: String(decoding: signature, as: UTF8.self))
            try parsed.verify(manifest, withAnyOf: keys)
        } catch {
            throw PublishError(path: source, reason: "signature: \(error)")
        }
    }

    public static func verify(folder: URL, keys: [PublicKey]) -> (manifest: Manifest?, problems: [Problem]) {
        let manifestURL = folder.appendingPathComponent(Manifest.fileName)
        let manifestData: Data
        do {
            manifestData = try read(manifestURL, limit: Manifest.maxBytes)
            let signature = try read(
                folder.appendingPathComponent(Manifest.signatureFileName), limit: Signature.maxFileBytes)
            try verifySignature(manifest: manifestData, signature: signature, keys: keys, source: manifestURL.path)
        } catch {
            return (nil, [Problem(file: error.path, field: "", message: error.reason)])
        }
        let manifest: Manifest
        do {
            manifest = try Manifest.decode(manifestData, source: manifestURL.path)
        } catch {
            return (nil, error.problems)
        }
        var problems: [Problem] = []
        for (reference, asset) in manifest.assets.sorted(by: { $0.key < $1.key }) {
            let file = folder.appendingPathComponent("assets").appendingPathComponent(Manifest.hex(of: reference))
            do {
                let hash = try SHA256Hasher.hashFile(file)
                if hash.size != asset.size {
                    problems.append(
                        Problem(
                            file: file.path, field: "",
                            message: "is \(hash.size) bytes; the manifest says \(asset.size)"))
                } else if "sha256:" + hash.hex != reference {
                    problems.append(
                        Problem(file: file.path, field: "", message: "has SHA-256 \(hash.hex), not the manifest's"))
                }
            } catch {
                problems.append(
                    Problem(file: file.path, field: "", message: "cannot be read: \(FileProblem.describe(error))"))
            }
        }
        return (manifest, problems)
    }
}
