internal import CMicroHTTPD
import FoundationEssentials
@preconcurrency import Glibc
import SkyltCore
import Synchronization

/// Keeps a server's connections to their bounds (`ConnectionBook`) and its own notices to
/// their budget (`NoticeBudget`). libmicrohttpd's threads tell it of each connection; its own
/// thread sweeps for requests past their deadline between them.
///
/// A connection is cut by shutting its socket down, never closing it: libmicrohttpd then reads
/// the end of the stream and closes the connection itself. The shutdown happens under the same
/// lock that libmicrohttpd's "closed" notice takes before it closes the socket, so a socket
/// number is never shut down after it has been closed and handed to someone else.
final class HTTPWatch: Sendable {
    private let name: String
    private let logger: Logger
    private let book: Mutex<ConnectionBook>
    private let deadlineSeconds: Double
    private let notices: Mutex<NoticeBudget>
    private let sweeper = ThreadCondition()
    /// Whether the sweeping thread should run, and whether it does; guarded by `sweeper`.
    private nonisolated(unsafe) var sweeping = (wanted: false, running: false)

    /// How often the deadline is checked, in seconds.
    static let sweepIntervalSeconds = 0.25
    /// Notices of the server's own (a cut connection, libmicrohttpd's complaints) per window.
    static let maxNoticesPerWindow = 10
    static let noticeWindowSeconds = 60.0

    init(name: String, settings: HTTPSettings, logger: Logger) {
        self.name = name
        self.logger = logger
        deadlineSeconds = settings.requestDeadlineSeconds
        book = Mutex(ConnectionBook(deadlineSeconds: deadlineSeconds, room: Int(settings.connectionLimit)))
        notices = Mutex(NoticeBudget(maxLines: Self.maxNoticesPerWindow, windowSeconds: Self.noticeWindowSeconds))
    }

    /// Monotonic seconds: a change of the wall clock neither ends nor stretches a deadline.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func key(_ connection: OpaquePointer) -> UInt { UInt(bitPattern: Int(bitPattern: connection)) }

    func opened(_ connection: OpaquePointer) {
        let socket = skylt_mhd_connection_fd(connection)
        let client = HTTPDispatcher.clientAddress(connection)
        let cuts = book.withLock { book in
            let cuts = book.opened(Self.key(connection), socket: socket, client: client, now: Self.now())
            for (entry, _) in cuts { shutdown(entry.socket, Int32(SHUT_RDWR)) }
            return cuts
        }
        for (entry, cut) in cuts { report(entry, cut) }
    }

    func requestIn(_ connection: OpaquePointer) { book.withLock { $0.requestIn(Self.key(connection)) } }

    func answered(_ connection: OpaquePointer) { book.withLock { $0.answered(Self.key(connection), now: Self.now()) } }

    func closed(_ connection: OpaquePointer) { book.withLock { $0.closed(Self.key(connection)) } }

    /// Cuts the requests past their deadline, and tells how many notices were held back.
    func sweep() {
        let late = book.withLock { book in
            let late = book.overdue(now: Self.now())
            for entry in late { shutdown(entry.socket, Int32(SHUT_RDWR)) }
            return late
        }
        for entry in late { report(entry, .deadline) }
        let heldBack = notices.withLock { $0.close(now: Self.now()) }
        if heldBack > 0 { logHeldBack(heldBack) }
    }

    /// A notice of the server's own, within the budget.
    func notice(_ message: String) {
        let (log, heldBack) = notices.withLock { $0.admit(now: Self.now()) }
        if heldBack > 0 { logHeldBack(heldBack) }
        if log { logger.notice("\(name): \(message)") }
    }

    private func logHeldBack(_ count: Int) {
        logger.notice(
            "\(name): \(count) more notices like the above in the last \(Int(Self.noticeWindowSeconds)) s were not logged"
        )
    }

    private func report(_ entry: ConnectionBook.Entry, _ cut: ConnectionBook.Cut) {
        let client = entry.client.isEmpty ? "a client" : entry.client
        switch cut {
        case .deadline:
            notice(
                "closed a connection from \(client): its request was not in within \(NumberText.fixed(deadlineSeconds, decimals: 0)) s"
            )
        case .room:
            notice("closed the longest-waiting connection, from \(client), to make room for a new one")
        }
    }

    /// Starts the sweeping thread; false when the system has no thread to give.
    func start() -> Bool {
        sweeper.lock()
        sweeping = (true, true)
        sweeper.unlock()
        let started = DetachedThread.start(name: "http-watch") { [self] in
            sweeper.lock()
            while sweeping.wanted {
                sweeper.wait(untilMonotonic: Self.now() + Self.sweepIntervalSeconds)
                guard sweeping.wanted else { break }
                sweeper.unlock()
                sweep()
                sweeper.lock()
            }
            sweeping.running = false
            sweeper.broadcast()
            sweeper.unlock()
        }
        if !started {
            sweeper.lock()
            sweeping = (false, false)
            sweeper.unlock()
        }
        return started
    }

    /// Stops the sweeping thread and returns once it has ended.
    func stop() {
        sweeper.lock()
        sweeping.wanted = false
        sweeper.broadcast()
        while sweeping.running { sweeper.wait() }
        sweeper.unlock()
    }
}
