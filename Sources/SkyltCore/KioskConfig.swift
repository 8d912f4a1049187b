public import FoundationEssentials

/// The local status server: where it listens and the token that unlocks its actions.
public struct StatusConfig: Sendable, Equatable {
    public var enabled = true
    public var address = "0.0.0.0"
    public var port = 8080
    /// Unlocks POST actions; when nil, one is generated at first start and kept in the state
    /// directory (`status-token`).
    public var token: String?
    public var perIPConnectionLimit = 32

    public init() {}
}

/// What one kiosk is and what it shows, read from `/etc/skylt/config.json` or `--config`.
public struct KioskConfig: Sendable, Equatable {
    public static let defaultPath = "/etc/skylt/config.json"
    public static let maxConfigBytes = 1 << 20

    public var id: String
    public var name: String
    public var timeZone: Zone
    /// The languages the screen shows, in turn, for slides translated into them.
    public var languages: [String]
    public var display: DisplayProfile
    public var channels: [ChannelConfig]
    /// Where the player keeps what must outlive a restart: the play log, the last time it saw.
    public var stateDirectory: URL
    /// When the screen is on; nil means always.
    public var openingHours: OpeningHours?
    /// Commands run when the screen goes off and on for opening hours (no shell).
    public var displayOff: [String]?
    public var displayOn: [String]?
    /// Where synced bundles are kept, so the kiosk plays offline and across power cuts.
    public var cacheDirectory = URL(fileURLWithPath: defaultCacheDirectory)
    /// The largest asset a manifest may list.
    public var maxAssetBytes: Int64 = 256 << 20
    /// Free disk kept beyond an asset's size before it is downloaded.
    public var diskReserveBytes: Int64 = 256 << 20
    /// Download speed cap for metered links; nil for none.
    public var bandwidthBytesPerSecond: Int64?
    /// The most of the screen time urgent notices take while normal slides may also play.
    public var urgentShare = 0.5
    public var status = StatusConfig()

    public static let defaultStateDirectory = "/var/lib/skylt"
    public static let defaultCacheDirectory = "/var/cache/skylt"

    public init(
        id: String, name: String, timeZone: Zone, languages: [String], display: DisplayProfile,
        channels: [ChannelConfig], stateDirectory: URL = URL(fileURLWithPath: defaultStateDirectory),
        openingHours: OpeningHours? = nil, displayOff: [String]? = nil, displayOn: [String]? = nil
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.languages = languages
        self.display = display
        self.channels = channels
        self.stateDirectory = stateDirectory
        self.openingHours = openingHours
        self.displayOff = displayOff
        self.displayOn = displayOn
    }

    /// The configuration used when none is given: the demo playlist on a standard screen.
    public static func demo(folder: URL) -> KioskConfig {
        KioskConfig.demoConfig(
            id: "demo", name: "Skylt demo", timeZone: .stockholm,
            languages: ["sv", "en"],
            display: .standard, channels: [ChannelConfig(name: "demo", source: .folder(folder))],
            stateDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("skylt-demo-state"),
            statusAddress: "127.0.0.1")
    }

    static func demoConfig(
        id: String, name: String, timeZone: Zone, languages: [String], display: DisplayProfile,
        channels: [ChannelConfig], stateDirectory: URL, statusAddress: String
    ) -> KioskConfig {
        var config = KioskConfig(
            id: id, name: name, timeZone: timeZone, languages: languages, display: display, channels: channels,
            stateDirectory: stateDirectory)
        config.cacheDirectory = stateDirectory.appendingPathComponent("cache")
        // The demo listens on this machine only.
        config.status.address = statusAddress
        return config
    }

    /// Reads and checks a config file. Relative folders are resolved against the file's folder.
    public static func load(from file: URL) throws(ProblemList) -> KioskConfig {
        let sink = ProblemSink(file: file.path)
        let data: Data
        do {
            // Kind and size are checked before reading: a FIFO, a device or a huge file costs nothing.
            data = try ConfigFile.read(file.path, limit: maxConfigBytes)
        } catch {
            throw ProblemList([Problem(file: file.path, field: "", message: error.reason)])
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw ProblemList([Problem(file: file.path, field: "", message: "is not valid JSON: \(error.message)")])
        }
        let config = decode(json, base: file.deletingLastPathComponent(), sink: sink)
        if let config, sink.problems.isEmpty { return config }
        throw ProblemList(sink.problems)
    }

