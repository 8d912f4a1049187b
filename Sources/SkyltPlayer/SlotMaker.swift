import FoundationEssentials
import SkyltCompose
import SkyltCore

/// A slot decided and, when it shows a frame, composed: what the loop stages next.
struct PreparedSlot {
    var shown: ShownSlide
    var frame: Frame?
}

/// What `SlotMaker.make` needs from the loop while a slide composes: its clock, and what it
/// does meanwhile (heartbeats, the screen's events, stop requests) and when a slide is skipped.
struct Composing {
    /// The loop's monotonic time.
    var now: () -> Double
    /// How often `tick` runs while the loop waits for a composition; nil: only after a wake.
    var tickSeconds: Double?
    /// Runs while the loop waits; false ends the wait (the loop is stopping).
    var tick: () -> Bool
    var emit: (PlayEvent) -> Void
}

/// Decides and composes what shows next for the play loop: the planner's slot, drawn by the
/// composer on a worker thread. Keeps the current program, the planner's memory of what
/// played, the slides that failed to draw and the slides (in one language) that took longer
/// than `PlayerOptions.maxComposeSeconds`, each left out until the program changes. Used on
/// the loop's thread only.
final class SlotMaker {
    let planner: Planner
    private let composer: SlideComposer
    let worker: ComposeWorker
    private let store: ProgramStore
    let options: PlayerOptions
    private let control: PlayControl
    private let logger: Logger

    private var generation = -1
    private(set) var program = Program.empty
    private var cache = EligibilityCache()
    var broken: Set<String> = []
    /// The program's data slides, checked for staleness at each decision.
    private(set) var liveSlides: [ProgramSlide] = []
    /// Slides, each in one language, whose composition missed its deadline.
    var slow: Set<SlideLanguage> = []
    /// The planner's memory of what played.
    private(set) var plays = PlayHistory()
    private(set) var skipped = 0

    /// A slide's key and a language.
    struct SlideLanguage: Hashable {
        var key, language: String
    }

    /// Without a planner, plans with the options' languages in the machine's time zone.
    init(
        planner: Planner?, composer: SlideComposer, compose: @escaping SlideComposing, store: ProgramStore,
        options: PlayerOptions, control: PlayControl, logger: Logger
    ) {
        self.logger = logger
        self.planner = planner ?? Planner(settings: PlanSettings(timeZone: .current, languages: options.languages))
        self.composer = composer
        worker = ComposeWorker(compose: compose)
        self.store = store
        self.options = options
        self.control = control
        control.alsoWake { [worker] in worker.wake() }
    }

    /// Lets the worker thread end, once the loop has.
    func shutDown() { worker.shutDown() }

    func trusts(_ date: Date) -> Bool { options.clockTrust.trusts(date) }

    /// Takes the store's latest program, arrived at `date`; true when the store changed (a
    /// reload of the same program counts too, so what was composed ahead is composed again).
    @discardableResult
    func refresh(at date: Date) -> Bool {
        let (latest, latestGeneration) = store.current()
        guard latestGeneration != generation else { return false }
        generation = latestGeneration
        if latest != program {
            program = latest
            broken = []
            slow = []
            liveSlides = latest.slides.filter(\.slide.content.isLive)
            cache = EligibilityCache()
            plays.arrive(Set(latest.slides.map(\.key)), at: date)
        }
        return true
    }

    /// What shows from `date`, composed, from the program last taken by `refresh(at:)` (the
    /// caller refreshes with the real time, so an arrival is never dated in the future). A
    /// slide that cannot be drawn, or not within `maxComposeSeconds` in a language, is logged,
    /// reported and left out (in that language) until the program changes, and the planner is
    /// asked again: each pass leaves one more slide or language out, so the search ends. A data
    /// slide is composed as it is at `date`, the moment it comes on screen; one that is stale
    /// then is left out, as its schedule would leave it.
    func make(at date: Date, _ composing: Composing) -> PreparedSlot {
        while true {
            let slot = decide(at: date)
            guard case .slide(let slide, let chosen, let reason) = slot else { return prepared(slot, at: date) }
            guard let language = language(of: slide, from: chosen) else {
                broken.insert(slide.key)
                continue
            }
            let started = composing.now()
            let outcome = worker.compose(
                slide, language: language, at: date, seconds: options.maxComposeSeconds,
                tickSeconds: composing.tickSeconds,
                tick: composing.tick)
            switch outcome {
            case .composed(let composition):
                composing.emit(
                    .composed(template: slide.slide.content.templateName, seconds: composing.now() - started))
                let chosen = Slot.slide(slide, language: language, reason: reason)
                return PreparedSlot(
                    shown: shown(chosen, language: language, at: date, seconds: slide.slide.durationSeconds),
                    frame: composition.frame)
            case .failed(let error):
                broken.insert(slide.key)
                skip(slide, because: "\(error)", composing)
            case .timedOut:
                slow.insert(SlideLanguage(key: slide.key, language: language))
                skip(slide, because: "composing it in '\(language)' took longer than \(seconds) s", composing)
                if worker.isSaturated {
                    logger.warning(
                        "\(ComposeWorker.maxThreads) slides are still being composed: no slide is drawn until one ends")
                }
            case .busy:
                // The system has no thread to give: the calm screen, and another try after it.
                return prepared(.noContent(reason: "no thread to compose slides on"), at: date)
            case .stopped:
                // The loop is on its way out: nothing more shows.
                return prepared(.closed(until: nil), at: date)
            }
        }
    }

