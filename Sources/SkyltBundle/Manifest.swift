public import FoundationEssentials
public import SkyltCore

/// The signed description of a channel's bundle: which channel, which version, when it was
/// published and until when a kiosk may accept it, the playlist (media as `sha256:` references)
/// and every asset with its size and media type.
///
/// ```json
/// {"format": 1, "channel": "kommun", "version": 7,
///  "published": "2026-11-24T10:00:00Z", "expires": "2026-12-24T10:00:00Z",
///  "assets": {"sha256:<64 hex>": {"size": 5120, "type": "image/svg+xml"}},
///  "playlist": { …playlist.json, with "image": "sha256:<64 hex>"… }}
/// ```
public struct Manifest: Sendable, Equatable {
    public static let format = 1
    /// A manifest is text about slides; anything larger is refused before parsing.
    public static let maxBytes = 1 << 20
    /// A bundle's media: at most an image a slide, so the playlist's own cap on slides. Each
    /// asset is a download and a file in every kiosk's cache.
    public static let maxAssetsPerManifest = PlaylistReader.maxSlidesPerPlaylist
    public static let fileName = "manifest.json"
    public static let signatureFileName = "manifest.json.minisig"

    public struct Asset: Sendable, Equatable {
        public var size: Int
        public var type: String
    }

    public var channel: String
    public var version: Int
    public var published, expires: Date
    /// Keyed by reference: `sha256:` and 64 lowercase hex digits.
    public var assets: [String: Asset]
    public var playlist: JSONValue

    /// Media types a bundle may carry, with the file name extension the cache gives them.
    public static let mediaTypes: [String: String] = [
        "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/svg+xml": "svg",
    ]

    public static func mediaType(forExtension ext: String) -> String? {
        switch ext.lowercased() {
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "svg": "image/svg+xml"
        default: nil
        }
    }

    /// True for `sha256:` followed by exactly 64 lowercase hex digits, and nothing else: such a
    /// reference can never name a path.
    public static func isAssetReference(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.utf8.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    public static func hex(of reference: String) -> String { String(reference.dropFirst(7)) }

    public func encode() -> Data {
        var assetObjects: [String: JSONValue] = [:]
        for (reference, asset) in assets {
            assetObjects[reference] = .object(["size": .number(Double(asset.size)), "type": .string(asset.type)])
        }
        let document: JSONValue = .object([
            "format": .number(Double(Self.format)), "channel": .string(channel), "version": .number(Double(version)),
            "published": .string(ISO8601.format(published)), "expires": .string(ISO8601.format(expires)),
            "assets": .object(assetObjects), "playlist": playlist,
        ])
        return document.canonicalData()
    }

    /// Parses and checks a manifest; every problem names its field.
    public static func decode(_ data: Data, source: String) throws(ProblemList) -> Manifest {
        guard data.count <= maxBytes else {
            throw ProblemList([
                Problem(file: source, field: "", message: "is \(data.count) bytes; the limit is \(maxBytes)")
            ])
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw ProblemList([Problem(file: source, field: "", message: "is not valid JSON: \(error.message)")])
        }
        let sink = ProblemSink(file: source)
        guard let root = ObjectReader(json, path: "", sink: sink) else { throw ProblemList(sink.problems) }
        root.rejectUnknown(["format", "channel", "version", "published", "expires", "assets", "playlist"])
        let format = root.number("format", required: true, in: 1...1)
        let channel = root.string("channel", required: true)
        let version = root.number("version", required: true, in: 1...9e15)
        let published = date(root, "published")
        let expires = date(root, "expires")
        let assets = root.object("assets", required: true).map(readAssets) ?? [:]
        let playlist = root.fields["playlist"]
        if playlist == nil { sink.report("playlist", "is required") }
        if let version, version != version.rounded() { sink.report("version", "must be a whole number") }
        guard sink.problems.isEmpty, format != nil, let channel, let version, let published, let expires,
            let playlist
        else { throw ProblemList(sink.problems) }
        return Manifest(
            channel: channel, version: Int(version), published: published, expires: expires, assets: assets,
            playlist: playlist)
    }

    /// A required date and time; a text that is not ISO 8601 is reported.
    private static func date(_ root: ObjectReader, _ key: String) -> Date? {
        guard let text = root.string(key, required: true) else { return nil }
        guard let date = ISO8601.parse(text) else {
            root.sink.report(key, "'\(text)' is not an ISO 8601 date and time")
            return nil
        }
        return date
    }

    /// The assets by reference, in reference order so problems come out in a stable order.
    /// Only references that can never name a path, and media types the cache knows, are kept.
    private static func readAssets(_ object: ObjectReader) -> [String: Asset] {
        guard object.fields.count <= maxAssetsPerManifest else {
            object.sink.report(
                object.path, "lists \(object.fields.count) assets; a manifest may have at most \(maxAssetsPerManifest)",
                code: .tooManyAssets)
            return [:]
        }
        var assets: [String: Asset] = [:]
        for reference in object.fields.keys.sorted() {
            guard isAssetReference(reference) else {
                object.sink.report(
                    object.fieldPath(reference), "is not an asset reference (sha256: and 64 lowercase hex digits)")
                continue
            }
            guard let asset = object.object(reference, required: true) else { continue }
            asset.rejectUnknown(["size", "type"])
            let size = asset.number("size", required: true, in: 1...9e15)
            let type = asset.string("type", required: true)
            if let type, mediaTypes[type] == nil {
                object.sink.report(
                    asset.fieldPath("type"),
                    "'\(type)' is not one of \(mediaTypes.keys.sorted().joined(separator: ", "))")
                continue
            }
            if let size, let type, size == size.rounded() { assets[reference] = Asset(size: Int(size), type: type) }
        }
        return assets
    }
}
