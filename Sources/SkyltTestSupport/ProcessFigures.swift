import Foundation
@preconcurrency import Glibc
import SkyltCore

/// What a long-running process holds, read from /proc: the figures that must stay flat over a
/// month of playback.
public struct ProcessFigures: Sendable, Equatable {
    /// Resident memory (/proc/self/statm's second field, in bytes). Pages mapped from files
    /// count while they are in RAM: under memory pressure from other processes it falls.
    public var residentBytes: Int
    /// Pages the process wrote itself (private and shared dirty, from smaps_rollup): its heap,
    /// stacks and frames, which stay in RAM and are what a leak makes grow.
    public var privateBytes: Int
    /// Open file descriptors (entries of /proc/self/fd, less the one that lists them).
    public var openFiles: Int
    /// Threads (entries of /proc/self/task).
    public var threads: Int

    public init(residentBytes: Int, privateBytes: Int, openFiles: Int, threads: Int) {
        self.residentBytes = residentBytes
        self.privateBytes = privateBytes
        self.openFiles = openFiles
        self.threads = threads
    }

    /// This process now.
    public static func current() -> ProcessFigures {
        let statm = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = statm.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return ProcessFigures(
            residentBytes: pages * Int(sysconf(Int32(_SC_PAGESIZE))),
            privateBytes: MemoryFigures.read(pid: "self")?.privateBytes ?? 0,
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

    /// "41.3 MB resident (20.1 MB private), 12 files, 9 threads".
    public var description: String {
        String(
            format: "%.1f MB resident (%.1f MB private), %d files, %d threads", Double(residentBytes) / 1e6,
            Double(privateBytes) / 1e6, openFiles, threads)
    }
}
