/// Builds the kiosk's program from its channels: local playlist folders, and, through
/// `bundles`, what the cache holds for bundle channels.
public enum ProgramLoader {
    /// Reads every channel. Slides with problems are left out and the problems returned, so
    /// that one bad slide or one bad channel never takes the others off the screen.
    public static func load(_ config: KioskConfig, bundles: (ChannelConfig) -> PlaylistReading? = { _ in nil })
        -> (program: Program, problems: [Problem])
    {
        var playlists: [(channel: String, playlist: Playlist)] = []
        var problems: [Problem] = []
        for channel in config.channels {
            let reading: PlaylistReading
            if let folder = channel.folder {
                reading = PlaylistReader.read(folder: folder)
            } else if let fromCache = bundles(channel) {
                reading = fromCache
            } else {
                continue
            }
            problems += reading.problems
            if let playlist = reading.playlist { playlists.append((channel.name, playlist)) }
        }
        let defaults = Dictionary(config.channels.map { ($0.name, $0.defaults) }, uniquingKeysWith: { a, _ in a })
        return (Program(playlists: playlists, defaults: defaults), problems)
    }
}
