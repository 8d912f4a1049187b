/// A database or media store operation failed.
///
/// `code` says what went wrong, for callers to switch on (a unique violation is a name already
/// taken, shown to the editor; a busy database is retried). `resultCode` is SQLite's extended
/// result code and `message` its own words. `sql` holds only the statement's first words:
/// bound values are never kept, because they may be passwords or tokens.
public struct StoreError: Error, Sendable {
    public enum Code: Sendable, Equatable {
        /// The database file could not be opened or created.
        case cannotOpen
        /// The connection was closed before this call.
        case closed
        /// Another connection held the lock for longer than the busy timeout.
        case busy
        /// A UNIQUE constraint (or a PRIMARY KEY) refused a duplicate.
        case unique
        /// A FOREIGN KEY constraint refused a row pointing nowhere, or a delete leaving orphans.
        case foreignKey
        /// A NOT NULL constraint refused a missing value.
        case notNull
        /// A CHECK constraint refused a value.
        case check
        /// Another constraint refused the change.
        case constraint
        /// The file is not a database, or is damaged.
        case corrupt
        /// The disk is full.
        case diskFull
        /// The database or its folder is read-only.
        case readOnly
        /// More than one statement where one is expected; `executeScript` runs several.
        case multipleStatements
        /// A binding index out of range.
        case bindingIndex(Int)
        /// Positional values in a number other than the statement's parameters.
        case bindingCount(expected: Int, given: Int)
        /// A binding name the statement does not have.
        case unknownParameter(String)
        /// A column name the result does not have.
        case unknownColumn(String)
        /// The database's schema (`user_version`) is newer than this code knows: a newer
        /// studio wrote it, and an older one must not touch it.
        case schemaTooNew(found: Int, known: Int)
        /// Any other SQLite failure; `resultCode` has the number.
        case sqlite
        /// A media hash that is not 64 lowercase hex digits.
        case mediaHashInvalid
        /// No medium with that hash.
        case mediaNotFound
        /// A medium larger than the store takes.
        case mediaTooLarge(size: Int, limit: Int)
        /// A medium whose content no longer matches its hash.
        case mediaCorrupt
        /// A file (a medium, a backup) could not be read or written; `message` says why.
        case fileIO
    }

    public var code: Code
    /// SQLite's extended result code, when SQLite reported the failure.
    public var resultCode: Int32?
    /// SQLite's message, or the file system's reason.
    public var message: String?
    /// The first words of the failing SQL, never its bound values.
    public var sql: String?
    /// The database file or media hash concerned, when there is one.
    public var location: String?

    public init(
        _ code: Code, resultCode: Int32? = nil, message: String? = nil, sql: String? = nil, location: String? = nil
    ) {
        self.code = code
        self.resultCode = resultCode
        self.message = message
        self.sql = sql.map(Self.firstWords)
        self.location = location
    }

    /// Longest SQL excerpt kept in an error, in words and in characters.
    static let maxSQLWords = 4
    static let maxSQLCharacters = 60

    /// The statement's first words: enough to find it in the code, too little to carry data.
    static func firstWords(_ sql: String) -> String {
        let words = sql.split(whereSeparator: { $0.isWhitespace }).prefix(maxSQLWords).joined(separator: " ")
        return String(words.prefix(maxSQLCharacters))
    }
}

/// The message for people, made here and nowhere else.
extension StoreError: CustomStringConvertible {
    public var description: String {
        var parts: [String] = [location.map { "\($0): " } ?? ""]
        parts.append(summary)
        if let message { parts.append(": \(message)") }
        if let sql { parts.append(" (in \(sql) …)") }
        return parts.joined()
    }

    private var summary: String {
        switch code {
        case .cannotOpen: "cannot open the database"
        case .closed: "the database is closed"
        case .busy: "the database stayed locked by another writer"
        case .unique: "already exists"
        case .foreignKey: "refers to something that does not exist, or is still referred to"
        case .notNull: "a required value is missing"
        case .check: "a value is out of range"
        case .constraint: "refused by a constraint"
        case .corrupt: "the database file is damaged or not a database"
        case .diskFull: "the disk is full"
        case .readOnly: "the database is read-only"
        case .multipleStatements: "more than one statement; only the first would run"
        case .bindingIndex(let index): "no parameter number \(index)"
        case .bindingCount(let expected, let given): "\(given) values for \(expected) parameters"
        case .unknownParameter(let name): "no parameter named '\(name)'"
        case .unknownColumn(let name): "no column named '\(name)'"
        case .schemaTooNew(let found, let known):
            "the database has schema version \(found), this program knows up to \(known); refused"
        case .sqlite: "database error \(resultCode.map(String.init) ?? "")"
        case .mediaHashInvalid: "not a media hash (64 lowercase hex digits)"
        case .mediaNotFound: "no such medium"
        case .mediaTooLarge(let size, let limit): "medium of \(size) bytes; the store takes at most \(limit)"
        case .mediaCorrupt: "the medium's content does not match its hash"
        case .fileIO: "cannot read or write the file"
        }
    }
}
