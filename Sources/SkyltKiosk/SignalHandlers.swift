import Dispatch
@preconcurrency import Glibc
public import SkyltCore

/// Turns signals into calls on a dispatch queue, where any code may run (unlike in a signal
/// handler). The signals' default actions are switched off once the handlers are installed,
/// and stay off after `stop()`: the process is on its way out then.
public final class SignalHandlers: Service {
    public let name = "signal handling"
    private let queue = DispatchQueue(label: "skylt.signals")
    private var handlers: [(Int32, @Sendable () -> Void)] = []
    private var sources: [any DispatchSourceSignal] = []

    public init() {}

    /// Calls `handler` on the signals' queue for each `signalNumber` that arrives after `start()`.
    public func on(_ signalNumber: Int32, _ handler: @escaping @Sendable () -> Void) {
        handlers.append((signalNumber, handler))
    }

    /// Installs the handlers; a second call does nothing.
    public func start() {
        guard sources.isEmpty else { return }
        for (number, handler) in handlers {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
    }

    /// Cancels the sources and waits for a handler that is running to end.
    public func stop() {
        for source in sources { source.cancel() }
        sources = []
        queue.sync {}
    }
}
