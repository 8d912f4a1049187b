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

    /// The bytes an earlier attempt left in `partial` that can be kept, after checking the disk
    /// can take the rest and keep its reserve. A partial that cannot be the start of the signed
    /// asset is discarded first: one longer than the asset, or one whose first bytes are not
    /// those of the asset's media type (what a captive portal or an endless stream leaves).
    private func resumableBytes(_ partial: URL, of asset: Manifest.Asset, hex: String) throws(SyncError) -> Int64 {
        var have = Int64(FileSize.of(partial.path) ?? 0)
        if have > Int64(asset.size) || (have > 0 && !Self.canStart(partial, type: asset.type)) {
            logger.notice(
                "channel '\(config.name)': asset \(hex): the partial download cannot be resumed; starting again")
            discard(partial)
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
            if error.code == .tooLarge {
                // More than the signed size came: what arrived is not this asset.
                discard(partial)
                throw fail(.transfer, hex, cause: error)
            }
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
        try checkWhole(response, partial: partial, of: asset, hex: hex)
        return response.bytesReceived
    }

    /// A response that came whole but cannot hold the asset (a captive portal's page answered
    /// with 200, a range of a file of another size) is discarded at once rather than kept as
    /// the start of a download that could never match its hash.
    private func checkWhole(
        _ response: HTTPResponse, partial: URL, of asset: Manifest.Asset, hex: String
    ) throws(SyncError) {
        var total: Int?
        if response.status == 200 {
            total = FileSize.of(partial.path)
        } else if let range = response.headers["content-range"], let slash = range.lastIndex(of: "/") {
            total = Int(range[range.index(after: slash)...])
        }
        guard let total, total != asset.size else { return }
        discard(partial)
        throw fail(.wrongSize(received: total, expected: asset.size), hex)
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
            discard(partial)
            throw fail(.hashMismatch(actual: hash.hex), hex)
        }
        do {
            try AtomicFile.rename(partial, to: cache.objectURL(reference, type: asset.type))
        } catch {
            throw fail(.cacheIO, cache.objectURL(reference, type: asset.type).path, cause: error)
        }
        try? FileManager.default.removeItem(at: etagFile)
    }

    /// Removes a partial download and the ETag kept to resume it.
    private func discard(_ partial: URL) {
        try? FileManager.default.removeItem(at: partial)
        try? FileManager.default.removeItem(at: partial.appendingPathExtension("etag"))
    }

    /// Whether the first bytes of `partial` can begin a file of the media `type`: the magic
    /// numbers of PNG, JPEG and WebP, and for SVG a `<` after an optional BOM and white space.
    /// Cheap (a few bytes read), and it catches HTML pages and filler that were kept as a start.
    static func canStart(_ partial: URL, type: String) -> Bool {
        guard let file = try? POSIXFile(reading: partial.path), let head = try? file.read(upTo: 24) else {
            return false
        }
        let bytes = Array(head)
        func begins(_ magic: [UInt8?]) -> Bool {
            zip(bytes, magic).allSatisfy { byte, expected in expected.map { $0 == byte } ?? true }
        }
        switch type {
        case "image/png": return begins([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case "image/jpeg": return begins([0xFF, 0xD8, 0xFF])
        case "image/webp": return begins(Array("RIFF".utf8) + [nil, nil, nil, nil] + Array("WEBP".utf8))
        case "image/svg+xml":
            var rest = bytes[...]
            if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
            rest = rest.drop { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
            // An SVG opens with its root, an XML declaration, a comment or its doctype; an
            // HTML page ("<!DOCTYPE html", "<html") does not.
            let text = String(decoding: rest, as: UTF8.self).lowercased()
            return ["<svg", "<?xml", "<!--", "<!doctype svg"].contains { $0.hasPrefix(text) || text.hasPrefix($0) }
        default: return true
        }
    }
}
