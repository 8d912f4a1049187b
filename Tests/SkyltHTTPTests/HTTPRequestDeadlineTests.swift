import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@testable import SkyltHTTP

/// Slow clients, spread over many addresses, each under the per-address limit: the server
/// bounds every request by a deadline and makes room for a new client, and its notices of
/// them stay few.
@Suite("HTTP server under slow clients", .serialized, .timeLimit(.minutes(5)))
struct HTTPRequestDeadlineTests {
    /// 127.0.0.2, 127.0.0.3, … : each a client of its own for the per-address limit.
    static func address(_ index: Int) -> String { "127.0.0.\(2 + index)" }

    @Test("slow clients from twenty addresses, each under the per-address limit, cannot keep a quick one out")
    func roomForAQuickClient() throws {
        let test = try HTTPTestServer(configure: {
            $0.connectionLimit = 20
            $0.perIPConnectionLimit = 2
            // Far beyond the test: only the server's room rule can let the quick client in.
            $0.connectionTimeoutSeconds = 600
            $0.requestDeadlineSeconds = 600
        })
        let port = Int(test.server.port)
        let stalled = (0..<40).map { StalledClient(port: port, from: Self.address($0 / 2)) }
        #expect(stalled.allSatisfy { $0.connected })
        for _ in 0..<3 {
            #expect(try test.curl("/healthz").status == 200)
        }
        // The oldest slow clients made room; the newest still wait.
        #expect(stalled.first?.closedByServer(within: 5) == true)
        #expect(stalled.last?.closedByServer(within: 0) == false)
        // Dozens of clients cut or refused make a handful of lines, not one each.
        let lines = test.log.all.filter { $0.message.hasPrefix("test server: ") && $0.level == .notice }
        #expect(lines.count <= 10, "\(lines.map(\.message))")
        #expect(lines.contains { $0.message.contains("to make room for a new one") }, "\(lines.map(\.message))")
        withExtendedLifetime(stalled) {}
    }

    @Test("a request that trickles in a byte at a time is cut at its deadline, though never idle")
    func deadline() throws {
        let test = try HTTPTestServer(configure: {
            $0.connectionTimeoutSeconds = 600
            $0.requestDeadlineSeconds = 1
        })
        let client = StalledClient(port: Int(test.server.port), from: Self.address(0))
        #expect(client.connected)
        let started = Date()
        var cut = false
        while !cut && Date().timeIntervalSince(started) < 10 {
            client.trickle()
            cut = client.closedByServer(within: 0.2)
        }
        #expect(cut)
        // 1 s, plus a sweep every 0.25 s, plus a slow machine.
        #expect(Date().timeIntervalSince(started) < 4)
        #expect(test.requests.isEmpty)
        // The line follows the cut, from the server's own thread.
        #expect(Poll.until { test.log.all.contains { $0.message.contains("its request was not in within 1 s") } })
        #expect(try test.curl("/").status == 200)
    }
}

/// The rules behind the deadlines and the room, on times passed in.
@Suite("Connection book")
struct ConnectionBookTests {
    @Test("a request not all in by its deadline is cut; one being answered is not; keep-alive starts anew")
    func deadlines() {
        var book = ConnectionBook(deadlineSeconds: 10, room: 100)
        _ = book.opened(1, socket: 11, client: "a", now: 0)
        _ = book.opened(2, socket: 12, client: "b", now: 5)
        _ = book.opened(3, socket: 13, client: "c", now: 6)
        book.requestIn(3)
        #expect(book.overdue(now: 9.9).isEmpty)
        #expect(book.overdue(now: 10).map(\.socket) == [11])
        #expect(book.overdue(now: 100).map(\.socket) == [12], "an answer is not the client's part")
        book.answered(3, now: 100)
        #expect(book.overdue(now: 109).isEmpty)
        #expect(book.overdue(now: 110).map(\.socket) == [13])
        #expect(book.entries.isEmpty)
    }

    @Test("when every place is taken, a new connection cuts the one that has waited longest for its request")
    func room() {
        var book = ConnectionBook(deadlineSeconds: 600, room: 3)
        _ = book.opened(1, socket: 11, client: "a", now: 0)
        _ = book.opened(2, socket: 12, client: "b", now: 1)
        _ = book.opened(3, socket: 13, client: "c", now: 2)
        book.requestIn(1)
        let cuts = book.opened(4, socket: 14, client: "d", now: 3)
        #expect(cuts.map(\.0.socket) == [12] && cuts.map(\.1) == [.room])
        book.closed(1)
        #expect(book.opened(5, socket: 15, client: "e", now: 4).isEmpty)
        #expect(Set(book.entries.keys) == [3, 4, 5])
    }

    @Test("a flood of notices makes a few lines a minute and one that counts the rest")
    func noticeBudget() {
        var budget = NoticeBudget(maxLines: 3, windowSeconds: 60)
        let first = (0..<100).map { budget.admit(now: Double($0) / 10) }
        #expect(first.filter(\.log).count == 3)
        #expect(first.allSatisfy { $0.heldBack == 0 })
        #expect(budget.close(now: 59) == 0)
        #expect(budget.close(now: 60.5) == 97)
        #expect(budget.admit(now: 61).log)
        #expect(budget.close(now: 200) == 0)
    }
}
