import FoundationEssentials
@preconcurrency import Glibc
import SkyltCore

/// The file operations of a site write, each failure a `VisitorSiteError` naming its path.
enum SiteFiles {
    static func remove(_ url: URL) throws(VisitorSiteError) {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw VisitorSiteError(.cannotWrite, path: url.path, reason: "cannot be removed: \(error)")
        }
    }

    static func createFolder(_ url: URL) throws(VisitorSiteError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw VisitorSiteError(.cannotWrite, path: url.path, reason: "cannot be created: \(error)")
        }
    }

    static func write(_ data: Data, to url: URL) throws(VisitorSiteError) {
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw VisitorSiteError(.cannotWrite, path: error.path, reason: error.reason)
        }
    }

    static func copy(_ source: URL, to target: URL) throws(VisitorSiteError) {
        do {
            try FileManager.default.copyItem(at: source, to: target)
        } catch {
            throw VisitorSiteError(.cannotWrite, path: target.path, reason: "cannot be written: \(error)")
        }
    }

    /// Gives `folder` and everything in it the modes of a public site: folders 0755, files 0644.
    static func makePublic(_ folder: URL) throws(VisitorSiteError) {
        try setMode(0o755, of: folder)
        let relatives: [String]
        do {
            relatives = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
        } catch {
            throw VisitorSiteError(.cannotWrite, path: folder.path, reason: "cannot be listed")
        }
        for relative in relatives {
            let url = folder.appendingPathComponent(relative)
            var isFolder = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            try setMode(isFolder ? 0o755 : 0o644, of: url)
        }
    }

    private static func setMode(_ mode: mode_t, of url: URL) throws(VisitorSiteError) {
        guard chmod(url.path, mode) == 0 else {
            throw VisitorSiteError(
                .cannotWrite, path: url.path, reason: "cannot be made public: \(String(cString: strerror(errno)))")
        }
    }

    /// Puts the complete site `staging` in place of `final`: the old site is moved aside, the
    /// new one renamed in (one rename each, so a reader sees one or the other), the old removed.
    static func swap(_ staging: URL, into final: URL) throws(VisitorSiteError) {
        AtomicFile.syncFolder(staging)
        let old = final.deletingLastPathComponent().appendingPathComponent(final.lastPathComponent + ".old")
        try remove(old)
        do {
            if FileManager.default.fileExists(atPath: final.path) { try AtomicFile.rename(final, to: old) }
            try AtomicFile.rename(staging, to: final)
        } catch {
            throw VisitorSiteError(.cannotWrite, path: error.path, reason: error.reason)
        }
        try remove(old)
    }
}
