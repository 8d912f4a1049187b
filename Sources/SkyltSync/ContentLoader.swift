public import FoundationEssentials
import SkyltBundle
public import SkyltCore

/// Builds the program from every channel: local folders, and bundle channels from the cache.
public enum ContentLoader {
    /// `previous`, the program playing now, lends its slides to a channel that cannot be read
    /// this time (see `ProgramLoader.load`).
    public static func load(_ config: KioskConfig, previous: Program = .empty) -> (
        program: Program, problems: [Problem]
    ) {
        let loaded = loadWithPublication(config, previous: previous)
        return (loaded.program, loaded.problems)
    }

    /// Also gives the newest publication time among the cached manifests: a clock earlier than
    /// that is wrong.
    public static func loadWithPublication(_ config: KioskConfig, previous: Program = .empty) -> (
        program: Program, problems: [Problem], newestPublication: Date?
    ) {
        var notes: [Problem] = []
        var newest: Date?
        let (program, problems) = ProgramLoader.load(config, previous: previous) { channel in
            guard case .bundle(_, let lines) = channel.source else { return nil }
            let keys = lines.compactMap { try? PublicKey(base64: $0) }
            let cache = ChannelCache(root: config.cacheDirectory, channel: channel.name)
            let loaded = cache.load(keys: keys)
            notes += loaded.problems
            if let published = loaded.manifest?.published { newest = max(newest ?? published, published) }
            if loaded.reading == nil && loaded.problems.isEmpty {
                notes.append(
                    Problem(
                        file: cache.folder.path, field: "",
                        message: "channel '\(channel.name)' has nothing in the cache yet"
                    ))
            }
            return loaded.reading
        }
        return (program, notes + problems, newest)
    }
}
