import Dispatch
@preconcurrency import Glibc

/// Turns signals into calls on a dispatch queue, where any code may run (unlike in a signal
/// handler). The signals' default actions are switched off while the handlers are installed.
final class SignalHandlers {
    private let queue: DispatchQueue
    private var sources: [any DispatchSourceSignal] = []

    init(queue: DispatchQueue) { self.queue = queue }

    func on(_ signalNumber: Int32, _ handler: @escaping @Sendable () -> Void) {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
        source.setEventHandler(handler: handler)
        source.resume()
        sources.append(source)
    }

    func cancel() {
        for source in sources { source.cancel() }
        sources = []
    }
}
