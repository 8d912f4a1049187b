import Foundation

/// Builds the kiosk's program from its channels: local playlist folders, and, through
/// `bundles`, what the cache holds for bundle channels.
public enum ProgramLoader {
    /// Reads every channel. Slides with problems are left out and the problems returned, so
    /// that one bad slide or one bad channel never takes the others off the screen.
    ///
    /// `previous` is the program playing now. A channel that cannot be read at all this time
    /// (a playlist.json half saved by an editor, a cache that fails its checks) keeps its slides
    /// from it, so that a reload never loses the last good content.
    public static func load(
        _ config: KioskConfig, previous: Program = .empty, bundles: (ChannelConfig) -> PlaylistReading? = { _ in nil }
    ) -> (program: Program, problems: [Problem]) {
        var playlists: [(channel: String, playlist: Playlist)] = []
        var problems: [Problem] = []
        var unreadable: Set<String> = []
        for channel in config.channels {
            let reading: PlaylistReading?
            var source = channel.url ?? channel.name
            if let folder = channel.folder {
                reading = PlaylistReader.read(folder: folder)
                source = folder.appendingPathComponent(Playlist.fileName).path
            } else {
                reading = bundles(channel)
            }
            problems += reading?.problems ?? []
            if let playlist = reading?.playlist {
                playlists.append((channel.name, playlist))
            } else if previous.slides.contains(where: { $0.channel == channel.name }) {
                unreadable.insert(channel.name)
                problems.append(
                    Problem(
                        file: source, field: "",
                        message: "channel '\(channel.name)' cannot be read now; the slides it had keep playing"))
            }
        }
        let defaults = Dictionary(config.channels.map { ($0.name, $0.defaults) }, uniquingKeysWith: { a, _ in a })
        let order = Dictionary(config.channels.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var program = Program(playlists: playlists, defaults: defaults)
        if !unreadable.isEmpty {
            // The kept slides go back in their channel's place, so rotation order stays as configured.
            program.slides += previous.slides.filter { unreadable.contains($0.channel) }
            program.slides = program.slides.enumerated().sorted {
                (order[$0.element.channel] ?? 0, $0.offset) < (order[$1.element.channel] ?? 0, $1.offset)
            }.map(\.element)
        }
        return (program, problems)
    }
}
