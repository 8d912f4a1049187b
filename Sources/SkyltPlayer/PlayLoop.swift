import FoundationEssentials
public import SkyltCompose
public import SkyltCore

/// The play loop: asks for what comes next, has it composed ahead of its deadline, and at the
/// deadline blends it in. Between deadlines it sleeps until the deadline or the next moment a
/// schedule can change, so a static slide costs no CPU. An urgent slide that just became
/// valid, the end of a slide's schedule or closing time cuts the current slide short.
///
/// The loop only stages, waits and draws; everything else that happens at a switch reaches
/// its `PlayObserver`s. Runs on the thread that owns the screen (the main thread for SDL).
/// Slides are composed on a worker thread (`ComposeWorker`): while the loop waits for one, at
/// most `PlayerOptions.maxComposeSeconds`, it keeps its heartbeat, its screen's events and its
/// stop requests, so no slide can hold it. `control` and `ProgramStore` changes may come from
/// any thread.
public final class PlayLoop {
    private let screen: any Screen
    private let clock: any LoopClock
    private let options: PlayerOptions
    private let display: DisplayPower?
    private let slots: SlotMaker
    private let logger: Logger
    private var observers: [any PlayObserver] = []
    private var stopAt: Double?
    /// What is on screen, for the screen's events while a slide composes.
    private var onScreen: ShownSlide?

    /// Stops the loop from any thread.
    public let control: PlayControl
    private var counts = PlayStats()
    /// What the loop counted so far.
    public var stats: PlayStats {
        var stats = counts
        stats.skipped = slots.skipped
        return stats
    }

    /// The planner's memory of what played.
    public var plays: PlayHistory { slots.plays }

    /// `compose` draws a slide on the worker thread; by default a composer like `composer`
    /// (which also draws the built-in screens on the loop's thread).
    public init(
        screen: any Screen, composer: SlideComposer, store: ProgramStore, clock: any LoopClock, options: PlayerOptions,
        planner: Planner? = nil, display: DisplayPower? = nil, logger: Logger = .standard,
        compose: SlideComposing? = nil
    ) {
        self.logger = logger
        self.screen = screen
        self.clock = clock
        self.options = options
        self.display = display
        control = PlayControl(clock: clock)
        slots = SlotMaker(
            planner: planner, composer: composer, compose: compose ?? Self.composing(like: composer), store: store,
            options: options, control: control, logger: logger)
    }

    /// Composes with a composer of its own for each slide, made like `composer`: a composer is
    /// used from one thread only, and making one costs next to nothing.
    private static func composing(like composer: SlideComposer) -> SlideComposing {
        let (profile, languages) = (composer.profile, composer.displayLanguages)
        return { slide, language, moment throws(ComposeError) in
            try SlideComposer(profile: profile, displayLanguages: languages).compose(
                slide, language: language, at: moment)
        }
    }

    /// Adds an observer; call before `run()`.
    public func add(_ observer: any PlayObserver) { observers.append(observer) }

    /// Asks the loop to stop at its next wake-up.
    public func requestStop() { control.requestStop() }

    /// Plays until `requestStop()`, a quit event, or `exitAfterSeconds`. Returns false when
    /// the screen failed, so that the service manager can restart the player.
    @discardableResult
    public func run() -> Bool {
        defer { slots.shutDown() }
        do {
            try play()
            return true
        } catch {
            logger.error("cannot upload a frame to the screen: \(error)")
            return false
        }
    }

    private func play() throws(ScreenError) {
        counts.started = clock.now
        stopAt = options.exitAfterSeconds.map { counts.started + $0 }
        var current: ShownSlide?
        var next = try prepare(at: clock.now)
        var deadline: Double?
        while !control.isStopping {
            let (shown, missed) = show(next, after: current, deadline: deadline)
            let frame = next.frame
            current = shown
            let end = shown.shownAt + shown.durationSeconds
            // Decide and compose the next slot now, well before its deadline, so that the
            // switch only blends what is already on the screen's side.
            next = try prepare(at: end)
            emit(
                .switched(
                    PlaySwitch(
                        shown: shown, frame: frame, upcoming: next.shown,
                        missedDeadline: missed, slidesInProgram: slots.program.slides.count,
                        clockTrusted: slots.trusts(shown.start), staleData: slots.staleData(at: shown.start))))
            emit(.heartbeat)
            (next, deadline) = try hold(shown, until: end, next: next)
        }
        finish(current, at: clock.now)
    }

