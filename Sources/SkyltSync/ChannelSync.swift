public import FoundationEssentials
public import SkyltBundle
public import SkyltCore

/// What one sync of a channel did.
public enum SyncOutcome: Sendable, Equatable {
    case updated(version: Int, assetsFetched: Int, bytes: Int64)
    case unchanged(version: Int?)
    /// The manifest is unchanged, but objects missing from the cache were fetched again.
    case repaired(version: Int, assetsFetched: Int)
}

/// Settings shared by every channel's sync.
public struct SyncSettings: Sendable {
    public var cacheDirectory: URL
    public var maxAssetBytes: Int64
    public var diskReserveBytes: Int64
    public var bandwidthBytesPerSecond: Int64?
    public var limits = TransferLimits(maxBytes: Int64(Manifest.maxBytes))

    public init(config: KioskConfig) {
        cacheDirectory = config.cacheDirectory
        maxAssetBytes = config.maxAssetBytes
        diskReserveBytes = config.diskReserveBytes
        bandwidthBytesPerSecond = config.bandwidthBytesPerSecond
        limits.maxBytesPerSecond = config.bandwidthBytesPerSecond
    }
}

/// Syncs one bundle channel: fetches the manifest (conditionally), verifies it against the
/// channel's keys and the trust rules, fetches only the assets the cache lacks (resuming
/// partial ones), checks each against its size and hash, and switches the cache to the new
/// manifest only when everything is there. Whatever fails, the current content stays.
public final class ChannelSync {
    public let config: ChannelConfig
    /// The manifest's URL, from the channel's bundle source.
    public let manifestURL: String
    public let keys: [PublicKey]
    public let cache: ChannelCache
    let settings: SyncSettings
    let client: HTTPClient
    let logger: Logger

    public init(
        config: ChannelConfig, settings: SyncSettings, client: HTTPClient = HTTPClient(), logger: Logger = .standard
    ) throws(SyncError) {
        guard case .bundle(let url, let lines) = config.source else {
            throw SyncError(.configuration, channel: config.name, location: config.source.shown)
        }
        self.logger = logger
        self.config = config
        self.settings = settings
        self.client = client
        manifestURL = url
        var keys: [PublicKey] = []
        for line in lines {
            do {
                keys.append(try PublicKey(base64: line))
            } catch {
                throw SyncError(.configuration, channel: config.name, location: "key '\(line)'", cause: error)
            }
        }
        self.keys = keys
        cache = ChannelCache(root: settings.cacheDirectory, channel: config.name)
    }

    func fail(_ code: SyncError.Code, _ location: String? = nil, cause: (any Error)? = nil)
        -> SyncError
    {
        SyncError(code, channel: config.name, location: location, cause: cause)
    }

    /// A server's answer that is not the one asked for.
    func refused(_ url: String, status: Int) -> SyncError {
        fail(.transfer, url, cause: HTTPError(code: .status(status), url: url))
    }

    /// The manifest's URL as people may see it, for the problems found in it.
    var shownURL: String { URLText.shown(manifestURL) }

    /// The URL of something beside the manifest (its signature, an asset).
    func sibling(_ path: String) -> String {
        let base = manifestURL
        guard let slash = base.lastIndex(of: "/") else { return path }
        return String(base[...slash]) + path
    }

    private func fetchSmall(_ url: String, limit: Int, headers: [String] = []) throws(SyncError) -> HTTPResponse {
        var request = HTTPRequest(url: url, limits: settings.limits)
        request.limits.maxBytes = Int64(limit)
        request.headers = headers
        do {
            return try client.get(request)
        } catch {
            throw fail(.transfer, url, cause: error)
        }
    }

