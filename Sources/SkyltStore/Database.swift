internal import CSQLite
public import Foundation

/// One connection to an SQLite database file: the only owner of its `sqlite3` handle.
///
/// Opening sets what the studio relies on: WAL (readers never wait for the writer), foreign
/// keys enforced, `synchronous = NORMAL` (safe with WAL: a power cut loses at most the last
/// commits, never the file), and a busy timeout so that two writers wait for each other instead
/// of failing. Not `Sendable`: use one connection per thread, each opened on its own.
public final class Database {
    /// How long a writer waits for another one's lock before `StoreError.Code.busy`.
    public static let defaultBusyTimeoutSeconds: Double = 5
    /// Longest busy timeout taken: a writer stuck longer than this is a fault to report.
    public static let maxBusyTimeoutSeconds: Double = 600
    /// Statements kept prepared for `execute` and `query`; beyond this the cache starts over.
    public static let maxCachedStatements = 64

    /// The database file.
    public let url: URL
    private var connection: OpaquePointer?
    private var cache: [String: Statement] = [:]

    /// Opens the file at `url`, creating it (but not its folder) when missing.
    public init(url: URL, busyTimeoutSeconds: Double = defaultBusyTimeoutSeconds) throws(StoreError) {
        self.url = url
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let result = sqlite3_open_v2(url.path, &connection, flags, nil)
        guard result == SQLITE_OK, let connection else {
            var error = SQLiteResult.error(result, connection: connection, sql: nil)
            error.location = url.path
            sqlite3_close_v2(connection)
            throw error
        }
        self.connection = connection
        sqlite3_extended_result_codes(connection, 1)
        // Before the first statement, so that even switching to WAL waits for a busy writer.
        let milliseconds = min(max(busyTimeoutSeconds, 0), Self.maxBusyTimeoutSeconds) * 1000
        sqlite3_busy_timeout(connection, Int32(milliseconds))
        do throws(StoreError) {
            let mode = try query("PRAGMA journal_mode = WAL").first?[0].string
            guard mode?.lowercased() == "wal" else {
                throw StoreError(
                    .sqlite, message: "journal mode stayed \(mode ?? "unknown")", sql: "PRAGMA journal_mode")
            }
            try executeScript("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
        } catch {
            close()
            var located = error
            located.location = url.path
            throw located
        }
    }

    deinit { close() }

    /// Closes the connection; later calls throw `.closed`. Statements still held elsewhere
    /// keep SQLite's connection alive until they go away (`sqlite3_close_v2`).
    public func close() {
        cache.removeAll()
        sqlite3_close_v2(connection)
        connection = nil
    }

    func liveConnection() throws(StoreError) -> OpaquePointer {
        guard let connection else { throw StoreError(.closed, location: url.path) }
        return connection
    }

    /// Compiles `sql` (one statement) for repeated use by the caller.
    public func prepare(_ sql: String) throws(StoreError) -> Statement {
        try Statement(connection: liveConnection(), sql: sql)
    }

    /// Runs `body` with the cached statement for `sql`, reset afterwards for the next caller.
    private func withCached<T>(_ sql: String, _ body: (Statement) throws(StoreError) -> T) throws(StoreError) -> T {
        let statement: Statement
        if let cached = cache[sql] {
            statement = cached
        } else {
            statement = try prepare(sql)
            if cache.count >= Self.maxCachedStatements { cache.removeAll() }
            cache[sql] = statement
        }
        defer { statement.reset() }
        return try body(statement)
    }

    /// Runs one statement that returns no rows, with positional bindings (`?`).
    public func execute(_ sql: String, _ bindings: [DatabaseValue] = []) throws(StoreError) {
        try withCached(sql) { (statement: Statement) throws(StoreError) in
            try statement.bind(bindings)
            try statement.run()
        }
    }

    /// Runs one statement that returns no rows, with named bindings (`:name`).
    public func execute(_ sql: String, _ bindings: [String: DatabaseValue]) throws(StoreError) {
        try withCached(sql) { (statement: Statement) throws(StoreError) in
            try statement.bind(bindings)
            try statement.run()
        }
    }

    /// All rows of one query, with positional bindings. Bound the result in the SQL (`LIMIT`).
    public func query(_ sql: String, _ bindings: [DatabaseValue] = []) throws(StoreError) -> [Row] {
        try withCached(sql) { (statement: Statement) throws(StoreError) in
            try statement.bind(bindings)
            return try Self.rows(of: statement)
        }
    }

    /// All rows of one query, with named bindings.
    public func query(_ sql: String, _ bindings: [String: DatabaseValue]) throws(StoreError) -> [Row] {
        try withCached(sql) { (statement: Statement) throws(StoreError) in
            try statement.bind(bindings)
            return try Self.rows(of: statement)
        }
    }

    private static func rows(of statement: Statement) throws(StoreError) -> [Row] {
        let columns = (0..<statement.columnCount).map(statement.columnName(at:))
        var rows: [Row] = []
        while try statement.step() { rows.append(statement.row(columns: columns)) }
        return rows
    }

    /// Runs several statements separated by semicolons, without bindings: for schema scripts.
    public func executeScript(_ sql: String) throws(StoreError) {
        let connection = try liveConnection()
        try SQLiteResult.check(sqlite3_exec(connection, sql, nil, nil, nil), connection: connection, sql: sql)
    }

    /// The rowid of the last row this connection inserted.
    public var lastInsertRowID: Int64 { connection.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Rows changed by this connection's last INSERT, UPDATE or DELETE.
    public var changes: Int { connection.map { Int(sqlite3_changes($0)) } ?? 0 }

    /// True between BEGIN and COMMIT or ROLLBACK.
    public var isInTransaction: Bool { connection.map { sqlite3_get_autocommit($0) == 0 } ?? false }

    /// The schema version the migrations keep in the file's header (`PRAGMA user_version`).
    public func userVersion() throws(StoreError) -> Int {
        try query("PRAGMA user_version").first?[0].int ?? 0
    }

    func setUserVersion(_ version: Int) throws(StoreError) {
        // PRAGMA takes no bindings; an Int cannot carry anything but digits.
        try executeScript("PRAGMA user_version = \(version)")
    }
}