    /// Switches the screen to `next`: closes the slot before it, blends the frame in (or goes
    /// dark), and returns the slot as shown and whether the switch missed its deadline.
    private func show(_ next: PreparedSlot, after current: ShownSlide?, deadline: Double?) -> (ShownSlide, Bool) {
        let now = clock.now
        let missed = deadline.map { now - $0 > options.missedDeadlineSeconds } ?? false
        if missed, let deadline {
            logger.warning(
                "switch came \(NumberText.fixed((now - deadline) * 1000, decimals: 0)) ms after its deadline")
        }
        finish(current, at: now)
        if next.frame == nil {
            goDark(wasDark: current?.dark ?? false)
        } else {
            present(after: current)
        }
        var shown = next.shown
        shown.shownAt = now
        shown.start = date(at: now)
        onScreen = shown
        counts.switches += 1
        slots.record(shown)
        logShown(shown)
        return (shown, missed)
    }

    /// Sleeps while `shown` is on screen, until its end, a stop, a request from the status
    /// page, or a change that cuts it short. Returns what to show next, and the deadline it
    /// keeps (nil when cut short, which is no missed deadline). A data slide is composed again
    /// at each minute of the wall clock while it stays, and cut short once its data is stale.
    private func hold(_ shown: ShownSlide, until end: Double, next: PreparedSlot) throws(ScreenError) -> (
        PreparedSlot, Double?
    ) {
        var next = next
        var minute = shown.isLive ? ShownSlide.minute(after: shown.start) : nil
        while !control.isStopping {
            let now = clock.now
            if let stopAt, now >= stopAt {
                requestStop()
                break
            }
            if now >= end { break }
            clock.sleep(until: wakeTime(showing: shown, until: end, now: now, minute: minute))
            emit(.heartbeat)
            if control.takeIdentifyRequest() {
                slots.cut(shown, at: clock.date)
                return (try stage(slots.identify(at: clock.date)), nil)
            }
            if control.takeDisplayRequest() {
                slots.cut(shown, at: clock.date)
                return (try prepare(at: clock.now), nil)
            }
            handleEvents(showing: shown)
            let changed = slots.refresh(at: date(at: clock.now))
            if let why = slots.interruption(of: shown, at: date(at: clock.now)) {
                logger.info("cutting \(shown.key ?? "the screen") short: \(why)")
                slots.cut(shown, at: date(at: clock.now))
                return (try prepare(at: clock.now), nil)
            }
            // At the slot's end the next slot takes over: no composition for nothing.
            if clock.now < end, ShownSlide.minuteHasCome(&minute, at: date(at: clock.now)),
                !(try recompose(shown, keeping: next))
            {
                slots.cut(shown, at: date(at: clock.now))
                return (try prepare(at: clock.now), nil)
            }
            // New content: what was composed ahead may be stale.
            if changed { next = try prepare(at: end) }
        }
        return (next, end)
    }

    /// The earliest of the slot's end, the stop time, a heartbeat, the screen's event poll and
    /// the next schedule boundary; while a data slide shows, also the next minute.
    private func wakeTime(showing shown: ShownSlide, until end: Double, now: Double, minute: Date?) -> Double {
        var wakeAt = min(end, stopAt ?? end)
        if let minute { wakeAt = min(wakeAt, now + max(0, minute.timeIntervalSince(date(at: now)))) }
        if let beat = options.heartbeatSeconds { wakeAt = min(wakeAt, now + beat) }
        if let interval = screen.eventPollIntervalSeconds, !shown.dark { wakeAt = min(wakeAt, now + interval) }
        let today = date(at: now)
        if let boundary = slots.nextBoundary(after: today) {
            wakeAt = min(wakeAt, now + max(0, boundary.timeIntervalSince(today)))
        }
        return wakeAt
    }

