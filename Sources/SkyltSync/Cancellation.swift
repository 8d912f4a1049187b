import Synchronization

/// Asks transfers under way to end, from any thread: the sync service sets it in `stop()`, so
/// that stopping the player never waits for a large download to finish.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public var isCancelled: Bool { flag.load(ordering: .acquiring) }

    public func cancel() { flag.store(true, ordering: .releasing) }
}
