extension Database {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws and
    /// rethrows its error.
    ///
    /// BEGIN IMMEDIATE takes the write lock at the start, so two writers queue up on the busy
    /// timeout there; a deferred BEGIN would let both read, then fail one of them with
    /// SQLITE_BUSY at its first write, where waiting cannot help. Inside another transaction
    /// this becomes a savepoint, so helpers that need atomicity can be called from either.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        _ = try liveConnection()
        if isInTransaction {
            return try savepoint(body)
        }
        try executeScript("BEGIN IMMEDIATE")
        let value: T
        do {
            value = try body()
        } catch {
            rollBack("ROLLBACK")
            throw error
        }
        do {
            try executeScript("COMMIT")
        } catch {
            rollBack("ROLLBACK")
            throw error
        }
        return value
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        try executeScript("SAVEPOINT skylt")
        do {
            let value = try body()
            try executeScript("RELEASE skylt")
            return value
        } catch {
            rollBack("ROLLBACK TO skylt; RELEASE skylt")
            throw error
        }
    }

    /// Rolls back; a failure here leaves nothing to undo (SQLite has already rolled back when
    /// a statement's failure ended the transaction), so the caller's error is the one to keep.
    private func rollBack(_ sql: String) {
        try? executeScript(sql)
    }
}
