public import Foundation
@preconcurrency import Glibc
import SkyltCore
public import SkyltStore

/// An open studio: its data folder, config, database and media store.
///
/// Not `Sendable`, like the `Database` it owns: one command, one thread. Every call that
/// changes data writes its audit row in the same transaction as the change.
public final class Studio {
    /// The mode of a site folder `init` makes: nginx, another user, reads it.
    static let siteFolderMode: mode_t = 0o755

    public let folder: DataFolder
    public let config: StudioConfig
    public let database: Database
    public let media: MediaStore
    /// Who the audit log names for changes made through this value (the command line's user).
    public var actor: String
    /// Encrypts new secret key files and decrypts encrypted ones; nil: keys are unencrypted.
    public var keyPassword: String? = KeyPassword.fromEnvironment()
    /// The time a publish judges slides' validity by and the audit log and publications are
    /// stamped with: the wall clock, unless a test or the automatic publisher sets its own.
    public var currentDate: () -> Date = { Date() }

    init(folder: DataFolder, config: StudioConfig, actor: String) throws(StudioError) {
        self.folder = folder
        self.config = config
        self.actor = actor
        database = try storing { () throws(StoreError) in try Database(url: folder.databaseFile) }
        media = try storing { () throws(StoreError) in try MediaStore(dataFolder: folder.url) }
        do {
            try StudioSchema.migrations.migrate(database)
        } catch let error as StoreError {
            throw StudioError(error)
        } catch {
            throw StudioError(.fileIO, location: folder.databaseFile.path, message: "\(error)")
        }
    }

    /// Opens the studio in `data`, bringing its database's schema up to date.
    public static func open(data: URL, actor: String = Studio.commandLineActor) throws(StudioError) -> Studio {
        let folder = DataFolder(data)
        let config = try StudioConfig.read(from: folder.configFile)
        return try Studio(folder: folder, config: config, actor: actor)
    }

    /// Makes a new studio in `data` (created when missing) publishing into `site` (created
    /// when missing) under `baseURL`. A folder that holds a studio's config or database
    /// already is refused before anything is written, with that file named; so is any other
    /// folder that is not empty (`dataFolderNotEmpty`), which the studio's files would mix
    /// with. Folders that exist keep their modes; only folders made here get the studio's.
    public static func create(data: URL, site: URL, baseURL: String, actor: String = Studio.commandLineActor)
        throws(StudioError) -> Studio
    {
        let folder = DataFolder(data)
        let base = try StudioConfig.checkedBaseURL(baseURL)
        for existing in [folder.configFile, folder.databaseFile]
        where FileManager.default.fileExists(atPath: existing.path) {
            throw StudioError(.alreadyInitialised, location: existing.path)
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder.url.path), !names.isEmpty {
            throw StudioError(.dataFolderNotEmpty, location: folder.url.path)
        }
        try DataFolder.makeFolder(folder.url, mode: DataFolder.folderMode)
        try DataFolder.makeFolder(folder.keysFolder, mode: DataFolder.keysFolderMode)
        try DataFolder.makeFolder(site.standardizedFileURL, mode: Self.siteFolderMode)
        let config = StudioConfig(site: site.standardizedFileURL.path, baseURL: base)
        do throws(AtomicFile.WriteError) {
            try AtomicFile.writeSynced(config.encoded(), to: folder.configFile, mode: 0o640)
        } catch {
            throw StudioError(.fileIO, location: error.path, message: error.reason)
        }
        let studio = try Studio(folder: folder, config: config, actor: actor)
        // Password hashes and the audit log are for the studio's user only (SQLite gives its
        // WAL and shared-memory files the database's mode).
        guard chmod(folder.databaseFile.path, 0o600) == 0 else {
            throw StudioError(.fileIO, location: folder.databaseFile.path, message: String(cString: strerror(errno)))
        }
        try studio.audit("init", subject: folder.url.path, detail: "site \(config.site), base URL \(base)")
        return studio
    }

    /// The audit log's name for changes made at the command line: the system user's name.
    public static var commandLineActor: String {
        "command line (\(ProcessInfo.processInfo.environment["USER"] ?? "uid \(getuid())"))"
    }

    /// Adds a row to the audit log.
    func audit(_ action: String, subject: String, detail: String = "") throws(StudioError) {
        try storing { () throws(StoreError) in
            try database.execute(
                "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
                [.text(Self.timestamp(currentDate())), .text(actor), .text(action), .text(subject), .text(detail)])
        }
    }

    /// Now, as the database stores times.
    static func timestamp(_ date: Date = Date()) -> String {
        ISO8601.format(date)
    }

    /// Runs `body` in one transaction, so that a failure leaves the database as it was.
    func transaction<T>(_ body: () throws(StudioError) -> T) throws(StudioError) -> T {
        do {
            return try database.transaction { () throws -> T in try body() }
        } catch let error as StudioError {
            throw error
        } catch let error as StoreError {
            throw StudioError(error)
        } catch {
            throw StudioError(.fileIO, location: folder.databaseFile.path, message: "\(error)")
        }
    }
}