    static func decode(_ json: JSONValue, base: URL, sink: ProblemSink) -> KioskConfig? {
        guard let root = ObjectReader(json, path: "", sink: sink) else { return nil }
        root.rejectUnknown([
            "id", "name", "timeZone", "languages", "display", "channels", "stateDirectory", "openingHours",
            "displayOff", "displayOn", "cacheDirectory", "maxAssetBytes", "diskReserveBytes", "bandwidthBytesPerSecond",
            "status", "urgentShare",
        ])
        let id = root.string("id", required: true) ?? ""
        let name = root.string("name") ?? id
        let timeZone = root.timeZone("timeZone")
        let languages = root.stringArray("languages") ?? ["sv"]
        for (index, language) in languages.enumerated() where !LanguageCode.isValid(language) {
            sink.report("languages[\(index)]", "'\(language)' is not a language code such as 'sv' or 'en'")
        }
        if languages.isEmpty { sink.report("languages", "needs at least one language") }
        let display = root.object("display").map(readDisplay) ?? .standard
        let channels = readChannels(root, base: base, sink: sink)
        let stateDirectory = resolve(root.string("stateDirectory") ?? defaultStateDirectory, base: base)
        let openingHours = root.object("openingHours").map(ScheduleReader.openingHours)
        let commands = readDisplayCommands(root)
        var config = KioskConfig(
            id: id, name: name, timeZone: timeZone, languages: languages, display: display, channels: channels,
            stateDirectory: stateDirectory, openingHours: openingHours, displayOff: commands["displayOff"],
            displayOn: commands["displayOn"])
        config.cacheDirectory = resolve(root.string("cacheDirectory") ?? defaultCacheDirectory, base: base)
        config.maxAssetBytes = Int64(root.number("maxAssetBytes", in: 1024...Double(1 << 34)) ?? Double(256 << 20))
        config.diskReserveBytes = Int64(root.number("diskReserveBytes", in: 0...Double(1 << 40)) ?? Double(256 << 20))
        config.bandwidthBytesPerSecond = root.number("bandwidthBytesPerSecond", in: 1024...1e12).map { Int64($0) }
        config.urgentShare = root.number("urgentShare", in: 0.1...1) ?? 0.5
        if let status = root.object("status") { config.status = readStatus(status) }
        return config
    }

    /// The channels, each checked by `ChannelConfig`; here only what concerns them together:
    /// unique names, and minimum shares that can all be met.
    static func readChannels(_ root: ObjectReader, base: URL, sink: ProblemSink) -> [ChannelConfig] {
        var channels: [ChannelConfig] = []
        for item in root.array("channels", required: true) ?? [] {
            guard let reader = ObjectReader(item.value, path: item.path, sink: sink),
                let channel = ChannelConfig.decode(reader, path: item.path, base: base, sink: sink)
            else { continue }
            if channels.contains(where: { $0.name == channel.name }) {
                sink.report(reader.fieldPath("name"), "'\(channel.name)' is used by another channel")
            }
            channels.append(channel)
        }
        let minimums = channels.compactMap(\.minShare).reduce(0, +)
        if minimums > 1 { sink.report("channels", "the channels' minShare values add up to more than 1") }
        return channels
    }

    /// `displayOff` and `displayOn`, keyed so; each must name a program, as no shell runs it.
    static func readDisplayCommands(_ root: ObjectReader) -> [String: [String]] {
        var commands: [String: [String]] = [:]
        for key in ["displayOff", "displayOn"] {
            guard let words = root.stringArray(key) else { continue }
            if words.isEmpty || words[0].isEmpty {
                root.sink.report(key, "needs a program and its arguments, such as [\"cec-ctl\", \"--standby\"]")
            } else {
                commands[key] = words
            }
        }
        return commands
    }

    static func readStatus(_ object: ObjectReader) -> StatusConfig {
        object.rejectUnknown(["enabled", "address", "port", "token", "perIPConnectionLimit"])
        var status = StatusConfig()
        status.enabled = object.bool("enabled") ?? true
        status.address = object.string("address") ?? "0.0.0.0"
        if !status.address.split(separator: ".").allSatisfy({ UInt8($0) != nil })
            || status.address.split(separator: ".").count != 4
        {
            object.sink.report("status.address", "'\(status.address)' is not an IPv4 address such as 0.0.0.0")
        }
        status.port = Int(object.number("port", in: 0...65535) ?? 8080)
        status.token = object.string("token")
        if let token = status.token, token.count < 16 {
            object.sink.report("status.token", "is too short; use at least 16 characters")
        }
        status.perIPConnectionLimit = Int(object.number("perIPConnectionLimit", in: 1...1024) ?? 32)
        return status
    }

    /// The base64 line of a minisign public key: 42 bytes starting with "Ed".
    static func isPublicKey(_ text: String) -> Bool {
        guard let data = Data(base64Encoded: text), data.count == 42 else { return false }
        return data[0] == 0x45 && data[1] == 0x64
    }

    static func resolve(_ path: String, base: URL) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)).standardizedFileURL
    }

    static func readDisplay(_ object: ObjectReader) -> DisplayProfile {
        object.rejectUnknown([
            "width", "height", "diagonalInches", "viewingDistanceMeters", "scanDistanceMeters", "safeAreaPercent",
        ])
        let standard = DisplayProfile.standard
        return DisplayProfile(
            widthPixels: Int(object.number("width", in: 320...7680) ?? Double(standard.widthPixels)),
            heightPixels: Int(object.number("height", in: 240...7680) ?? Double(standard.heightPixels)),
            diagonalInches: object.number("diagonalInches", in: 7...150) ?? standard.diagonalInches,
            viewingDistanceMeters: object.number("viewingDistanceMeters", in: 0.3...20)
                ?? standard.viewingDistanceMeters,
            scanDistanceMeters: object.number("scanDistanceMeters", in: 0.2...5) ?? standard.scanDistanceMeters,
            safeAreaPercent: object.number("safeAreaPercent", in: 0...15) ?? standard.safeAreaPercent)
    }
}
