public import Foundation
public import SkyltBundle
public import SkyltCore

/// A channel's publishing side for sync tests: a key, a playlist folder with generated media,
/// and a bundle folder that a test server serves.
public final class BundleFixture: Sendable {
    public let channel: String
    public let work = TemporaryFolder()
    public let secret: SecretKey
    public let publicKey: PublicKey
    public var source: URL { work.file("source") }
    public var bundle: URL { work.file("bundle") }

    /// `slides` notices, each with its own small SVG poster slide.
    public init(channel: String = "kommun", slides: Int = 3) {
        self.channel = channel
        (secret, publicKey) = SecretKey.generate()
        try! FileManager.default.createDirectory(at: bundle, withIntermediateDirectories: true)
        writeSource(slides: slides, revision: 1)
    }

    /// Rewrites the source: `slides` poster slides; `changed` of them get new media in `revision`.
    public func writeSource(slides: Int, revision: Int, changed: Set<Int> = []) {
        var entries: [String] = []
        for index in 0..<slides {
            let version = changed.contains(index) ? revision : 1
            let svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#\(String(format: "%06X", (index * 7919 + version * 104_729) & 0xFFFFFF))"/><text x="20" y="150" font-size="40">\(index)/\(version)</text>\(String(repeating: " ", count: 2000))</svg>
                """
            work.write("source/media/p\(index).svg", svg)
            entries.append(
                #"{"id": "p\#(index)", "template": "poster", "image": "media/p\#(index).svg", "caption": "Affisch \#(index)"}"#
            )
        }
        work.write(
            "source/\(Playlist.fileName)",
            #"{"name": "\#(channel)", "defaultLanguage": "sv", "slides": [\#(entries.joined(separator: ","))]}"#)
    }

    /// Publishes the source into the bundle folder; returns the manifest.
    @discardableResult
    public func publish(key: SecretKey? = nil, now: Date = Date(), expiryDays: Double = 30, channel name: String? = nil)
        throws -> Manifest
    {
        try BundleWriter.publish(
            source: source, key: key ?? secret, out: bundle,
            options: .init(channel: name ?? channel, expiryDays: expiryDays, now: now)
        ) { _ in }
    }

    /// Signs arbitrary manifest bytes with the channel's key and puts them in the bundle, for
    /// tests of what a kiosk does with a signed but hostile manifest.
    public func serveSigned(_ manifest: Data, key: SecretKey? = nil) throws {
        try manifest.write(to: bundle.appendingPathComponent(Manifest.fileName))
        let signature = (key ?? secret).sign(manifest, trustedComment: "timestamp:0\tfile:manifest.json\thashed")
        try Data(signature.utf8).write(to: bundle.appendingPathComponent(Manifest.signatureFileName))
    }

    /// A kiosk config JSON for this channel served at `baseURL`.
    public func config(baseURL: String, cache: URL, extraKeys: [PublicKey] = []) -> KioskConfig {
        var config = KioskConfig.demo(folder: source)
        config.channels = [
            ChannelConfig(
                name: channel,
                source: .bundle(url: baseURL + "/manifest.json", keys: ([publicKey] + extraKeys).map(\.base64)))
        ]
        config.cacheDirectory = cache
        config.diskReserveBytes = 0
        return config
    }
}
