public import FoundationEssentials
public import SkyltCore

/// Finds the kiosk's config: the one given, the system one, or the demo.
public enum KioskConfigFile {
    /// The config used without --config: $SKYLT_CONFIG, or /etc/skylt/config.json.
    public static var defaultPath: String {
        ProcessInfo.processInfo.environment["SKYLT_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? KioskConfig.defaultPath
    }

    /// The config at `path`; without one the system config, and without that the demo's.
    public static func load(path: String?, logger: Logger = .standard) throws(ProblemList) -> KioskConfig {
        if let path { return try KioskConfig.load(from: URL(fileURLWithPath: path)) }
        if FileManager.default.fileExists(atPath: defaultPath) {
            return try KioskConfig.load(from: URL(fileURLWithPath: defaultPath))
        }
        guard let demo = demoPlaylist() else {
            throw ProblemList([
                Problem(
                    file: defaultPath, field: "",
                    message: "does not exist, and the demo playlist (Playlists/demo) was not found; give --config")
            ])
        }
        logger.info("no config given; playing the demo playlist in \(demo.path)")
        return KioskConfig.demo(folder: demo)
    }

    /// Playlists/demo in the working folder, beside an installed binary, or in the source tree
    /// the binary was built in (.build/<config>/skylt).
    public static func demoPlaylist() -> URL? {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            executable.deletingLastPathComponent().appendingPathComponent("../share/skylt"),
        ]
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder)
        }
        return candidates.map { $0.appendingPathComponent("Playlists/demo").standardizedFileURL }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(Playlist.fileName).path) }
    }
}
