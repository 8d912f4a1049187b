public import Foundation
@preconcurrency import Glibc

/// The paths of a studio's data folder:
///
///     studio.json     the config (site folder, base URL)
///     studio.sqlite   users, channels, slides and their revisions, the audit log
///     media/          every medium by its SHA-256 (SkyltStore's MediaStore)
///     keys/           one minisign secret key per channel, unencrypted (0700, files 0600)
///     tmp/            staging folders of publish and backup, removed after each run
public struct DataFolder: Sendable {
    public static let databaseName = "studio.sqlite"
    /// Only the studio's own user may list or read the keys.
    public static let keysFolderMode: mode_t = 0o700
    public static let folderMode: mode_t = 0o750

    public let url: URL

    public init(_ url: URL) { self.url = url.standardizedFileURL }

    public var configFile: URL { url.appendingPathComponent(StudioConfig.fileName) }
    public var databaseFile: URL { url.appendingPathComponent(Self.databaseName) }
    public var mediaFolder: URL { url.appendingPathComponent("media", isDirectory: true) }
    public var keysFolder: URL { url.appendingPathComponent("keys", isDirectory: true) }
    public var stagingFolder: URL { url.appendingPathComponent("tmp", isDirectory: true) }

    /// The secret key file of a channel whose name has been checked (`ChannelName.check`).
    public func keyFile(channel: String) -> URL {
        keysFolder.appendingPathComponent("\(channel).key", isDirectory: false)
    }

    /// A new, empty folder under `tmp/` for one run; the caller removes it.
    func makeStagingFolder(_ purpose: String) throws(StudioError) -> URL {
        let folder = stagingFolder.appendingPathComponent("\(purpose)-\(UUID().uuidString)", isDirectory: true)
        try Self.makeFolder(stagingFolder, mode: Self.keysFolderMode)
        try Self.makeFolder(folder, mode: Self.keysFolderMode)
        return folder
    }

    /// Makes `folder` (and its parents) when missing, and gives it `mode` in any case.
    static func makeFolder(_ folder: URL, mode: mode_t) throws(StudioError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StudioError(.fileIO, location: folder.path, message: error.localizedDescription)
        }
        guard chmod(folder.path, mode) == 0 else {
            throw StudioError(.fileIO, location: folder.path, message: String(cString: strerror(errno)))
        }
    }
}
