public import FoundationEssentials
@preconcurrency import Glibc

/// Free space on a file system, for the sync's disk reserve and the status page.
public enum DiskSpace {
    /// Bytes an unprivileged process may still write on the file system holding `folder`, or
    /// on that of its nearest existing parent (a cache folder not made yet); nil when none
    /// can be asked (statvfs(3)).
    public static func freeBytes(at folder: URL) -> Int64? {
        info(at: folder).map { Int64($0.f_bavail) * Int64($0.f_frsize) }
    }

    /// The size of that same file system, so that a monitor can tell a nearly full disk from
    /// a small one by the share still free.
    public static func sizeBytes(at folder: URL) -> Int64? {
        info(at: folder).map { Int64($0.f_blocks) * Int64($0.f_frsize) }
    }

    private static func info(at folder: URL) -> statvfs? {
        var info = statvfs()
        var path = folder.standardizedFileURL
        while statvfs(path.path, &info) != 0 {
            guard path.pathComponents.count > 1 else { return nil }
            path.deleteLastPathComponent()
        }
        return info
    }
}
