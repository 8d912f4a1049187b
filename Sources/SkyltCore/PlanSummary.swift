public import FoundationEssentials

/// What an editor asks of a plan before publishing: how much of the screen time urgent notices
/// take, and how long a viewer waits, at most, to see each slide in their language. Built one
/// entry at a time, so that a month's plan needs no more memory than a day's.
///
/// Waits count open time only: the night a shop is closed is no wait for anyone.
public struct PlanSummary: Sendable {
    /// A slide and one of its languages, as the summary lists them.
    public struct Key: Hashable, Sendable, Comparable {
        public var slide: String
        public var language: String

        public init(slide: String, language: String) {
            self.slide = slide
            self.language = language
        }

        public static func < (a: Key, b: Key) -> Bool { (a.slide, a.language) < (b.slide, b.language) }
    }

    /// Seconds the screen showed a slide (not the no-content screen, not dark).
    public private(set) var slideSeconds: TimeInterval = 0
    /// Seconds of those that an urgent notice showed.
    public private(set) var urgentSeconds: TimeInterval = 0
    /// Seconds the screen was on: slides and the no-content screen.
    public private(set) var openSeconds: TimeInterval = 0
    /// The slides that were urgent when they showed.
    public private(set) var urgentSlides: Set<String> = []
    /// The pairs to report even if they never show: the slides and languages the kiosk has.
    private let expected: Set<Key>
    /// Open time at the last end of each pair (when it left the screen), and the longest wait
    /// seen so far.
    private var lastEnd: [Key: TimeInterval] = [:]
    private var longest: [Key: TimeInterval] = [:]

    public init(expected: Set<Key> = []) { self.expected = expected }

    /// Counts one slot of the plan, in order.
    public mutating func add(_ entry: PlanEntry) {
        let seconds = entry.end.timeIntervalSince(entry.start)
        guard !entry.closed else { return }
        if let slide = entry.slide, let language = entry.language {
            let key = Key(slide: slide, language: language)
            let wait = openSeconds - (lastEnd[key] ?? 0)
            longest[key] = max(longest[key] ?? 0, wait)
            lastEnd[key] = openSeconds + seconds
            slideSeconds += seconds
            if entry.urgent {
                urgentSeconds += seconds
                urgentSlides.insert(slide)
            }
        }
        openSeconds += seconds
    }

    /// The share of slide time that urgent notices took, 0 when nothing showed.
    public var urgentShare: Double { slideSeconds > 0 ? urgentSeconds / slideSeconds : 0 }

    /// The longest open time without the pair on screen, from the start of the plan to its
    /// end: what a viewer who arrives just after it left waits at worst. nil when it never showed.
    public func longestWait(_ key: Key) -> TimeInterval? {
        guard let last = lastEnd[key] else { return nil }
        return max(longest[key] ?? 0, openSeconds - last)
    }

    /// Every pair that showed or was expected, in order.
    public var keys: [Key] { Set(lastEnd.keys).union(expected).sorted() }

    /// The summary as `skylt plan --summary` prints it.
    public var text: String {
        let percent = (urgentShare * 1000).rounded() / 10
        var lines = [
            "open \(Int(openSeconds)) s, slides \(Int(slideSeconds)) s, urgent \(Int(urgentSeconds)) s (\(percent)% of slide time)",
            "longest wait to see each slide in each language (open time):",
        ]
        var bySlide: [(String, [Key])] = []
        for key in keys {
            if bySlide.last?.0 == key.slide {
                bySlide[bySlide.count - 1].1.append(key)
            } else {
                bySlide.append((key.slide, [key]))
            }
        }
        for (slide, pairs) in bySlide {
            let waits = pairs.map { key in
                longestWait(key).map { "\(key.language) \(Int($0)) s" } ?? "\(key.language) never"
            }
            let mark = urgentSlides.contains(slide) ? " (urgent)" : ""
            lines.append("  \(slide)\(mark): " + waits.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
