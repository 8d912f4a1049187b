import Foundation

/// The schema's history: an ordered list of SQL scripts, script `n` (from 0) taking the
/// database from version `n` to `n + 1`. The version lives in the file (`PRAGMA user_version`),
/// so a database knows how far it has come, whichever program opens it.
///
/// Steps are only ever appended: a released step is never edited, because databases out there
/// have already run it. Foreign keys stay enforced during a step (SQLite ignores the pragma
/// inside a transaction); a step that rebuilds a table must keep the references valid.
public struct Migrations: Sendable {
    public let steps: [String]

    public init(_ steps: [String]) { self.steps = steps }

    /// The version a database has after all steps.
    public var latestVersion: Int { steps.count }

    /// Brings `database` to `latestVersion` and returns the version it started from.
    ///
    /// Each step runs in its own transaction together with the new `user_version`, so a
    /// failed step leaves the database at the previous version, whole. The version is read
    /// again inside each transaction: two programs migrating at once do each step once. A
    /// database newer than this code is refused before anything is written
    /// (`StoreError.Code.schemaTooNew`). Every error thrown is a `StoreError`.
    @discardableResult
    public func migrate(_ database: Database) throws -> Int {
        let start = try database.userVersion()
        try refuseNewer(start, database)
        while try step(database) {}
        return start
    }

    /// Runs the next step, if there is one; false when the database is up to date.
    private func step(_ database: Database) throws -> Bool {
        try database.transaction {
            let version = try database.userVersion()
            try refuseNewer(version, database)
            guard version < latestVersion else { return false }
            try database.executeScript(steps[version])
            try checkForeignKeys(database)
            try database.setUserVersion(version + 1)
            return true
        }
    }

    private func refuseNewer(_ version: Int, _ database: Database) throws(StoreError) {
        guard version <= latestVersion else {
            throw StoreError(.schemaTooNew(found: version, known: latestVersion), location: database.url.path)
        }
    }

    /// Foreign keys are not checked for rows a step leaves behind when it rebuilds a table,
    /// so the step is checked as a whole before it commits.
    private func checkForeignKeys(_ database: Database) throws(StoreError) {
        let violations = try database.query("PRAGMA foreign_key_check")
        guard let first = violations.first else { return }
        let table = first[0].string ?? "?"
        throw StoreError(
            .foreignKey, message: "\(violations.count) row(s) in \(table) refer to missing rows",
            sql: "PRAGMA foreign_key_check")
    }
}
