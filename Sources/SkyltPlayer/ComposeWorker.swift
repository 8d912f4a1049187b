public import FoundationEssentials
@preconcurrency import Glibc
public import SkyltCompose
public import SkyltCore

/// Composes one slide in one language as it is at a moment (a data slide counts down to it):
/// what the play loop has done off its own thread.
public typealias SlideComposing = @Sendable (ProgramSlide, String, Date) throws(ComposeError) -> Composition

/// Composes slides on a worker thread, so that no slide can hold the play loop: the loop waits
/// for a composition until a deadline, and meanwhile keeps its heartbeat, its screen's events
/// and its stop requests (`tick`, called at least every `tickSeconds`).
///
/// The rule for threads: one worker composes, one slide at a time (with a composer made for
/// that slide, since a composer belongs to one thread; fontconfig's caches are shared). A worker whose slide misses the deadline is retired: it finishes that slide
/// on its own, throws the result away and ends, and a fresh worker takes the next slide. At
/// most `maxThreads` workers live at once, so slides stuck for good cannot pile up threads;
/// while that many are stuck, nothing is composed (`isSaturated`) until one of them ends.
///
/// Waits on the real monotonic clock, not the loop's: composition takes real time whatever
/// clock a test drives the loop with. Used from the loop's thread; `wake()` from any thread.
final class ComposeWorker: @unchecked Sendable {
    /// The most workers alive at once, retired ones included.
    static let maxThreads = 3

    enum Outcome {
        case composed(Composition)
        case failed(ComposeError)
        /// Not done after the deadline; the slide keeps its worker busy until it is.
        case timedOut
        /// The loop was asked to stop while it waited.
        case stopped
        /// No worker to compose on: every one allowed is stuck, or the system has no thread.
        case busy
    }

    /// A worker thread's mailbox, guarded by the worker's `condition`.
    private final class Mailbox: @unchecked Sendable {
        var job: Job?
        /// Takes no more slides: ends after the one it has.
        var retired = false
    }

    /// One slide to compose and, once done, its result; guarded by `condition`.
    private final class Job: @unchecked Sendable {
        let slide: ProgramSlide
        let language: String
        let moment: Date
        var result: Result<Composition, ComposeError>?

        init(slide: ProgramSlide, language: String, at moment: Date) {
            self.slide = slide
            self.language = language
            self.moment = moment
        }
    }

    private let compose: SlideComposing
    /// Guards everything below, and signals a finished slide, a new one or a wake.
    private let condition = ThreadCondition()
    private var current: Mailbox?
    private var threads = 0
    private var woken = false

    init(compose: @escaping SlideComposing) { self.compose = compose }

    /// How many worker threads are alive, retired ones included.
    var liveThreads: Int {
        condition.lock()
        defer { condition.unlock() }
        return threads
    }

    /// Whether every worker allowed is stuck on a slide that missed its deadline: nothing can
    /// be composed until one of them ends.
    var isSaturated: Bool {
        condition.lock()
        defer { condition.unlock() }
        return current == nil && threads >= Self.maxThreads
    }

    /// Composes `slide` in `language` as it is at `moment` on the worker, waiting at most `seconds`. `tick` runs on
    /// the caller's thread at least every `tickSeconds` while it waits, and after a `wake()`;
    /// it returns false to give up the wait (the loop is stopping).
    func compose(
        _ slide: ProgramSlide, language: String, at moment: Date, seconds: Double, tickSeconds: Double?,
        tick: () -> Bool
    ) -> Outcome {
        condition.lock()
        defer { condition.unlock() }
        guard let mailbox = worker() else { return .busy }
        let job = Job(slide: slide, language: language, at: moment)
        mailbox.job = job
        condition.broadcast()
        let deadline = Self.monotonicNow() + seconds
        var nextTick = tickSeconds.map { Self.monotonicNow() + $0 } ?? deadline
        var stopped = false
        while job.result == nil && !stopped {
            let now = Self.monotonicNow()
            if now >= deadline { break }
            if woken || now >= nextTick {
                woken = false
                nextTick = tickSeconds.map { now + $0 } ?? deadline
                condition.unlock()
                stopped = !tick()
                condition.lock()
                continue
            }
            condition.wait(untilMonotonic: min(deadline, nextTick))
        }
        switch job.result {
        case .success(let composition): return .composed(composition)
        case .failure(let error): return .failed(error)
        case nil:
            retire(mailbox)
            return stopped ? .stopped : .timedOut
        }
    }

    /// Cuts a wait short, so that its `tick` runs now. Safe from any thread.
    func wake() {
        condition.lock()
        woken = true
        condition.broadcast()
        condition.unlock()
    }

    /// Lets the worker end; a slide still composing finishes first, on its own.
    func shutDown() {
        condition.lock()
        defer { condition.unlock() }
        if let current { retire(current) }
    }

    /// With the lock held: the worker taking slides, started if there is none and the limit
    /// allows; nil when it does not.
    private func worker() -> Mailbox? {
        if let current { return current }
        guard threads < Self.maxThreads else { return nil }
        let mailbox = Mailbox()
        guard DetachedThread.start(name: "skylt-compose", { [self] in work(mailbox) }) else { return nil }
        threads += 1
        current = mailbox
        return mailbox
    }

    /// With the lock held.
    private func retire(_ mailbox: Mailbox) {
        mailbox.retired = true
        if current === mailbox { current = nil }
        condition.broadcast()
    }

    /// A worker thread: composes what arrives in its mailbox until it is retired.
    private func work(_ mailbox: Mailbox) {
        condition.lock()
        while true {
            while mailbox.job == nil && !mailbox.retired { condition.wait() }
            guard let job = mailbox.job else { break }
            condition.unlock()
            let result = Result { () throws(ComposeError) in try compose(job.slide, job.language, job.moment) }
            condition.lock()
            job.result = result
            mailbox.job = nil
            condition.broadcast()
            if mailbox.retired { break }
        }
        threads -= 1
        condition.unlock()
    }

    private static func monotonicNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
