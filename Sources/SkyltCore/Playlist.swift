public import FoundationEssentials

/// A playlist as an editor writes it: a folder with `playlist.json` and its media.
public struct Playlist: Sendable, Equatable {
    public static let fileName = "playlist.json"

    public var name: String
    public var defaultLanguage: String
    public var timeZone: Zone
    public var theme: Theme
    public var slides: [Slide]
    /// The sizes it will be shown at; every slide is checked on each.
    public var screens: [ScreenSize] = ScreenSize.defaults
    /// Overrides of the built-in texts (`strings` in playlist.json).
    public var strings: [BuiltInText: LocalizedText] = [:]
    /// The folder the playlist was read from; media paths are inside it.
    public var folder: URL
}

/// What reading a playlist folder gave: the slides that are well-formed, and every problem.
/// A player plays the good slides and logs the rest; `skylt validate` fails on any problem.
public struct PlaylistReading: Sendable {
    public var playlist: Playlist?
    public var problems: [Problem]
}

/// Where a playlist's media come from: files in its folder (an editor's source), or assets of
/// a signed bundle, by content hash.
public enum MediaSource: Sendable {
    case folder
    case assets([String: URL])
}
