import FoundationEssentials

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
        var slides: [ProgramSlide] = []
        var problems: [Problem] = []
        for channel in config.channels {
            let reading: PlaylistReading? =
                switch channel.source {
                case .folder(let folder): PlaylistReader.read(folder: folder)
                case .bundle: bundles(channel)
                }
            problems += reading?.problems ?? []
            if let playlist = reading?.playlist {
                slides +=
                    Program(playlists: [(channel.name, playlist)], defaults: [channel.name: channel.defaults]).slides
                continue
            }
            let kept = previous.slides.filter { $0.channel == channel.name }
            if !kept.isEmpty {
                slides += kept
                let source =
                    switch channel.source {
                    case .folder(let folder): folder.appendingPathComponent(Playlist.fileName).path
                    case .bundle: channel.source.shown
                    }
                problems.append(
                    Problem(
                        file: source, field: "",
                        message: "channel '\(channel.name)' cannot be read now; the slides it had keep playing"))
            }
        }
        return (Program(slides: slides), problems)
    }
}
