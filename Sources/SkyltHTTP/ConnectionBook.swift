/// The server's account of its open connections, from which it decides which to cut: a request
/// not all in by its deadline (however steadily it trickles in, which an idle timeout never
/// catches), and, when every place is taken, the connection that has waited longest for its
/// request, so that a new client (the technician's phone) always gets a turn. Pure: times are
/// monotonic seconds passed in, so each rule is tested without a socket or a wait.
struct ConnectionBook: Sendable {
    /// One open connection.
    struct Entry: Sendable, Equatable {
        /// Its socket, to shut down when it is cut.
        var socket: Int32
        /// The client's address, for the log.
        var client: String
        /// When its current request began: the accept, or the end of the previous answer on
        /// the same connection.
        var since: Double
        /// True from the moment its request is all in until its answer is sent: the deadline
        /// is for the client's part, and an answer is bounded by the idle timeout.
        var answering = false
    }

    /// Why a connection was cut.
    enum Cut: Sendable, Equatable {
        /// Its request was not all in within the deadline.
        case deadline
        /// Every place was taken and it had waited longest for its request.
        case room
    }

    /// Seconds a request has from its start to its last byte.
    let deadlineSeconds: Double
    /// Connections kept at once; a new one beyond this cuts the longest waiting.
    let room: Int
    private(set) var entries: [UInt: Entry] = [:]

    init(deadlineSeconds: Double, room: Int) {
        self.deadlineSeconds = deadlineSeconds
        self.room = max(1, room)
    }

    /// A connection was accepted. Returns the connections to cut first: those past their
    /// deadline and, while every place is still taken, the one that waited longest.
    mutating func opened(_ key: UInt, socket: Int32, client: String, now: Double) -> [(Entry, Cut)] {
        var cuts = overdue(now: now).map { ($0, Cut.deadline) }
        if entries.count >= room,
            let oldest = entries.filter({ !$0.value.answering }).min(by: { $0.value.since < $1.value.since }),
            let entry = entries.removeValue(forKey: oldest.key)
        {
            cuts.append((entry, .room))
        }
        entries[key] = Entry(socket: socket, client: client, since: now)
        return cuts
    }

    /// The connection's request is all in: it is being answered.
    mutating func requestIn(_ key: UInt) { entries[key]?.answering = true }

    /// The answer is sent; the next request on the connection (keep-alive) starts its clock now.
    mutating func answered(_ key: UInt, now: Double) {
        entries[key]?.answering = false
        entries[key]?.since = now
    }

    /// libmicrohttpd is about to close the connection.
    mutating func closed(_ key: UInt) { entries[key] = nil }

    /// Removes and returns the connections whose request is not all in within the deadline.
    mutating func overdue(now: Double) -> [Entry] {
        let late = entries.filter { !$0.value.answering && now - $0.value.since >= deadlineSeconds }
        for key in late.keys { entries[key] = nil }
        return late.values.sorted { $0.since < $1.since }
    }
}

/// How many of a kind of notice reach the log: `maxLines` per window of `windowSeconds`, then
/// one line that counts the rest. A flood of clients breaking limits makes a handful of lines,
/// so the page's log keeps what the player said before. Pure, with times passed in.
struct NoticeBudget: Sendable {
    let maxLines: Int
    let windowSeconds: Double
    private var windowStart = -Double.infinity
    private var used = 0
    private var heldBack = 0

    init(maxLines: Int, windowSeconds: Double) {
        self.maxLines = maxLines
        self.windowSeconds = windowSeconds
    }

    /// Whether a notice at `now` is logged, and how many were held back in the window that
    /// just ended (to be told first; 0 when none).
    mutating func admit(now: Double) -> (log: Bool, heldBack: Int) {
        let ended = close(now: now)
        guard used < maxLines else {
            heldBack += 1
            return (false, ended)
        }
        used += 1
        return (true, ended)
    }

    /// When the window has ended: the count of notices it held back (then forgotten), else 0.
    mutating func close(now: Double) -> Int {
        guard now - windowStart >= windowSeconds else { return 0 }
        let count = heldBack
        (windowStart, used, heldBack) = (now, 0, 0)
        return count
    }
}
