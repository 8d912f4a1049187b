internal import CSQLite
import Foundation

/// A prepared statement: compiled once, then bound, stepped and reset as often as needed.
///
/// Owns its `sqlite3_stmt` and finalizes it in `deinit`. Like its `Database`, it is used on one
/// thread at a time (not `Sendable`). Binding indexes start at 1, column indexes at 0, as in
/// SQLite.
public final class Statement {
    private let handle: OpaquePointer
    /// The SQL it was prepared from, kept for errors (which show only its first words).
    public let sql: String
    private var columnIndexes: [String: Int]?

    init(connection: OpaquePointer, sql: String) throws(StoreError) {
        var statement: OpaquePointer?
        var rest = ""
        let result = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            defer { rest = tail.map { String(cString: $0) } ?? "" }
            return sqlite3_prepare_v2(connection, text, -1, &statement, &tail)
        }
        guard result == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw SQLiteResult.error(result, connection: connection, sql: sql)
        }
        // SQLite compiles the first statement and ignores the rest: a second one would be lost.
        guard rest.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
            sqlite3_finalize(statement)
            throw StoreError(.multipleStatements, sql: sql)
        }
        self.handle = statement
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    private var connection: OpaquePointer? { sqlite3_db_handle(handle) }

    private func check(_ result: Int32) throws(StoreError) {
        try SQLiteResult.check(result, connection: connection, sql: sql)
    }

    /// Binds `value` to the parameter at `index` (1-based); SQLite copies text and blobs, so
    /// the caller's buffers may go away afterwards.
    public func bind(_ value: DatabaseValue, at index: Int) throws(StoreError) {
        guard index >= 1, index <= sqlite3_bind_parameter_count(handle) else {
            throw StoreError(.bindingIndex(index), sql: sql)
        }
        let position = Int32(index)
        let result: Int32
        switch value {
        case .null: result = sqlite3_bind_null(handle, position)
        case .integer(let number): result = sqlite3_bind_int64(handle, position, number)
        case .real(let number): result = sqlite3_bind_double(handle, position, number)
        case .text(let text):
            // By byte count, not as a C string: text may hold NUL characters.
            var text = text
            result = text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    // Empty text has no base address either; "" is a valid pointer to no bytes.
                    guard let base = chars.baseAddress else {
                        return sqlite3_bind_text64(
                            handle, position, "", 0, skylt_sqlite3_transient(), UInt8(SQLITE_UTF8))
                    }
                    return sqlite3_bind_text64(
                        handle, position, base, UInt64(chars.count), skylt_sqlite3_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let data):
            // An empty Data has no base address, and a NULL pointer would bind NULL, not a blob.
            result = data.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, position, 0)
                }
                return sqlite3_bind_blob64(handle, position, base, UInt64(bytes.count), skylt_sqlite3_transient())
            }
        }
        try check(result)
    }

    /// Binds by parameter name as written in the SQL (`:name`, `@name`, `$name`); a bare name
    /// means `:name`.
    public func bind(_ value: DatabaseValue, named name: String) throws(StoreError) {
        let written = name.first.map { ":@$?".contains($0) } == true ? name : ":" + name
        let index = sqlite3_bind_parameter_index(handle, written)
        guard index > 0 else { throw StoreError(.unknownParameter(name), sql: sql) }
        try bind(value, at: Int(index))
    }

    /// Binds values to parameters 1, 2, 3… in order. The count must be the statement's: a
    /// missing value would run as NULL, an extra one is a mistake in the call
    /// (`bindingCount`).
    public func bind(_ values: [DatabaseValue]) throws(StoreError) {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw StoreError(.bindingCount(expected: expected, given: values.count), sql: sql)
        }
        for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
    }

    public func bind(_ values: [String: DatabaseValue]) throws(StoreError) {
        for (name, value) in values { try bind(value, named: name) }
    }

    /// Runs the statement to its next row: true when a row is ready to read, false when done.
    public func step() throws(StoreError) -> Bool {
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            // The error is made before the reset, which leaves the statement ready to run again.
            let error = SQLiteResult.error(result, connection: connection, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Makes the statement ready to run again, and forgets its bindings (to NULL), so a value
    /// from one run never leaks into the next.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Steps to the end; for statements that return no rows.
    public func run() throws(StoreError) {
        while try step() {}
    }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(at index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }

    /// The current row's value in column `index` (0-based), in its stored class.
    public func value(at index: Int) -> DatabaseValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let bytes = sqlite3_column_blob(handle, column), count > 0 else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: count))
        default: return .null
        }
    }

    /// The current row's value in the column named `name`.
    public func value(named name: String) throws(StoreError) -> DatabaseValue {
        if columnIndexes == nil {
            var indexes: [String: Int] = [:]
            for index in (0..<columnCount).reversed() { indexes[columnName(at: index)] = index }
            columnIndexes = indexes
        }
        guard let index = columnIndexes?[name] else { throw StoreError(.unknownColumn(name), sql: sql) }
        return value(at: index)
    }

    /// The current row, whole.
    public func row(columns: [String]? = nil) -> Row {
        let names = columns ?? (0..<columnCount).map(columnName(at:))
        return Row(columns: names, values: (0..<names.count).map(value(at:)))
    }
}
