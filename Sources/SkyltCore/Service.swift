/// A long-running part of a kiosk or of the centre: the sync loop, the status server, the
/// last-seen keeper, signal handling. Each has the same life cycle, so the assembly starts
/// them in order and stops them in reverse.
public protocol Service: AnyObject {
    /// What the part is, for log lines: "sync service", "status page".
    var name: String { get }

    /// Starts the part's work on its own thread or queue and returns.
    func start() throws
    /// Ends the part's work. Returns only when its thread has ended and no callback of it
    /// runs any more; calling it twice, or before `start()`, does nothing.
    func stop()
}
