public import Foundation
@preconcurrency import Glibc
import SkyltCore

/// The files of a playlist folder that an import stores as media: every regular file under
/// it but `playlist.json` and hidden files (names starting with '.').
///
/// A symbolic link is taken only when it ends at a regular file inside the folder; a link out
/// of the folder is refused, so an import can never copy a file the editor did not mean to
/// publish (`/etc/...`, another channel's key). A FIFO, socket or device is refused, never
/// skipped. Counts, depth and sizes are bounded; the import checks each file again when it
/// reads it (`RegularFile`), as a path may change after this listing.
public enum PlaylistFolderFiles {
    public static let maxFileBytes = 64 << 20
    public static let maxTotalBytes = 1 << 30
    public static let maxFiles = 2000
    public static let maxDepth = 16

    /// One file: the path the playlist uses for it, and where it is read from.
    public struct File: Sendable, Equatable {
        public var relativePath: String
        public var url: URL
    }

    /// The files under `folder`, sorted by relative path.
    public static func collect(in folder: URL) throws(StudioError) -> [File] {
        guard let root = realPath(folder) else {
            throw StudioError(.fileIO, location: folder.path, message: "cannot be resolved")
        }
        var files: [File] = []
        var total = 0
        try walk(root, relative: [], root: root, depth: 0, files: &files, total: &total)
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    private static func walk(
        _ folder: String, relative: [String], root: String, depth: Int, files: inout [File], total: inout Int
    ) throws(StudioError) {
        guard depth <= maxDepth else {
            throw StudioError(.mediaRefused, location: folder, message: "folders nested deeper than \(maxDepth)")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw StudioError(.fileIO, location: folder, message: error.localizedDescription)
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            if depth == 0, name == Playlist.fileName { continue }
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                throw StudioError(.fileIO, location: path, message: String(cString: strerror(errno)))
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try walk(path, relative: relative + [name], root: root, depth: depth + 1, files: &files, total: &total)
            case S_IFREG:
                try add(path, size: Int(info.st_size), relative: relative + [name], files: &files, total: &total)
            case S_IFLNK:
                let target = try linkTarget(path, root: root)
                try add(target.path, size: target.size, relative: relative + [name], files: &files, total: &total)
            default:
                throw StudioError(
                    .mediaRefused, location: path,
                    message: "not a regular file, folder or link (a FIFO, socket or device)")
            }
        }
    }

    private static func add(_ path: String, size: Int, relative: [String], files: inout [File], total: inout Int)
        throws(StudioError)
    {
        guard size <= maxFileBytes else {
            throw StudioError(
                .mediaRefused, location: path, message: "\(size) bytes; a medium may have \(maxFileBytes)")
        }
        total += size
        guard total <= maxTotalBytes, files.count < maxFiles else {
            throw StudioError(
                .mediaRefused, location: path, message: "more than \(maxFiles) files or \(maxTotalBytes) bytes in all")
        }
        files.append(File(relativePath: relative.joined(separator: "/"), url: URL(fileURLWithPath: path)))
    }

    /// Where the link at `path` ends, when that is a regular file inside `root`.
    private static func linkTarget(_ path: String, root: String) throws(StudioError) -> (path: String, size: Int) {
        var info = stat()
        guard let target = realPath(URL(fileURLWithPath: path)), target.hasPrefix(root + "/"),
            stat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG
        else {
            throw StudioError(
                .mediaRefused, location: path, message: "a link that leaves the folder or ends at no regular file")
        }
        return (target, Int(info.st_size))
    }

    private static func realPath(_ url: URL) -> String? {
        guard let resolved = realpath(url.path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