    /// The planner's language for `slide` or, when that one is too slow to compose, the next
    /// of its languages that is not; nil when none is left.
    private func language(of slide: ProgramSlide, from chosen: String) -> String? {
        guard !slow.isEmpty else { return chosen }
        let offered = LanguageChoice.languages(for: slide, display: planner.settings.languages)
        let start = offered.firstIndex(of: chosen) ?? 0
        for step in 0..<offered.count {
            let language = offered[(start + step) % offered.count]
            if !slow.contains(SlideLanguage(key: slide.key, language: language)) { return language }
        }
        return nil
    }

    /// The slides the planner must leave out at `date`: those that cannot be drawn, the data
    /// slides stale then and, while every worker allowed is stuck on a slow slide, all of them
    /// (so that the calm screen holds until a worker is free, instead of giving way to content
    /// it cannot draw).
    private func excluded(at date: Date) -> Set<String> {
        worker.isSaturated ? Set(program.slides.map(\.key)) : broken.union(staleKeys(at: date))
    }

    var seconds: String { NumberText.fixed(options.maxComposeSeconds, decimals: 1) }

    func skip(_ slide: ProgramSlide, because reason: String, _ composing: Composing) {
        skipped += 1
        logger.warning("skipping \(slide.key): \(reason)")
        composing.emit(.skipped(slide: slide.key, reason: reason))
    }

    /// The identify screen, which holds for `Slot.identifySeconds`.
    func identify(at date: Date) -> PreparedSlot {
        PreparedSlot(
            shown: shown(.identify, language: "", at: date, seconds: Slot.identifySeconds),
            frame: composer.composeIdentify(kioskName: options.kioskName, addresses: options.addresses()))
    }

    /// Why `shown` must give way at `date`, or nil. The identify screen holds its time: the
    /// technician asked for it.
    func interruption(of shown: ShownSlide, at date: Date) -> String? {
        guard shown.slot.kind != .identify else { return nil }
        if let stale = shown.slot.slide?.slide.content.staleness(at: date) {
            return "its data is stale: \(stale.reason)"
        }
        return planner.interruption(
            of: shown.record, program, at: date, history: plays, clockTrusted: trusts(date),
            excluding: excluded(at: date),
            cache: cache)
    }

    /// Remembers that `shown`, recorded at its full length, left the screen at `date`, so
    /// that the planner counts the seconds it really showed, as `skylt plan` does.
    func cut(_ shown: ShownSlide, at date: Date) {
        guard shown.slot.kind != .identify, plays.last?.start == shown.start else { return }
        plays.shortenLast(to: max(0, date.timeIntervalSince(shown.start)))
    }

    /// The next moment a schedule or the opening hours can change.
    func nextBoundary(after date: Date) -> Date? {
        planner.nextBoundary(program, after: date, clockTrusted: trusts(date), cache: cache)
    }

    /// Remembers a slot that went on screen; the identify screen is not a play.
    func record(_ shown: ShownSlide) {
        if shown.slot.kind != .identify { plays.record(shown.record, in: planner.local) }
    }

    /// The planner's slot, with the status page's display off/on, which holds until the next
    /// opening-hours change.
    private func decide(at date: Date) -> Slot {
        let trusted = trusts(date)
        let override = control.displayOverride(open: planner.isOpen(at: date, clockTrusted: trusted, cache: cache))
        if override == false {
            return .closed(until: planner.nextBoundary(program, after: date, clockTrusted: trusted, cache: cache))
        }
        let excluded = excluded(at: date)
        let slot = planner.decide(
            program, at: date, history: plays, clockTrusted: trusted, excluding: excluded, cache: cache)
        if override == true, case .closed = slot {
            // On while closed: decide as if the hours were unknown.
            return planner.decide(
                program, at: date, history: plays, clockTrusted: false, excluding: excluded, cache: cache)
        }
        return slot
    }

    /// A slot without a slide: dark when closed, the no-content screen otherwise.
    private func prepared(_ slot: Slot, at date: Date) -> PreparedSlot {
        switch slot {
        case .closed(let until):
            let seconds = until.map { max(1, $0.timeIntervalSince(date)) } ?? 3600
            return PreparedSlot(shown: shown(slot, language: "", at: date, seconds: seconds), frame: nil)
        case .identify:
            return identify(at: date)
        case .slide:
            preconditionFailure("a slide is composed by make(at:), never drawn as a screen of its own")
        case .noContent:
            let language = options.languages.first ?? "sv"
            let frame = composer.composeNoContent(
                kioskName: options.kioskName, addresses: options.addresses(), version: SkyltVersion.string,
                language: language)
            return PreparedSlot(
                shown: shown(slot, language: language, at: date, seconds: planner.settings.noContentSeconds),
                frame: frame)
        }
    }

    private func shown(_ slot: Slot, language: String, at date: Date, seconds: Double) -> ShownSlide {
        ShownSlide(slot: slot, language: language, shownAt: 0, start: date, durationSeconds: seconds)
    }
}
