import SkyltCore
import Synchronization

/// The part of the play loop other threads may touch (signals, the status page): requests
/// that also cut the loop's sleep short.
public final class PlayControl: Sendable {
    private let stopFlag = Atomic<Bool>(false)
    private let restartFlag = Atomic<Bool>(false)
    private let identifyFlag = Atomic<Bool>(false)
    private let displayFlag = Atomic<Bool>(false)
    /// The requested display state and the opening state it was asked in: it holds until
    /// the opening hours change.
    private let display = Mutex<(on: Bool, askedWhileOpen: Bool?)?>(nil)
    private let clock: any LoopClock
    /// What else the loop may be waiting on besides its clock (a slide being composed).
    private let wakers = Mutex<[@Sendable () -> Void]>([])

    init(clock: any LoopClock) { self.clock = clock }

    /// Has a stop request also cut short a wait that is not on the clock.
    func alsoWake(_ wake: @escaping @Sendable () -> Void) { wakers.withLock { $0.append(wake) } }

    /// Asks the loop to stop at its next wake-up, or at once while it waits for a slide to be
    /// composed. Safe from any thread and from signal sources.
    public func requestStop() {
        stopFlag.store(true, ordering: .sequentiallyConsistent)
        clock.wake()
        for wake in wakers.withLock({ $0 }) { wake() }
    }

    /// Stops the loop so that the process exits for its service manager to start it again.
    public func requestRestart() {
        restartFlag.store(true, ordering: .sequentiallyConsistent)
        requestStop()
    }

    public var isStopping: Bool { stopFlag.load(ordering: .sequentiallyConsistent) }
    public var restartRequested: Bool { restartFlag.load(ordering: .sequentiallyConsistent) }

    /// Shows the kiosk's name and addresses large for `Slot.identifySeconds`.
    public func requestIdentify() {
        identifyFlag.store(true, ordering: .sequentiallyConsistent)
        clock.wake()
    }

    /// Turns the screen off or on until the next opening-hours change.
    public func requestDisplay(on: Bool) {
        display.withLock { $0 = (on, nil) }
        displayFlag.store(true, ordering: .sequentiallyConsistent)
        clock.wake()
    }

    func takeIdentifyRequest() -> Bool { identifyFlag.exchange(false, ordering: .sequentiallyConsistent) }
    func takeDisplayRequest() -> Bool { displayFlag.exchange(false, ordering: .sequentiallyConsistent) }

    /// The override in force given whether the shop is open now: nil when there is none, or
    /// when the opening state has changed since it was asked for (which ends it).
    func displayOverride(open: Bool) -> Bool? {
        display.withLock { state in
            guard var current = state else { return nil }
            if current.askedWhileOpen == nil {
                current.askedWhileOpen = open
                state = current
            }
            if current.askedWhileOpen != open {
                state = nil
                return nil
            }
            return current.on
        }
    }
}
