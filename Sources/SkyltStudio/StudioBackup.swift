public import Foundation
@preconcurrency import Glibc
import SkyltStore

extension Studio {
    /// The tar program, run with arguments and never through a shell.
    public static let tarPath = "/usr/bin/tar"

    /// Writes a tar archive to `out` holding `studio.sqlite` (a consistent copy through
    /// SQLite's online backup, taken while others may write), `studio.json`, `media/` and
    /// `keys/`. The archive holds the channels' secret keys, so it is made 0600, and an
    /// existing file is never overwritten (`backupExists`). Its entries, the data folder's
    /// own (`./`) among them, carry no group or other permissions, so a restore is as
    /// private as the studio: the database holds password hashes.
    public func backup(to out: URL) throws(StudioError) {
        let descriptor = Glibc.open(out.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw StudioError(.backupExists, location: out.path) }
            throw StudioError(.fileIO, location: out.path, message: String(cString: strerror(errno)))
        }
        let archive = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var finished = false
        defer {
            try? archive.close()
            if !finished { unlink(out.path) }
        }
        let staging = try folder.makeStagingFolder("backup")
        defer { try? FileManager.default.removeItem(at: staging) }
        try storing { () throws(StoreError) in
            try database.backup(to: staging.appendingPathComponent(DataFolder.databaseName))
        }
        try runTar(
            [
                "--create", "--file=-", "--exclude=.*.tmp", "--mode=go-rwx", "--directory", folder.url.path,
                "--no-recursion", ".", "--recursion", "--directory", staging.path, DataFolder.databaseName,
                "--directory", folder.url.path, StudioConfig.fileName, "media", "keys",
            ], output: archive, out: out)
        guard fsync(descriptor) == 0 else {
            throw StudioError(.fileIO, location: out.path, message: String(cString: strerror(errno)))
        }
        finished = true
        try audit("backup", subject: out.path)
    }

    private func runTar(_ arguments: [String], output: FileHandle, out: URL) throws(StudioError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.tarPath)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw StudioError(.archiveFailed, location: Self.tarPath, message: error.localizedDescription)
        }
        let said = errors.fileHandleForReading.readDataToEndOfFile().prefix(Self.maxToolMessageBytes)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw StudioError(
                .archiveFailed, location: out.path,
                message: "tar exited with \(process.terminationStatus): \(String(decoding: said, as: UTF8.self))")
        }
    }

    /// How much of a tool's complaint an error keeps.
    static let maxToolMessageBytes = 4096
}
