import FoundationEssentials
@preconcurrency import Glibc
import SkyltBundle
import SkyltCore
import SkyltPlayer
import SkyltStatus
import SkyltSync
import Synchronization

/// A value computed at most once per `seconds`: disk walks and hash checks behind the status
/// page must not run for every request a phone (or a hostile client) makes.
final class Throttled<Value: Sendable>: Sendable {
    private let state = Mutex<(value: Value?, at: Date)>((nil, .distantPast))
    private let seconds: Double
    private let compute: @Sendable () -> Value

    init(seconds: Double, _ compute: @escaping @Sendable () -> Value) {
        self.seconds = seconds
        self.compute = compute
    }

    func get() -> Value {
        if let value = state.withLock({ Date().timeIntervalSince($0.at) < seconds ? $0.value : nil }) { return value }
        let value = compute()
        state.withLock { $0 = (value, Date()) }
        return value
    }
}

/// Connects the status server to the player: the facts it shows and the actions it may ask for.
enum StatusWiring {
    static let tokenFile = "status-token"

    /// Where this run's status page token is kept, so that the technician can read it.
    enum TokenKeeping: Equatable {
        /// The config's `status.token`.
        case config
        /// `status-token` in the state directory, kept from one start to the next.
        case stateDirectory(URL)
        /// `status-token` in the runtime directory (systemd's `RuntimeDirectory=`, /run/skylt):
        /// the state directory could not keep it, so a new one is made at each start.
        case runtime(URL)
        /// Nowhere but in memory: no action can be sent until the config gives a token.
        case memory
    }

    /// The runtime directory systemd makes for the unit (`RuntimeDirectory=skylt`), if any.
    static func runtimeDirectory() -> URL? {
        guard let path = ProcessInfo.processInfo.environment["RUNTIME_DIRECTORY"], !path.isEmpty else { return nil }
        return URL(fileURLWithPath: String(path.prefix { $0 != ":" }))
    }

    /// The token for the status page's actions: the config's, the one kept in the state
    /// directory (made at first start), or, when the state directory cannot keep one (missing,
    /// read-only), one made for this run, so that the page always starts. The token is never
    /// logged or shown: the log says where it is, and what to do when it is nowhere.
    static func token(config: KioskConfig, state: URL?, runtime: URL? = runtimeDirectory(), logger: Logger)
        -> (token: String, kept: TokenKeeping)
    {
        if let token = config.status.token { return (token, .config) }
        let folder = config.stateDirectory.path
        var problem = "the state directory \(folder) cannot be written"
        if let state {
            let file = state.appendingPathComponent(tokenFile)
            if let text = try? String(contentsOf: file, encoding: .utf8), text.trimmed.count >= 16 {
                return (text.trimmed, .stateDirectory(file))
            }
            let token = newToken()
            do {
                try AtomicFile.write(Data((token + "\n").utf8), to: file, mode: AtomicFile.secretMode)
                logger.notice("made a status page token for actions; it is in \(file.path)")
                return (token, .stateDirectory(file))
            } catch {
                problem = "\(file.path) cannot be written (\(FileProblem.describe(error)))"
            }
        }
        let token = newToken()
        let remedy = "to keep one, set status.token in the config or make \(folder) writable, and restart"
        if let runtime {
            let file = runtime.appendingPathComponent(tokenFile)
            if (try? AtomicFile.write(Data((token + "\n").utf8), to: file, mode: AtomicFile.secretMode)) != nil {
                logger.warning(
                    "status page: no status.token in the config and \(problem), so actions take a token made for "
                        + "this run, in \(file.path) (sudo cat it; it changes at each start); \(remedy)")
                return (token, .runtime(file))
            }
        }
        logger.warning(
            "status page: no status.token in the config and \(problem), so no token can be kept: the page and "
                + "/healthz work, but no action can be sent; \(remedy)")
        return (token, .memory)
    }

    /// 24 random bytes in URL-safe base64: a token to paste into curl.
    static func newToken() -> String {
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255) }
        return Data(bytes).base64EncodedString().replacingAll("+", with: "-")
            .replacingAll("/", with: "_").replacingAll("=", with: "")
    }

    static func folderBytes(_ folder: URL) -> Int64 {
        guard let relatives = try? FileManager.default.subpathsOfDirectory(atPath: folder.path) else { return 0 }
        var total: Int64 = 0
        for relative in relatives {
            var info = stat()
            // Regular files only, links not followed: what the cache holds on the disk.
            guard lstat(folder.appendingPathComponent(relative).path, &info) == 0, info.st_mode & S_IFMT == S_IFREG
            else { continue }
            total += Int64(info.st_size)
        }
        return total
    }

    static func sources(
        hub: StatusHub, config: KioskConfig, sync: SyncService, control: PlayControl, playLog: PlayLogFiles?
    ) -> StatusSources {
        var sources = StatusSources(hub: hub)
        let checks = Throttled(seconds: 60) { () -> [String: Bool] in
            var result: [String: Bool] = [:]
            for channel in config.channels {
                guard case .bundle(_, let lines) = channel.source else { continue }
                let keys = lines.compactMap { try? PublicKey(base64: $0) }
                let loaded = ChannelCache(root: config.cacheDirectory, channel: channel.name).load(keys: keys)
                if loaded.manifest != nil { result[channel.name] = loaded.problems.isEmpty }
            }
            return result
        }
        sources.channels = {
            let now = Date()
            let states = Dictionary(sync.channelStates(now: now).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let matches = checks.get()
            return config.channels.map { channel in
                var state = states[channel.name] ?? ChannelState(channel, observed: now)
                state.cacheMatches = matches[channel.name]
                return state
            }
        }
        let cacheBytes = Throttled(seconds: 60) { folderBytes(config.cacheDirectory) }
        sources.cacheBytes = { cacheBytes.get() }
        sources.freeDiskBytes = { DiskSpace.freeBytes(at: config.cacheDirectory) ?? 0 }
        sources.diskSizeBytes = { DiskSpace.sizeBytes(at: config.cacheDirectory) }
        sources.addresses = { NetworkAddresses.current() }
        sources.playsToday = {
            guard let playLog else { return [] }
            return (try? playLog.totals(day: playLog.dayKey(Date())).totals) ?? []
        }
        sources.perform = { action in
            switch action {
            case .sync: sync.syncNow()
            case .identify: control.requestIdentify()
            case .displayOff: control.requestDisplay(on: false)
            case .displayOn: control.requestDisplay(on: true)
            case .restart: control.requestRestart()
            }
        }
        return sources
    }
}
