public import FoundationEssentials
import Glibc

/// Proof of play: every slide actually shown, one JSON line each, in one file per local day
/// (`plays-YYYY-MM-DD.jsonl`) in the state directory. Files are capped in size and old ones
/// are removed, so the log never fills the disk.
///
/// Not thread-safe: the play loop owns it.
public final class PlayLog {
    public let folder: URL
    public let local: LocalTime
    /// A day's file stops growing here by default (about 60,000 plays).
    public static let defaultMaxFileBytes = 8 << 20
    /// Days kept by default.
    public static let defaultKeepDays = 90
    /// A day's file stops growing at this size: plays past it are not logged (with one warning).
    public let maxFileBytes: Int
    /// Files of this many days are kept, today's included; older ones go when a new day starts.
    public let keepDays: Int

    private var cappedDay: String?
    private let logger: Logger

    public init(
        folder: URL, timeZone: Zone, maxFileBytes: Int = PlayLog.defaultMaxFileBytes,
        keepDays: Int = PlayLog.defaultKeepDays, logger: Logger = .standard
    ) {
        self.logger = logger
        self.folder = folder
        local = LocalTime(timeZone: timeZone)
        self.maxFileBytes = maxFileBytes
        self.keepDays = max(1, keepDays)
    }

    public struct Entry: Sendable, Equatable, Codable {
        public var slide: String
        public var channel: String
        public var start: String
        public var seconds: Double
    }

    /// The day files, for readers on other threads (the status page, `skylt report`).
    public var files: PlayLogFiles { PlayLogFiles(folder: folder, local: local) }

    public func file(for day: String) -> URL { files.file(for: day) }

    public func dayKey(_ date: Date) -> String { files.dayKey(date) }

    /// Appends a play. Failures are logged, never thrown: proof of play must not stop playback.
    public func append(slide: String, channel: String, start: Date, seconds: Double) {
        let day = dayKey(start)
        let url = file(for: day)
        let entry = Entry(
            slide: slide, channel: channel, start: ISO8601.format(start), seconds: (seconds * 10).rounded() / 10)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let size = FileSize.of(url.path) ?? 0
            guard size < maxFileBytes else {
                if cappedDay != day {
                    cappedDay = day
                    logger.warning(
                        "play log \(url.path) reached \(maxFileBytes) bytes; further plays today are not logged")
                }
                return
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var line = try encoder.encode(entry)
            line.append(0x0A)
            if size == 0 {
                try line.write(to: url)
                removeOldFiles(today: day)
            } else if let failure = Self.appendLine(line, to: url) {
                logger.warning("cannot write the play log \(url.path): \(failure)")
            }
        } catch {
            logger.warning("cannot write the play log \(url.path): \(FileProblem.describe(error))")
        }
    }

    /// Adds `line` at the end of the file at `url` with O_APPEND, through POSIXFile's write,
    /// which goes on after a short write or an interrupted one; nil when it did, otherwise why not.
    private static func appendLine(_ line: Data, to url: URL) -> String? {
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        let file = POSIXFile(descriptor: descriptor)
        do {
            try file.write(line)
            return nil
        } catch {
            return FileProblem.describe(error)
        }
    }

    private func removeOldFiles(today: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let logs = names.filter { $0.hasPrefix("plays-") && $0.hasSuffix(".jsonl") }.sorted()
        for name in logs.dropLast(keepDays) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Totals per channel and slide for one day.
    public func totals(day: String) throws -> (totals: [PlayLogFiles.Total], badLines: Int) {
        try files.totals(day: day)
    }
}

/// The play log's day files, read from any thread: a value, so the status page reads totals
/// without holding the writer the play loop owns.
public struct PlayLogFiles: Sendable {
    public let folder: URL
    public let local: LocalTime

    public func file(for day: String) -> URL { folder.appendingPathComponent("plays-\(day).jsonl") }

    public func dayKey(_ date: Date) -> String { OpeningHours.dateKey(date, in: local) }

    /// Totals per channel and slide for one day.
    public struct Total: Sendable, Equatable, Codable {
        public var channel: String
        public var slide: String
        public var plays: Int
        public var seconds: Double
    }

    /// Reads a day's log; lines that do not parse are counted, not fatal.
    public func totals(day: String) throws -> (totals: [Total], badLines: Int) {
        let data = try Data(contentsOf: file(for: day))
        var sums: [String: Total] = [:]
        var bad = 0
        for line in data.split(separator: 0x0A) where !line.isEmpty {
            guard let entry = try? JSONDecoder().decode(PlayLog.Entry.self, from: Data(line)) else {
                bad += 1
                continue
            }
            let key = entry.channel + "/" + entry.slide
            var total = sums[key] ?? Total(channel: entry.channel, slide: entry.slide, plays: 0, seconds: 0)
            total.plays += 1
            total.seconds += entry.seconds
            sums[key] = total
        }
        return (sums.values.sorted { ($0.channel, $0.slide) < ($1.channel, $1.slide) }, bad)
    }
}