    /// Draws the data slide on screen again as it is now, without a crossfade, and stages the
    /// slot that follows once more; false when it cannot be composed.
    private func recompose(_ shown: ShownSlide, keeping next: PreparedSlot) throws(ScreenError) -> Bool {
        guard let frame = slots.recompose(shown, at: date(at: clock.now), composing) else { return false }
        try screen.stage(frame)
        screen.draw(fade: 1)
        screen.promote()
        if let staged = next.frame { try screen.stage(staged) }
        return true
    }

    private func handleEvents(showing shown: ShownSlide?) {
        for event in screen.pollEvents() {
            switch event {
            case .quit: requestStop()
            case .redraw: if let shown, !shown.dark { screen.draw(fade: 0) }
            }
        }
    }

    /// Decides and composes the slot from monotonic time `moment`, and uploads its frame.
    private func prepare(at moment: Double) throws(ScreenError) -> PreparedSlot {
        // Content that arrived counts from now, not from the moment decided for.
        slots.refresh(at: date(at: clock.now))
        let prepared = slots.make(at: date(at: moment), composing)
        return try stage(prepared)
    }

    /// While a slide composes, the loop proves itself alive as often as it does while a slide
    /// shows, and answers its screen and stop requests.
    private var composing: Composing {
        let intervals = [options.heartbeatSeconds, screen.eventPollIntervalSeconds].compactMap { $0 }
        return Composing(
            now: { [clock] in clock.now }, tickSeconds: intervals.min(),
            tick: { [self] in
                emit(.heartbeat)
                handleEvents(showing: onScreen)
                return !control.isStopping
            }, emit: { [self] in emit($0) })
    }

    private func stage(_ prepared: PreparedSlot) throws(ScreenError) -> PreparedSlot {
        if let frame = prepared.frame { try screen.stage(frame) }
        return prepared
    }

    /// Blends the staged frame in over `crossfadeSeconds`, then shows it alone.
    private func present(after current: ShownSlide?) {
        if current?.dark == true { display?.turnOn() }
        if current != nil && current?.dark == false { crossfade() }
        screen.draw(fade: 1)
        screen.promote()
        if counts.firstFrameAt == nil {
            counts.firstFrameAt = clock.now
            emit(.firstFrame(at: clock.now))
        }
    }

    private func crossfade() {
        let frames = max(1, Int(options.crossfadeSeconds * options.fadeFramesPerSecond))
        let start = clock.now
        for index in 1..<frames {
            screen.draw(fade: Double(index) / Double(frames))
            clock.sleep(until: start + options.crossfadeSeconds * Double(index) / Double(frames - 1))
        }
    }

    private func goDark(wasDark: Bool) {
        guard !wasDark else { return }
        screen.blank()
        display?.turnOff()
    }

    /// Closes the slot that was on screen, with the seconds it really showed.
    private func finish(_ shown: ShownSlide?, at now: Double) {
        guard let shown else { return }
        emit(.finished(shown, seconds: now - shown.shownAt))
    }

    private func emit(_ event: PlayEvent) {
        for observer in observers { observer.playLoop(event) }
    }

    /// The wall-clock time at monotonic time `moment`.
    private func date(at moment: Double) -> Date { clock.date.addingTimeInterval(moment - clock.now) }

    private func logShown(_ shown: ShownSlide) {
        if let key = shown.key {
            logger.info("showing \(key) in '\(shown.language)' for \(Int(shown.durationSeconds)) s: \(shown.reason)")
        } else if shown.dark {
            logger.info("screen off: \(shown.reason)")
        } else if shown.slot.kind == .identify {
            logger.info("identify: showing the kiosk's name and addresses for \(Int(shown.durationSeconds)) s")
        } else {
            logger.info("no content to show (\(shown.reason)); showing the kiosk's name and addresses")
        }
    }
}
