internal import CSQLite
public import Foundation
@preconcurrency internal import Glibc
internal import SkyltCore

extension Database {
    /// Times a backup waits for a lock held by another connection, and how long each wait is.
    public static let maxBackupRetries = 50
    public static let backupRetryMilliseconds: Int32 = 100

    /// Copies the whole database, as of one moment, to a new file at `url`, while this and other
    /// connections go on working (SQLite's online backup API: `sqlite3_backup_*`).
    ///
    /// Copying the file instead could catch it between a commit's pages, and would miss what
    /// is still only in the WAL. The copy is written beside `url` and renamed into place, so
    /// `url` is either the previous backup or the new one, never half of one. The copy is 0600
    /// from its first byte: a database holds password hashes, whatever the process's umask.
    public func backup(to url: URL) throws(StoreError) {
        let source = try liveConnection()
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { removeDatabaseFiles(temporary) }
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StoreError(.cannotOpen, message: String(cString: strerror(errno)), location: temporary.path)
        }
        Glibc.close(descriptor)
        try copy(from: source, to: temporary)
        do throws(AtomicFile.WriteError) {
            try AtomicFile.rename(temporary, to: url)
        } catch {
            throw StoreError(.fileIO, message: error.reason, location: url.path)
        }
    }

    private func copy(from source: OpaquePointer, to file: URL) throws(StoreError) {
        var target: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE
        let opened = sqlite3_open_v2(file.path, &target, flags, nil)
        defer { sqlite3_close_v2(target) }
        guard opened == SQLITE_OK, let target else {
            var error = SQLiteResult.error(opened, connection: target, sql: nil)
            error.location = file.path
            throw error
        }
        guard let backup = sqlite3_backup_init(target, "main", source, "main") else {
            var error = SQLiteResult.error(sqlite3_extended_errcode(target), connection: target, sql: nil)
            error.location = file.path
            throw error
        }
        var result = sqlite3_backup_step(backup, -1)
        var retries = 0
        while result == SQLITE_BUSY || result == SQLITE_LOCKED, retries < Self.maxBackupRetries {
            sqlite3_sleep(Self.backupRetryMilliseconds)
            retries += 1
            result = sqlite3_backup_step(backup, -1)
        }
        let finished = sqlite3_backup_finish(backup)
        guard result == SQLITE_DONE else {
            var error = SQLiteResult.error(result, connection: target, sql: nil)
            error.location = file.path
            throw error
        }
        try SQLiteResult.check(finished, connection: target, sql: nil)
    }

    /// Removes a temporary copy left by a failed backup, with its WAL and shared-memory files.
    private func removeDatabaseFiles(_ file: URL) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: file.path + suffix)
        }
    }
}
