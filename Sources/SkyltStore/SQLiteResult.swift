internal import CSQLite

/// Turns SQLite result codes into `StoreError`s, at the call site and in one place.
enum SQLiteResult {
    /// Extended constraint codes: the primary code with a sub-number in the second byte.
    static let constraintCheck = SQLITE_CONSTRAINT | (1 << 8)
    static let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintNotNull = SQLITE_CONSTRAINT | (5 << 8)
    static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)

    /// The error for `result` on `connection`, with SQLite's message and the SQL's first words.
    static func error(_ result: Int32, connection: OpaquePointer?, sql: String?) -> StoreError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return StoreError(code(for: result), resultCode: result, message: message, sql: sql)
    }

    static func code(for result: Int32) -> StoreError.Code {
        switch result {
        case constraintUnique, constraintPrimaryKey: return .unique
        case constraintForeignKey: return .foreignKey
        case constraintNotNull: return .notNull
        case constraintCheck: return .check
        default: break
        }
        switch result & 0xff {
        case SQLITE_CONSTRAINT: return .constraint
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_CANTOPEN: return .cannotOpen
        case SQLITE_CORRUPT, SQLITE_NOTADB: return .corrupt
        case SQLITE_FULL: return .diskFull
        case SQLITE_READONLY: return .readOnly
        default: return .sqlite
        }
    }

    /// Throws unless `result` is SQLITE_OK.
    static func check(_ result: Int32, connection: OpaquePointer?, sql: String?) throws(StoreError) {
        guard result == SQLITE_OK else { throw error(result, connection: connection, sql: sql) }
    }
}
