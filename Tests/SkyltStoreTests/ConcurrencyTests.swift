import Foundation
import SkyltStore
import SkyltTestSupport
import Testing

/// Two connections on one file, writing from two threads at once: the busy timeout and
/// BEGIN IMMEDIATE make them take turns, so no write is lost and none fails with SQLITE_BUSY.
@Suite("concurrent writers", .timeLimit(.minutes(2)))
struct ConcurrencyTests {
    let folder = TemporaryFolder()

    /// Failures seen on the writer threads, gathered for the test's thread.
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ text: String) { lock.withLock { list.append(text) } }
        var all: [String] { lock.withLock { list } }
    }

    static let writers = 2
    static let transactionsPerWriter = 100
    static let rowsPerTransaction = 5

    @Test("every row of both writers is there, and no writer saw an error")
    func twoWriters() throws {
        let file = folder.file("studio.sqlite")
        let setup = try Database(url: file)
        try setup.executeScript(
            "CREATE TABLE entry (writer INTEGER NOT NULL, sequence INTEGER NOT NULL, UNIQUE (writer, sequence))")
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: Self.writers) { writer in
            do {
                try Self.write(writer: writer, file: file)
            } catch {
                failures.add("writer \(writer): \(error)")
            }
        }
        #expect(failures.all == [])
        let counts = try setup.query(
            "SELECT writer, count(*), max(sequence) FROM entry GROUP BY writer ORDER BY writer")
        let perWriter = Int64(Self.transactionsPerWriter * Self.rowsPerTransaction)
        let expected: [[DatabaseValue]] = (0..<Self.writers).map {
            [.integer(Int64($0)), .integer(perWriter), .integer(perWriter - 1)]
        }
        #expect(counts.map(\.values) == expected)
    }

    /// Each transaction reads before it writes (the next sequence number), the pattern that
    /// fails with SQLITE_BUSY under a deferred BEGIN.
    static func write(writer: Int, file: URL) throws {
        let database = try Database(url: file)
        for _ in 0..<transactionsPerWriter {
            try database.transaction {
                let next =
                    try database.query("SELECT count(*) FROM entry WHERE writer = ?", [DatabaseValue(writer)])
                    .first?[0].int ?? 0
                for offset in 0..<rowsPerTransaction {
                    try database.execute(
                        "INSERT INTO entry (writer, sequence) VALUES (?, ?)",
                        [DatabaseValue(writer), DatabaseValue(next + offset)])
                }
            }
        }
    }
}
