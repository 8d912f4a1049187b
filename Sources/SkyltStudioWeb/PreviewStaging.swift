import Foundation
import SkyltCore

/// One slide staged as a playlist folder of its own, so that the player's own reader checks
/// it and its media exactly as on a kiosk: `playlist.json` is the channel's settings with
/// `slides: [slide]`, and each medium is written at the relative path the slide names.
///
/// The folder is private (0700) under the system's temporary folder and removed by `remove()`.
struct PreviewStaging {
    /// The longest relative path of a medium accepted for staging.
    static let maxMediaPathBytes = 255

    let folder: URL
    /// The playlist.json bytes, read by `PlaylistReader.read(data:folder:)` without a file.
    let playlistData: Data

    /// Makes the folder and writes the media. A medium whose path is not a plain relative
    /// path (absolute, `..`, empty parts) is left out: the reader then reports the slide's
    /// field as missing its file, which is what the editor has to fix.
    static func stage(_ request: PreviewRequest) throws(PreviewStagingError) -> PreviewStaging {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("skylt-preview-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            for (path, bytes) in request.media where isPlainRelativePath(path) {
                let file = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: file, options: .withoutOverwriting)
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw PreviewStagingError(folder: folder.path, reason: "\(error)")
        }
        return PreviewStaging(folder: folder, playlistData: playlist(request).canonicalData())
    }

    /// The settings with the one slide as the playlist's only slide.
    static func playlist(_ request: PreviewRequest) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        if case .object(let settings) = request.settings { fields = settings }
        fields["slides"] = .array([request.slide])
        return .object(fields)
    }

    /// Whether `path` names a file inside the folder by plain parts: no leading `/`, no
    /// empty, `.` or `..` part, no NUL or backslash.
    static func isPlainRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, path.utf8.count <= maxMediaPathBytes, !path.contains("\0"), !path.contains("\\")
        else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// Removes the folder and everything staged in it.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The staging folder could not be made or written (a full or read-only disk).
struct PreviewStagingError: Error, CustomStringConvertible {
    var folder: String
    var reason: String
    var description: String { "\(folder): cannot stage the preview: \(reason)" }
}
