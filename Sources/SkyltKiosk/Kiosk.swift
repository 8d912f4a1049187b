public import FoundationEssentials
public import SkyltCompose
public import SkyltCore
import SkyltPlayer
public import SkyltSync

/// A kiosk assembled from its config. Every command that acts for a kiosk (`run`, `render
/// --config`, `plan --config`, `status`, `sync`) takes its pieces from here, so that they
/// cannot disagree: the same display profile, planner settings and channels.
public struct Kiosk: Sendable {
    public let config: KioskConfig
    public let logger: Logger

    public init(config: KioskConfig, logger: Logger = .standard) {
        self.config = config
        self.logger = logger
    }

    /// The kiosk's display: its pixels, diagonal and viewing distances, which set text and QR
    /// sizes. Other pixels keep the physical size (a preview at another resolution).
    public func display(width: Int? = nil, height: Int? = nil) -> DisplayProfile {
        guard width != nil || height != nil else { return config.display }
        return config.display.resized(
            width: width ?? config.display.widthPixels, height: height ?? config.display.heightPixels)
    }

    /// The compositor at the kiosk's display, naming on each slide the kiosk's languages it plays in.
    public func composer(width: Int? = nil, height: Int? = nil) -> SlideComposer {
        SlideComposer(profile: display(width: width, height: height), displayLanguages: config.languages)
    }

    /// The planner with the kiosk's time zone, languages, opening hours and channel shares.
    public var planner: Planner { Planner(settings: PlanSettings(config: config)) }

    /// The program from every channel: local folders, and bundle channels from the cache.
    /// `previous` lends its slides to a channel that cannot be read this time.
    public func loadProgram(previous: Program = .empty) -> (
        program: Program, problems: [Problem], newestPublication: Date?
    ) {
        ContentLoader.loadWithPublication(config, previous: previous)
    }

    /// Where the status page listens on this machine, for `skylt status`.
    public var statusURL: String { "http://127.0.0.1:\(config.status.port)/api/status" }

    /// The last status the player wrote.
    public var statusFile: URL { config.stateDirectory.appendingPathComponent(StatusSnapshot.fileName) }
}

extension Kiosk {
    /// One sync of a bundle channel, as `skylt sync --once` reports it.
    public struct ChannelSyncResult: Sendable {
        public var channel: String
        public var result: Result<SyncOutcome, SyncError>
    }

    /// Syncs each bundle channel once, in the config's order, with the settings `run` uses.
    public func syncOnce() -> [ChannelSyncResult] {
        let settings = SyncSettings(config: config)
        let client = HTTPClient()
        return config.channels.filter { $0.source.kind == .bundle }.map { channel in
            do throws(SyncError) {
                let sync = try ChannelSync(config: channel, settings: settings, client: client, logger: logger)
                return ChannelSyncResult(channel: channel.name, result: .success(try sync.syncOnce()))
            } catch {
                return ChannelSyncResult(channel: channel.name, result: .failure(error))
            }
        }
    }
}