    /// One sync. `now` decides expiry.
    public func syncOnce(now: Date = Date()) throws(SyncError) -> SyncOutcome {
        try cache.prepare()
        let current = cache.stored()
        var headers: [String] = []
        if let etag = current?.etag { headers.append("If-None-Match: \(etag)") }
        if let modified = current?.lastModified { headers.append("If-Modified-Since: \(modified)") }
        let response = try fetchSmall(manifestURL, limit: Manifest.maxBytes, headers: headers)
        if response.status == 304, let current {
            // Never trusted blindly: the cached manifest is verified again.
            let manifest = try verified(
                manifest: current.manifest, signature: current.signature, now: now, allowExpired: true)
            return try unchangedOrRepaired(manifest)
        }
        guard response.status == 200 else { throw refused(manifestURL, status: response.status) }
        let signature = try fetchSmall(sibling(Manifest.signatureFileName), limit: Signature.maxFileBytes)
        guard signature.status == 200 else {
            throw refused(sibling(Manifest.signatureFileName), status: signature.status)
        }
        let manifest = try verified(manifest: response.body, signature: signature.body, now: now, allowExpired: false)
        if let current, let old = try? Manifest.decode(current.manifest, source: "current") {
            if manifest.version < old.version {
                throw fail(.versionRollback(offered: manifest.version, current: old.version), manifestURL)
            }
            if manifest.version == old.version {
                guard response.body == current.manifest else {
                    throw fail(.versionConflict(manifest.version), manifestURL)
                }
                if response.headers["etag"] != current.etag || response.headers["last-modified"] != current.lastModified
                {
                    try cache.commit(
                        version: manifest.version, manifest: current.manifest, signature: current.signature,
                        etag: response.headers["etag"], lastModified: response.headers["last-modified"])
                }
                return try unchangedOrRepaired(manifest)
            }
        }
        try checkPublication(manifest, serverDate: response.headers["date"], now: now)
        // The playlist inside must read cleanly against the manifest's own assets.
        let placeholders = Dictionary(
            uniqueKeysWithValues: manifest.assets.map { ($0.key, cache.objectURL($0.key, type: $0.value.type)) })
        let reading = PlaylistReader.decode(
            manifest.playlist, file: shownURL, folder: cache.folder, assets: placeholders)
        if !reading.problems.isEmpty {
            throw fail(.manifestInvalid, manifestURL, cause: ProblemList(reading.problems))
        }
        let (fetched, assetBytes) = try fetchMissing(manifest)
        let bytes = response.bytesReceived + signature.bytesReceived + assetBytes
        try cache.commit(
            version: manifest.version, manifest: response.body, signature: signature.body,
            etag: response.headers["etag"], lastModified: response.headers["last-modified"],
            required: manifest.assets)
        try cache.collectGarbage()
        return .updated(version: manifest.version, assetsFetched: fetched, bytes: bytes)
    }

    /// Fetches the manifest's assets that the cache lacks, and marks those it has as fresh so
    /// that a clean-up in another process spares them until the switch. Returns how many were
    /// fetched and the bytes transferred.
    func fetchMissing(_ manifest: Manifest) throws(SyncError) -> (count: Int, bytes: Int64) {
        var count = 0
        var bytes: Int64 = 0
        for (reference, asset) in manifest.assets.sorted(by: { $0.key < $1.key }) {
            if cache.hasObject(reference, asset) {
                cache.touchObject(reference, asset)
            } else {
                bytes += try download(reference, asset)
                count += 1
            }
        }
        return (count, bytes)
    }

    /// The outcome of a poll that brought no new manifest. The current manifest's files are
    /// checked too: any that went from the cache (a damaged disk, a hand that tidied up) are
    /// fetched again.
    func unchangedOrRepaired(_ manifest: Manifest) throws(SyncError) -> SyncOutcome {
        let (restored, _) = try fetchMissing(manifest)
        if cache.hasPartials { try cache.collectGarbage() }
        guard restored > 0 else { return .unchanged(version: manifest.version) }
        logger.warning(
            "channel '\(config.name)': \(restored) assets of v\(manifest.version) were missing from the cache; fetched again"
        )
        return .repaired(version: manifest.version, assetsFetched: restored)
    }

    /// Checks signature, channel name and expiry, in that order.
    func verified(manifest data: Data, signature: Data, now: Date, allowExpired: Bool) throws(SyncError) -> Manifest {
        do {
            let parsed = try Signature(fileText: String(decoding: signature, as: UTF8.self))
            try parsed.verify(data, withAnyOf: keys)
        } catch {
            throw fail(.signature, manifestURL, cause: error)
        }
        let manifest: Manifest
        do {
            manifest = try Manifest.decode(data, source: shownURL)
        } catch {
            throw fail(.manifestInvalid, cause: error)
        }
        guard manifest.channel == config.name else { throw fail(.wrongChannel(manifest.channel), manifestURL) }
        if !allowExpired && manifest.expires <= now { throw fail(.expired(manifest.expires), manifestURL) }
        for (reference, asset) in manifest.assets where Int64(asset.size) > settings.maxAssetBytes {
            throw fail(.assetTooLarge(size: Int64(asset.size), limit: settings.maxAssetBytes), reference)
        }
        return manifest
    }
}
