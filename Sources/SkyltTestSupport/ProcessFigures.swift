import Foundation
@preconcurrency import Glibc

/// What a long-running process holds, read from /proc: the figures that must stay flat over a
/// month of playback.
public struct ProcessFigures: Sendable, Equatable {
    /// Resident memory (/proc/self/statm's second field, in bytes).
    public var residentBytes: Int
    /// Open file descriptors (entries of /proc/self/fd, less the one that lists them).
    public var openFiles: Int
    /// Threads (entries of /proc/self/task).
    public var threads: Int

    public init(residentBytes: Int, openFiles: Int, threads: Int) {
        self.residentBytes = residentBytes
        self.openFiles = openFiles
        self.threads = threads
    }

    /// This process now.
    public static func current() -> ProcessFigures {
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return ProcessFigures(
            residentBytes: pages * Int(sysconf(Int32(_SC_PAGESIZE))),
            openFiles: max(0, entries(of: "/proc/self/fd") - 1), threads: entries(of: "/proc/self/task"))
    }

    private static func entries(of folder: String) -> Int {
        guard let directory = opendir(folder) else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { count += 1 }
        }
        return count
    }

    /// "41.3 MB resident, 12 files, 9 threads".
    public var description: String {
        String(format: "%.1f MB resident, %d files, %d threads", Double(residentBytes) / 1e6, openFiles, threads)
    }
}
