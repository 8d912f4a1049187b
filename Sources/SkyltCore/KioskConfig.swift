public import Foundation

/// A source of slides for the kiosk. A channel is one publisher's stream.
public struct ChannelConfig: Sendable, Equatable {
    public var name: String
    /// A local playlist folder in the editors' source format.
    public var folder: URL

    public init(name: String, folder: URL) {
        self.name = name
        self.folder = folder
    }
}

/// What one kiosk is and what it shows, read from `/etc/skylt/config.json` or `--config`.
public struct KioskConfig: Sendable, Equatable {
    public static let defaultPath = "/etc/skylt/config.json"
    public static let maxConfigBytes = 1 << 20

    public var id: String
    public var name: String
    public var timeZone: TimeZone
    /// The languages the screen shows, in turn, for slides translated into them.
    public var languages: [String]
    public var display: DisplayProfile
    public var channels: [ChannelConfig]

    public init(
        id: String, name: String, timeZone: TimeZone, languages: [String], display: DisplayProfile,
        channels: [ChannelConfig]
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.languages = languages
        self.display = display
        self.channels = channels
    }

    /// The configuration used when none is given: the demo playlist on a standard screen.
    public static func demo(folder: URL) -> KioskConfig {
        KioskConfig(
            id: "demo", name: "Skylt demo", timeZone: TimeZone(identifier: "Europe/Stockholm")!,
            languages: ["sv", "en"],
            display: .standard, channels: [ChannelConfig(name: "demo", folder: folder)])
    }

    /// Reads and checks a config file. Relative folders are resolved against the file's folder.
    public static func load(from file: URL) throws(ProblemList) -> KioskConfig {
        let sink = ProblemSink(file: file.path)
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw ProblemList([
                Problem(file: file.path, field: "", message: "cannot be read: \(FileProblem.describe(error))")
            ])
        }
        guard data.count <= maxConfigBytes else {
            throw ProblemList([Problem(file: file.path, field: "", message: "is larger than \(maxConfigBytes) bytes")])
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
        root.rejectUnknown(["id", "name", "timeZone", "languages", "display", "channels"])
        let id = root.string("id", required: true) ?? ""
        let name = root.string("name") ?? id
        var timeZone = TimeZone(identifier: "Europe/Stockholm")!
        if let identifier = root.string("timeZone") {
            if let zone = TimeZone(identifier: identifier) {
                timeZone = zone
            } else {
                sink.report("timeZone", "'\(identifier)' is not a time zone such as 'Europe/Stockholm'")
            }
        }
        let languages = root.stringArray("languages") ?? ["sv"]
        for (index, language) in languages.enumerated() where !LanguageCode.isValid(language) {
            sink.report("languages[\(index)]", "'\(language)' is not a language code such as 'sv' or 'en'")
        }
        if languages.isEmpty { sink.report("languages", "needs at least one language") }
        let display = root.object("display").map(readDisplay) ?? .standard
        var channels: [ChannelConfig] = []
        for item in root.array("channels", required: true) ?? [] {
            guard let channel = ObjectReader(item.value, path: item.path, sink: sink) else { continue }
            channel.rejectUnknown(["name", "folder"])
            let channelName = channel.string("name", required: true)
            let folder = channel.string("folder", required: true)
            guard let channelName, let folder else { continue }
            if channels.contains(where: { $0.name == channelName }) {
                sink.report(channel.fieldPath("name"), "'\(channelName)' is used by another channel")
            }
            let url = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : base.appendingPathComponent(folder)
            channels.append(ChannelConfig(name: channelName, folder: url.standardizedFileURL))
        }
        return KioskConfig(
            id: id, name: name, timeZone: timeZone, languages: languages, display: display, channels: channels)
    }

    static func readDisplay(_ object: ObjectReader) -> DisplayProfile {
        object.rejectUnknown(["width", "height", "diagonalInches", "viewingDistanceMeters", "scanDistanceMeters"])
        let standard = DisplayProfile.standard
        return DisplayProfile(
            widthPixels: Int(object.number("width", in: 320...7680) ?? Double(standard.widthPixels)),
            heightPixels: Int(object.number("height", in: 240...7680) ?? Double(standard.heightPixels)),
            diagonalInches: object.number("diagonalInches", in: 7...150) ?? standard.diagonalInches,
            viewingDistanceMeters: object.number("viewingDistanceMeters", in: 0.3...20)
                ?? standard.viewingDistanceMeters,
            scanDistanceMeters: object.number("scanDistanceMeters", in: 0.2...5) ?? standard.scanDistanceMeters)
    }
}
