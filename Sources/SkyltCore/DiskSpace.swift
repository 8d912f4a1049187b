public import FoundationEssentials
@preconcurrency import Glibc

/// Free space on a file system, for the sync's disk reserve and the status page.
public enum DiskSpace {
    /// Bytes an unprivileged process may still write on the file system holding `folder`, or
    /// on that of its nearest existing parent (a cache folder not made yet); nil when none
    /// can be asked (statvfs(3)).
    public static func freeBytes(at folder: URL) -> Int64? {
        var info = statvfs()
        var path = folder.standardizedFileURL
        while statvfs(path.path, &info) != 0 {
            guard path.pathComponents.count > 1 else { return nil }
            path.deleteLastPathComponent()
        }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }
}
