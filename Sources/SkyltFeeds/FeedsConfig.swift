public import FoundationEssentials
public import SkyltCore

/// What the feeds service runs: the channels it publishes, and the sources of each, read from
/// `skylt feeds --config FILE`. Every problem is reported with the file and the field's path.
public struct FeedsConfig {
    public static let maxConfigBytes = 1 << 20
    public static let pollRange: ClosedRange<Double> = 10...86400
    public static let expiresDaysRange: ClosedRange<Double> = 1...365
    public static let defaultExpiresDays = 2.0

    /// An e-mail address or URL for the User-Agent: MET Norway and others ask for a way to
    /// reach whoever runs a client before they block it.
    public var contact: String
    public var channels: [FeedsChannel]

    /// Makes a source from its entry; `SourceType.make` unless a test brings its own.
    public typealias SourceMaker = (SourceType, ObjectReader, SourceSettings) -> (any FeedSource)?

    public init(contact: String, channels: [FeedsChannel]) {
        self.contact = contact
        self.channels = channels
    }

    /// Reads and checks a config file; relative key paths are resolved against its folder.
    public static func load(
        from file: URL, make: SourceMaker = { $0.make($1, settings: $2) }
    ) throws(ProblemList) -> FeedsConfig {
        let data: Data
        do {
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
        let sink = ProblemSink(file: file.path)
        let config = decode(json, base: file.deletingLastPathComponent(), sink: sink, make: make)
        if let config, sink.problems.isEmpty { return config }
        throw ProblemList(sink.problems)
    }

    static func decode(_ json: JSONValue, base: URL, sink: ProblemSink, make: SourceMaker) -> FeedsConfig? {
        guard let root = ObjectReader(json, path: "", sink: sink) else { return nil }
        root.rejectUnknown(["contact", "channels"])
        let contact = root.string("contact", required: true, limit: .label) ?? ""
        if !contact.isEmpty && !isContact(contact) {
            sink.report("contact", "expected an e-mail address or an http(s) URL where you can be reached")
        }
        var channels: [FeedsChannel] = []
        var names: Set<String> = []
        for item in root.array("channels", required: true) ?? [] {
            guard let entry = ObjectReader(item.value, path: item.path, sink: sink) else { continue }
            guard let channel = FeedsChannel.decode(entry, base: base, make: make) else { continue }
            if !names.insert(channel.name).inserted {
                sink.report(entry.fieldPath("name"), "'\(channel.name)' is the name of another channel")
            }
            channels.append(channel)
        }
        if root.has("channels") && channels.isEmpty && sink.problems.isEmpty {
            sink.report("channels", "lists no channel; give at least one")
        }
        return FeedsConfig(contact: contact, channels: channels)
    }

    /// An e-mail address (something@host) or an absolute http(s) URL, without spaces.
    static func isContact(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace }) else { return false }
        if text.hasPrefix("https://") || text.hasPrefix("http://") { return text.count > 8 }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
    }
}

/// One channel the service publishes: its bundle folder `<site>/<name>/`, its key, its sources.
public struct FeedsChannel {
    public var name: String
    /// The minisign secret key file, resolved against the config's folder.
    public var keyFile: URL
    public var language: String
    public var timeZone: Zone
    public var expiresDays: Double
    /// The public URL the site is served at; kiosks subscribe to `<baseURL>/<name>/`.
    public var baseURL: String?
    public var sources: [ConfiguredSource]

    static func decode(_ entry: ObjectReader, base: URL, make: FeedsConfig.SourceMaker) -> FeedsChannel? {
        entry.rejectUnknown(["name", "key", "sources", "language", "timeZone", "expiresDays", "baseUrl"])
        let name = entry.string("name", required: true, limit: .label) ?? ""
        if !name.isEmpty && !isChannelName(name) {
            entry.sink.report(entry.fieldPath("name"), "use only a-z, 0-9 and '-' (it names the bundle's folder)")
        }
        let key = entry.string("key", required: true, limit: .line) ?? ""
        let language = entry.string("language", limit: .label) ?? "sv"
        if !LanguageCode.isValid(language) {
            entry.sink.report(entry.fieldPath("language"), "'\(language)' is not a language code such as 'sv' or 'en'")
        }
        let timeZone = zone(entry)
        let expires = entry.number("expiresDays", in: FeedsConfig.expiresDaysRange) ?? FeedsConfig.defaultExpiresDays
        let baseURL = entry.string("baseUrl", limit: .line)
        if let baseURL, !baseURL.hasPrefix("https://") && !baseURL.hasPrefix("http://") {
            entry.sink.report(entry.fieldPath("baseUrl"), "expected an http(s) URL")
        }
        var sources: [ConfiguredSource] = []
        for item in entry.array("sources", required: true) ?? [] {
            guard let source = ObjectReader(item.value, path: item.path, sink: entry.sink) else { continue }
            let settings = SourceSettings(channel: name, language: language, timeZone: timeZone, subject: "")
            if let made = ConfiguredSource.decode(source, settings: settings, make: make) { sources.append(made) }
        }
        guard !name.isEmpty, !key.isEmpty else { return nil }
        return FeedsChannel(
            name: name, keyFile: URL(fileURLWithPath: key, relativeTo: base).standardizedFileURL, language: language,
            timeZone: timeZone, expiresDays: expires, baseURL: baseURL, sources: sources)
    }

    /// The channel's zone: Stockholm's unless `timeZone` names another.
    static func zone(_ entry: ObjectReader) -> Zone {
        guard let identifier = entry.string("timeZone", limit: .label) else { return .stockholm }
        guard let zone = Zone(identifier: identifier) else {
            entry.sink.report(
                entry.fieldPath("timeZone"), "'\(identifier)' is not a time zone such as 'Europe/Stockholm'")
            return .stockholm
        }
        return zone
    }

    static func isChannelName(_ name: String) -> Bool {
        name.count <= 64 && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}

/// One source of a channel, made from its entry.
public struct ConfiguredSource {
    public var type: SourceType
    public var pollSeconds: Double
    /// "larm: vma https://host/path" (the URL without its query), for logs and errors.
    public var subject: String
    public var source: any FeedSource

    static func decode(
        _ entry: ObjectReader, settings: SourceSettings, make: FeedsConfig.SourceMaker
    ) -> ConfiguredSource? {
        guard let type: SourceType = entry.choice("type", required: true) else { return nil }
        entry.rejectUnknown(type.fields.union(["type"]))
        let poll = entry.number("poll", in: FeedsConfig.pollRange) ?? type.defaultPollSeconds
        var settings = settings
        let url = entry.fields["url"].flatMap { if case .string(let text) = $0 { text } else { nil } }
        settings.subject = "\(settings.channel): \(type.rawValue)" + (url.map { " " + URLText.shown($0) } ?? "")
        guard let source = make(type, entry, settings) else { return nil }
        return ConfiguredSource(type: type, pollSeconds: poll, subject: settings.subject, source: source)
    }
}
