import FoundationEssentials
import SkyltCore
import SkyltSync

/// One source as the service runs it: its last good slides and its memory, kept in the state
/// folder (`<state>/sources/<channel>/<index>-<type>.json`) so that a restart neither empties
/// the channel nor forgets what the source remembered; when it is next due, and its backoff.
final class SourceRun {
    let configured: ConfiguredSource
    let index: Int
    let file: URL
    /// The slides of the last round that succeeded, as the source gave them.
    private(set) var slides: [JSONValue] = []
    /// Whether any round ever succeeded (now or before a restart).
    private(set) var hasData = false
    let memory = SourceMemory()
    /// Monotonic seconds of the service's clock.
    var due: Double = 0
    var backoff = Backoff()

    init(_ configured: ConfiguredSource, index: Int, folder: URL, logger: Logger) {
        self.configured = configured
        self.index = index
        self.file = folder.appendingPathComponent("\(index)-\(configured.type.rawValue).json")
        restore(logger: logger)
    }

    /// The kept state, when it belongs to this source (the config may have been reordered).
    private func restore(logger: Logger) {
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        do {
            let json = try JSONValue.parse(try Data(contentsOf: file))
            guard case .object(let fields) = json, fields["subject"] == .string(configured.subject) else { return }
            if case .array(let kept) = fields["slides"] ?? .null {
                slides = kept
                hasData = true
            }
            memory.value = fields["memory"] ?? .null
        } catch {
            logger.warning("feeds: \(file.path) cannot be read; \(configured.subject) starts afresh: \(error)")
        }
    }

    private func save(logger: Logger) {
        var fields: [String: JSONValue] = ["subject": .string(configured.subject), "memory": memory.value]
        if hasData { fields["slides"] = .array(slides) }
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(JSONValue.object(fields).canonicalData(), to: file, mode: AtomicFile.secretMode)
        } catch {
            logger.warning("feeds: \(file.path) cannot be written: \(error)")
        }
    }

    enum Outcome {
        case fetched(changed: Bool)
        case failed(FeedError)
    }

    /// One round: new slides on success; on failure the last good ones stay. The memory is
    /// saved either way, as the source may have learnt something before it failed.
    func poll(
        fetcher: any DocumentFetching, now: Date, logger: Logger, heartbeat: @escaping () -> Void = {},
        clock: @escaping () -> Double = RoundContext.monotonicSeconds
    ) -> Outcome {
        let context = RoundContext(fetcher: fetcher, now: now, memory: memory, heartbeat: heartbeat, clock: clock)
        let outcome: Outcome
        do {
            let fresh = try configured.source.round(context)
            let changed = !hasData || fresh != slides
            slides = fresh
            hasData = true
            outcome = .fetched(changed: changed)
            logger.info("feeds: \(configured.subject): \(changed ? "fetched" : "unchanged"), \(fresh.count) slides")
            logSkipped(logger)
        } catch {
            outcome = .failed(error)
            let kept = hasData ? "keeping the last \(slides.count) slides" : "no slides yet"
            logger.warning(
                "feeds: \(configured.subject): failed (\(error.code.rawValue)): \(URLText.redacted(error.message)); \(kept)"
            )
        }
        save(logger: logger)
        return outcome
    }

    /// What the source left out of its last round, each with its reason; a link in a reason
    /// may carry a secret and is shown without its query.
    private func logSkipped(_ logger: Logger) {
        guard let skipping = configured.source as? any SkippingSource else { return }
        for reason in skipping.lastSkipped {
            logger.info("feeds: \(configured.subject): skipped: \(URLText.redacted(reason))")
        }
    }

    /// The slides with ids prefixed by the source's index, unique in the channel.
    var prefixedSlides: [JSONValue] {
        slides.map { slide in
            guard case .object(var fields) = slide, case .string(let id) = fields["id"] ?? .null else { return slide }
            fields["id"] = .string("\(index)-\(id)")
            return .object(fields)
        }
    }
}

/// A source that leaves out items it cannot show (an alert without a headline, a news item
/// without a title) and says why, for the service's log.
protocol SkippingSource {
    var lastSkipped: [String] { get }
}

extension CAPSource: SkippingSource {}
extension VMASource: SkippingSource {}
extension NewsSource: SkippingSource {}
