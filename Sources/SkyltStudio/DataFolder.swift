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

    /// Makes `folder` (and its parents) when missing and gives it `mode`; true when it did.
    /// A folder that exists keeps its mode: it may be `/srv` or a link to one, and a studio
    /// has no business changing the modes of folders it did not make.
    @discardableResult
    static func makeFolder(_ folder: URL, mode: mode_t) throws(StudioError) -> Bool {
        let path = folder.path
        var made = mkdir(path, mode) == 0
        if !made, errno == ENOENT {
            do {
                try FileManager.default.createDirectory(
                    at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw StudioError(.fileIO, location: path, message: error.localizedDescription)
            }
            made = mkdir(path, mode) == 0
        }
        if !made {
            guard errno == EEXIST else { throw StudioError(.fileIO, location: path, message: Self.reason()) }
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw StudioError(.fileIO, location: path, message: "exists and is not a folder")
            }
            return false
        }
        // By descriptor, never following a link: the mode goes to the folder just made.
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw StudioError(.fileIO, location: path, message: Self.reason()) }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode) == 0 else { throw StudioError(.fileIO, location: path, message: Self.reason()) }
        return true
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
