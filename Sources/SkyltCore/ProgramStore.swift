import Synchronization

/// The current program, shared between the thread that loads or syncs content and the play
/// loop. Writers replace the whole snapshot; readers get an immutable copy and a generation
/// number that tells them whether anything changed.
public final class ProgramStore: Sendable {
    private let state: Mutex<(program: Program, generation: Int)>

    public init(_ program: Program = .empty) { state = Mutex((program, 0)) }

    public func replace(with program: Program) {
        state.withLock { $0 = (program, $0.generation + 1) }
    }

    public func current() -> (program: Program, generation: Int) { state.withLock { $0 } }

    public var generation: Int { state.withLock { $0.generation } }
}
