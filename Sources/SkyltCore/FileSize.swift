public import FoundationEssentials
import Glibc

/// The size of a file, from `stat(2)`.
///
/// `FileManager.attributesOfItem` gives the size as `UInt` under FoundationEssentials and as a
/// number that casts to `Int` under full Foundation, so a cast that works in one silently gives
/// nil in the other; a size check must never depend on which Foundation is linked.
public enum FileSize {
    /// The size in bytes of the file at `path` (following symbolic links), or nil when there is
    /// no such file or it cannot be examined.
    public static func of(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// The size in bytes of the file at `url`, or nil.
    public static func of(_ url: URL) -> Int? { of(url.path) }
}
