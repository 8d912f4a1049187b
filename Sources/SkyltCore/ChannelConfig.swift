public import FoundationEssentials

/// Where a channel's content comes from. A local folder is read at start and on SIGHUP and
/// has no sync state to show.
public enum ChannelKind: String, Sendable, Equatable, Codable {
    /// A signed bundle fetched over HTTP.
    case bundle
    /// A local playlist folder.
    case folder
}

/// A channel's source: one of two, never both, so that no caller has to unwrap the other.
public enum ChannelSource: Sendable, Equatable {
    /// A local playlist folder in the editors' source format.
    case folder(URL)
    /// The URL of a signed bundle's manifest.json, and the channel's minisign public keys
    /// (base64 lines); several, so a publisher can rotate.
    case bundle(url: String, keys: [String])

    public var kind: ChannelKind {
        switch self {
        case .folder: .folder
        case .bundle: .bundle
        }
    }

    /// The source as a technician may see it: the folder, or the manifest's scheme, host,
    /// port and path, so that a user, password or query in the URL never reaches a page or log.
    public var shown: String {
        switch self {
        case .folder(let folder):
            return folder.path
        case .bundle(let url, _):
            return URLText.shown(url)
        }
    }
}

/// URLs as people may see them, on a page, in a log or in an error.
public enum URLText {
    /// The scheme, host, port and path only: a user, password, query or fragment may carry a
    /// secret (a token in `?key=…`) and never reaches a page or a log. Text that is not an
    /// absolute URL (a file path, an asset reference) is returned as it is.
    public static func shown(_ url: String) -> String {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, let host = parts.host else {
            // Not parsed (a stray character): still never past a query, a fragment or a user.
            guard let marker = url.firstRange(of: "://") else { return url }
            var rest = url[marker.upperBound...]
            rest = rest.prefix { $0 != "?" && $0 != "#" }
            if let at = rest.prefix(while: { $0 != "/" }).lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
            return String(url[..<marker.upperBound] + rest)
        }
        let port = parts.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)\(parts.path)"
    }
}

/// A source of slides for the kiosk. A channel is one publisher's stream.
public struct ChannelConfig: Sendable, Equatable {
    public var name: String
    public var source: ChannelSource
    /// Seconds between polls of a bundle's URL.
    public var pollSeconds: Double = ChannelConfig.defaultPollSeconds
    public static let defaultPollSeconds = 60.0
    /// Relative share of screen time against the other channels.
    public var weight: Double = 1
    /// Bounds on the channel's share of normal screen time (0 to 1).
    public var minShare, maxShare: Double?
    /// Schedule parts the channel's slides inherit when they leave them open.
    public var defaults: Schedule = .always

    /// Reads one entry of the config's `channels`. The JSON keeps `folder`, `url` and `keys`
    /// side by side (as the README documents); exactly one source must be given.
    static func decode(_ channel: ObjectReader, path: String, base: URL, sink: ProblemSink) -> ChannelConfig? {
        channel.rejectUnknown([
            "name", "folder", "url", "keys", "pollSeconds", "weight", "minShare", "maxShare", "defaults",
        ])
        let channelName = channel.string("name", required: true)
        let source = readSource(channel, path: path, base: base, sink: sink)
        let poll = channel.number("pollSeconds", in: 5...86400) ?? ChannelConfig.defaultPollSeconds
        let weight = channel.number("weight", in: 0.01...1000) ?? 1
        let minShare = channel.number("minShare", in: 0...1)
        let maxShare = channel.number("maxShare", in: 0...1)
        let defaults = channel.object("defaults").map(ScheduleReader.schedule) ?? .always
        if let minShare, let maxShare, minShare > maxShare {
            sink.report(channel.fieldPath("minShare"), "is larger than 'maxShare'")
        }
        guard let channelName, let source else { return nil }
        if !channelName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            sink.report(channel.fieldPath("name"), "use ASCII letters, digits, '-' and '_' (it names cache folders)")
        }
        return ChannelConfig(
            name: channelName, source: source, pollSeconds: poll, weight: weight, minShare: minShare,
            maxShare: maxShare, defaults: defaults)
    }

    private static func readSource(_ channel: ObjectReader, path: String, base: URL, sink: ProblemSink)
        -> ChannelSource?
    {
        let folder = channel.string("folder")
        let url = channel.string("url")
        let keys = channel.stringArray("keys") ?? []
        for (index, key) in keys.enumerated() where !KioskConfig.isPublicKey(key) {
            sink.report(
                channel.fieldPath("keys") + "[\(index)]",
                "is not a minisign public key (the base64 line of a .pub file)")
        }
        switch (folder, url) {
        case (let folder?, nil):
            return .folder(KioskConfig.resolve(folder, base: base))
        case (nil, let url?):
            let parsed = URL(string: url)
            if parsed?.host == nil || !["http", "https"].contains(parsed?.scheme?.lowercased() ?? "") {
                sink.report(channel.fieldPath("url"), "'\(URLText.shown(url))' is not an http or https URL")
            }
            if keys.isEmpty { sink.report(channel.fieldPath("keys"), "a bundle channel needs at least one public key") }
            if url.contains("@") { sink.report(channel.fieldPath("url"), "must not carry a user or password") }
            return .bundle(url: url, keys: keys)
        default:
            sink.report(path, "needs either 'folder' (a local playlist) or 'url' (a bundle's manifest.json)")
            return nil
        }
    }
}

extension ChannelConfig {
    /// A channel with the default poll interval, weight, share bounds and schedule. Declared in
    /// an extension so that the memberwise initialiser, which `decode` uses, is kept.
    public init(name: String, source: ChannelSource) {
        self.name = name
        self.source = source
    }
}
