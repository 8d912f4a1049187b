import FoundationEssentials
@preconcurrency import Glibc
import SkyltBundle
import SkyltCore

/// Fetching one asset of a channel into its cache: resumable, checked against the manifest's
/// size and hash, and moved into `objects/` only when whole.
extension ChannelSync {
    /// Fetches one asset into `partial/`, resuming what an earlier attempt left, then checks
    /// size and hash and moves it into `objects/`. Returns the bytes transferred.
    func download(_ reference: String, _ asset: Manifest.Asset) throws(SyncError) -> Int64 {
        let hex = Manifest.hex(of: reference)
        let partial = cache.partialURL(reference)
        let etagFile = partial.appendingPathExtension("etag")
        let have = try resumableBytes(partial, of: asset, hex: hex)
        var transferred: Int64 = 0
        if have < Int64(asset.size) {
            transferred = try fetchRest(hex, of: asset, into: partial, have: have, etagFile: etagFile)
        }
        try store(partial, as: reference, asset, etagFile: etagFile)
        return transferred
    }

    /// The bytes an earlier attempt left in `partial` that can be kept (none if there are more
    /// than the asset has), after checking the disk can take the rest and keep its reserve.
    private func resumableBytes(_ partial: URL, of asset: Manifest.Asset, hex: String) throws(SyncError) -> Int64 {
        var have = Int64(FileSize.of(partial.path) ?? 0)
        if have > Int64(asset.size) {
            try? FileManager.default.removeItem(at: partial)
            have = 0
        }
        if let free = DiskSpace.freeBytes(at: cache.folder), free < Int64(asset.size) - have + settings.diskReserveBytes
        {
            throw fail(
                .diskFull(needed: Int64(asset.size) - have, reserve: settings.diskReserveBytes, free: free), hex)
        }
        return have
    }

    /// Appends the asset's bytes after the first `have` to `partial`, with a Range request
    /// guarded by the ETag kept in `etagFile`. Returns the bytes transferred.
    private func fetchRest(
        _ hex: String, of asset: Manifest.Asset, into partial: URL, have: Int64, etagFile: URL
    ) throws(SyncError) -> Int64 {
        if !FileManager.default.fileExists(atPath: partial.path)
            && !FileManager.default.createFile(atPath: partial.path, contents: nil)
        {
            throw fail(.cacheIO, partial.path)
        }
        let handle: POSIXFile
        do {
            handle = try POSIXFile(writing: partial.path)
            try handle.seekToEnd()
        } catch {
            throw fail(.cacheIO, partial.path, cause: error)
        }
        defer { handle.close() }
        var request = HTTPRequest(url: sibling("assets/\(hex)"), limits: settings.limits)
        request.limits.maxBytes = Int64(asset.size)
        request.limits.totalTimeoutSeconds = max(600, Double(asset.size) / 50_000)
        if have > 0 {
            request.headers.append("Range: bytes=\(have)-")
            // Resume only the same file: a strong ETag from the first attempt guards it.
            if let etag = try? String(contentsOf: etagFile, encoding: .utf8), !etag.hasPrefix("W/") {
                request.headers.append("If-Range: \(etag)")
            }
        }
        let response: HTTPResponse
        do {
            response = try client.get(request, into: .file(handle, resumedFrom: have))
        } catch {
            // Keep what arrived, and the validator that lets the next attempt resume it.
            try? handle.synchronize()
            if let etag = error.headers["etag"] { try? Data(etag.utf8).write(to: etagFile) }
            throw fail(.transfer, hex, cause: error)
        }
        if let etag = response.headers["etag"] { try? Data(etag.utf8).write(to: etagFile) }
        guard response.status == 200 || response.status == 206 else {
            if response.status == 416 { try? FileManager.default.removeItem(at: partial) }
            throw refused(request.url, status: response.status)
        }
        try? handle.synchronize()
        return response.bytesReceived
    }

    /// Checks the fetched file's size and hash and moves it into `objects/`. A wrong hash
    /// discards the partial file and its ETag: resuming it could never succeed.
    private func store(
        _ partial: URL, as reference: String, _ asset: Manifest.Asset, etagFile: URL
    ) throws(SyncError) {
        let hex = Manifest.hex(of: reference)
        let hash: (hex: String, size: Int)
        do {
            hash = try SHA256Hasher.hashFile(partial)
        } catch {
            throw fail(.cacheIO, partial.path, cause: error)
        }
        guard hash.size == asset.size else {
            throw fail(.incomplete(received: hash.size, expected: asset.size), hex)
        }
        guard hash.hex == hex else {
            try? FileManager.default.removeItem(at: partial)
            try? FileManager.default.removeItem(at: etagFile)
            throw fail(.hashMismatch(actual: hash.hex), hex)
        }
        do {
            try AtomicFile.rename(partial, to: cache.objectURL(reference, type: asset.type))
        } catch {
            throw fail(.cacheIO, cache.objectURL(reference, type: asset.type).path, cause: error)
        }
        try? FileManager.default.removeItem(at: etagFile)
    }
}
