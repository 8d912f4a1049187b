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

    /// The token from the config, or the one kept in the state directory (made at first start).
    /// It is never logged or shown: the log says where it is.
    static func token(config: KioskConfig, state: URL?, logger: Logger) -> String? {
        if let token = config.status.token { return token }
        guard let state else { return nil }
        let file = state.appendingPathComponent(tokenFile)
        if let text = try? String(contentsOf: file, encoding: .utf8), text.count >= 16 {
            return text.trimmed
        }
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255) }
        let token = Data(bytes).base64EncodedString().replacingAll("+", with: "-")
            .replacingAll("/", with: "_").replacingAll("=", with: "")
        do {
            try AtomicFile.write(Data((token + "\n").utf8), to: file, mode: AtomicFile.secretMode)
            logger.notice("made a status page token for actions; it is in \(file.path)")
        } catch {
            logger.warning("cannot keep a status page token in \(file.path): \(error)")
        }
        return token
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
