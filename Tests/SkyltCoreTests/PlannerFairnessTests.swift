import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// How much of the screen urgent notices take, and how often each language of each slide
/// shows, over generated playlists of an opening day (08:00–20:00). Each seed makes a
/// different kiosk; the same seed always makes the same one.
@Suite("Planner: urgent share and language fairness over generated playlists")
struct PlannerFairnessTests {
    typealias F = PlanFixtures
    static let seeds: [UInt64] = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
    static let display = ["sv", "en", "de"]
    static let open = F.at("2026-12-02T08:00")
    static let close = F.at("2026-12-02T20:00")

    struct Kiosk {
        var slides: [ProgramSlide]
        var planner: Planner
        var share: Double { planner.settings.urgentShare }
        var longestUrgent: Double { slides.filter(\.isUrgent).map(\.slide.durationSeconds).max() ?? 0 }
        var longestNormal: Double { slides.filter { !$0.isUrgent }.map(\.slide.durationSeconds).max() ?? 0 }
    }

    /// A slide translated into the first `count` display languages.
    static func translated(_ slide: ProgramSlide, count: Int) -> ProgramSlide {
        var slide = slide
        let texts = Dictionary(uniqueKeysWithValues: display.prefix(count).map { ($0, slide.slide.id + "-" + $0) })
        slide.slide.content = .notice(
            title: LocalizedText(texts), body: LocalizedText(texts), qr: nil, issuer: nil)
        return slide
    }

    /// One or two channels of equal weight with 2–12 normal slides of 5–20 s in one to three
    /// languages, and `urgent` notices of 5–20 s valid all day, each in `languages(index)`.
    static func kiosk(
        seed: UInt64, urgent: ClosedRange<Int>, share: Double = 0.5, languages: (Int, inout SeededRandom) -> Int
    ) -> Kiosk {
        var random = SeededRandom(seed: seed)
        let channels = Int.random(in: 1...2, using: &random)
        var slides: [ProgramSlide] = []
        for index in 0..<Int.random(in: 2...12, using: &random) {
            let slide = F.slide(
                "n\(index)", channel: "ch\(index % channels)", seconds: Double(Int.random(in: 5...20, using: &random)))
            slides.append(translated(slide, count: Int.random(in: 1...3, using: &random)))
        }
        let count = Int.random(in: urgent, using: &random)
        for index in 0..<count {
            let slide = F.slide("u\(index)", seconds: Double(Int.random(in: 5...20, using: &random)), urgent: true)
            slides.append(translated(slide, count: languages(count, &random)))
        }
        let hours = OpeningHours(weekly: [.wed: [F.window("08:00", "20:00")]])
        var settings = F.planner(openingHours: hours, languages: display).settings
        settings.urgentShare = share
        return Kiosk(slides: slides, planner: Planner(settings: settings))
    }

    static func day(_ kiosk: Kiosk) -> [PlanEntry] {
        F.plan(kiosk.slides, from: F.at("2026-12-02T07:00"), to: F.at("2026-12-02T21:00"), planner: kiosk.planner)
    }

    /// The longest wait, from opening, between starts and until closing, for each language of
    /// each slide that `include` picks.
    static func longestGaps(_ entries: [PlanEntry], kiosk: Kiosk, include: (ProgramSlide) -> Bool) -> [String: Double] {
        var gaps: [String: Double] = [:]
        for slide in kiosk.slides where include(slide) {
            for language in LanguageChoice.languages(for: slide, display: display) {
                let starts = entries.filter { $0.slide == slide.slide.id && $0.language == language }.map(\.start)
                let moments = [open] + starts + [close]
                let gap = zip(moments, moments.dropFirst()).map { $1.timeIntervalSince($0) }.max()!
                gaps["\(slide.slide.id)/\(language)"] = gap
            }
        }
        return gaps
    }

    @Test(
        "urgent notices take at most their share of any stretch: share × span + (1 − share) × longest notice",
        arguments: seeds)
    func urgentShare(seed: UInt64) {
        for share in [0.25, 0.5, 0.75] {
            let kiosk = Self.kiosk(seed: seed, urgent: 1...3, share: share) { _, random in
                Int.random(in: 1...3, using: &random)
            }
            // Over every stretch of whole slots while the shop is open (where normal slides may
            // always play): the largest excess of urgent time over the share, by prefix sums.
            let open = Self.day(kiosk).filter { $0.slide != nil }
            var sum = 0.0
            var lowest = 0.0
            var worst = 0.0
            var urgent = 0.0
            for entry in open {
                let length = entry.end.timeIntervalSince(entry.start)
                if entry.urgent { urgent += length }
                sum += (entry.urgent ? length : 0) - share * length
                worst = max(worst, sum - lowest)
                lowest = min(lowest, sum)
            }
            #expect(worst <= (1 - share) * kiosk.longestUrgent + 1e-6, "share \(share), excess \(worst) (seed \(seed))")
            // And they still get their turns: each cycle of a notice of u seconds and the normal
            // slides after it lasts at most u / share + the longest normal slide.
            let shortest = kiosk.slides.filter(\.isUrgent).map(\.slide.durationSeconds).min()!
            let least = share * shortest / (shortest + share * kiosk.longestNormal) - 0.01
            #expect(urgent >= least * 12 * 3600, "share \(share): \(urgent) s (seed \(seed))")
        }
    }

    /// The bound on the wait for each language of an urgent notice: with k notices valid and
    /// L languages of this one, k × L urgent turns, each at most longest notice / share +
    /// longest normal slide apart.
    @Test(
        "each language of each urgent notice shows within k × L × (longest notice / share + longest slide) ≤ 5 min",
        arguments: seeds)
    func urgentLanguages(seed: UInt64) {
        // k notices in L languages each, with k × L ≤ 5: one in up to three, or two in up to two.
        let kiosk = Self.kiosk(seed: seed, urgent: 1...2) { count, random in
            Int.random(in: 1...(count == 1 ? 3 : 2), using: &random)
        }
        let notices = kiosk.slides.filter(\.isUrgent)
        let turn = kiosk.longestUrgent / kiosk.share + kiosk.longestNormal
        let gaps = Self.longestGaps(Self.day(kiosk), kiosk: kiosk, include: \.isUrgent)
        #expect(
            gaps.count == notices.map { LanguageChoice.languages(for: $0, display: Self.display).count }.reduce(0, +))
        for notice in notices {
            let languages = LanguageChoice.languages(for: notice, display: Self.display).count
            let bound = Double(notices.count * languages) * turn
            #expect(bound <= 300)
            for language in LanguageChoice.languages(for: notice, display: Self.display) {
                let gap = gaps["\(notice.slide.id)/\(language)"]!
                #expect(gap <= bound, "\(notice.slide.id)/\(language): \(gap) s > \(bound) s (seed \(seed))")
            }
        }
    }

    @Test(
        "each language of each normal slide shows at least once an hour, even with notices on all day",
        arguments: seeds)
    func normalLanguages(seed: UInt64) {
        let kiosk = Self.kiosk(seed: seed, urgent: 0...2) { _, random in Int.random(in: 1...3, using: &random) }
        let gaps = Self.longestGaps(Self.day(kiosk), kiosk: kiosk) { !$0.isUrgent }
        #expect(!gaps.isEmpty)
        for (language, gap) in gaps { #expect(gap <= 3600, "\(language): \(gap) s (seed \(seed))") }
    }
}
