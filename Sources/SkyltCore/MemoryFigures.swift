/// Resident memory of a process from /proc/PID/smaps_rollup, split into what the process
/// made itself and what is mapped from files: the figure that shows what a smaller binary
/// saves, for `skylt bench`.
public struct MemoryFigures: Sendable, Equatable {
    /// Resident bytes: every page of the process in RAM.
    public var rss = 0
    /// Proportional set size: shared pages divided among the processes that map them.
    public var pss = 0
    public var privateClean = 0
    public var privateDirty = 0
    public var sharedClean = 0
    public var sharedDirty = 0
    /// Pages that belong to no file: heap, stacks, frames.
    public var anonymous = 0

    public init() {}

    /// Pages the process wrote (its heap and frames, anonymous or copied on write): they
    /// stay in RAM for as long as it runs.
    public var privateBytes: Int { privateDirty + sharedDirty }

    /// Clean pages mapped from files (the binary, its libraries, data such as ICU's), which
    /// the kernel can drop and read again.
    public var mappedBytes: Int { privateClean + sharedClean }

    /// Reads the `Name:   123 kB` lines of smaps_rollup text; a field it does not know is
    /// skipped, a missing one stays 0.
    public static func parse(smapsRollup text: String) -> MemoryFigures {
        var figures = MemoryFigures()
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 2, words[0].hasSuffix(":"), let value = Int(words[1]) else { continue }
            let bytes = value * (words.count > 2 && words[2] == "kB" ? 1024 : 1)
            switch words[0].dropLast() {
            case "Rss": figures.rss = bytes
            case "Pss": figures.pss = bytes
            case "Private_Clean": figures.privateClean = bytes
            case "Private_Dirty": figures.privateDirty = bytes
            case "Shared_Clean": figures.sharedClean = bytes
            case "Shared_Dirty": figures.sharedDirty = bytes
            case "Anonymous": figures.anonymous = bytes
            default: continue
            }
        }
        return figures
    }

    /// The figures of process `pid` ("self" for this one); nil when it has gone or the
    /// kernel has no smaps_rollup (before Linux 4.14).
    public static func read(pid: String) -> MemoryFigures? {
        guard let data = try? POSIXFile.read("/proc/\(pid)/smaps_rollup") else { return nil }
        let figures = parse(smapsRollup: String(decoding: data, as: UTF8.self))
        return figures.rss > 0 ? figures : nil
    }
}
