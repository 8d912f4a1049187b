import FoundationEssentials
import SkyltCompose
import SkyltCore

/// A slot decided and, when it shows a frame, composed: what the loop stages next.
struct PreparedSlot {
    var shown: ShownSlide
    var frame: Frame?
}

/// Decides and composes what shows next for the play loop: the planner's slot, drawn by the
/// composer. Keeps the current program, the planner's memory of what played, and the slides
/// that failed to draw (left out until the program changes). Used on the loop's thread only.
final class SlotMaker {
    let planner: Planner
    private let composer: SlideComposer
    private let store: ProgramStore
    private let options: PlayerOptions
    private let control: PlayControl
    private let logger: Logger

    private var generation = -1
    private(set) var program = Program.empty
    private var cache = EligibilityCache()
    private var broken: Set<String> = []
    /// The planner's memory of what played.
    private(set) var plays = PlayHistory()
    private(set) var skipped = 0

    /// Without a planner, plans with the options' languages in the machine's time zone.
    init(
        planner: Planner?, composer: SlideComposer, store: ProgramStore, options: PlayerOptions, control: PlayControl,
        logger: Logger
    ) {
        self.logger = logger
        self.planner = planner ?? Planner(settings: PlanSettings(timeZone: .current, languages: options.languages))
        self.composer = composer
        self.store = store
        self.options = options
        self.control = control
    }

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
            cache = EligibilityCache()
            plays.arrive(Set(latest.slides.map(\.key)), at: date)
        }
        return true
    }

    /// What shows from `date`, composed, from the program last taken by `refresh(at:)` (the
    /// caller refreshes with the real time, so an arrival is never dated in the future). A
    /// slide that cannot be drawn is logged once and left out until the program changes, and
    /// the planner is asked again.
    func make(at date: Date, composed: (String, Double) -> Void, now: () -> Double) -> PreparedSlot {
        for _ in 0...program.slides.count {
            let slot = decide(at: date)
            guard case .slide(let slide, let language, _) = slot else { return prepared(slot, at: date) }
            let started = now()
            do {
                let composition = try composer.compose(slide, language: language)
                composed(slide.slide.content.templateName, now() - started)
                return PreparedSlot(
                    shown: shown(slot, language: language, at: date, seconds: slide.slide.durationSeconds),
                    frame: composition.frame)
            } catch {
                broken.insert(slide.key)
                skipped += 1
                logger.warning("skipping \(slide.channel)/\(slide.slide.id): \(error)")
            }
        }
        preconditionFailure("every slide was excluded, yet the planner chose one")
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
        return planner.interruption(
            of: shown.record, program, at: date, history: plays, clockTrusted: trusts(date), excluding: broken,
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
        let slot = planner.decide(
            program, at: date, history: plays, clockTrusted: trusted, excluding: broken, cache: cache)
        if override == true, case .closed = slot {
            // On while closed: decide as if the hours were unknown.
            return planner.decide(
                program, at: date, history: plays, clockTrusted: false, excluding: broken, cache: cache)
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
