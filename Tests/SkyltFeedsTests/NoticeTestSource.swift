import Foundation
import SkyltBundle
import SkyltCore
import SkyltFeeds
import SkyltTestSupport

/// A source for the service's tests only: fetches a JSON document
/// `{"notices": [{"id": …, "title": …, "body": …}]}` and gives one notice slide per entry.
/// It counts its rounds in its memory, so tests see the memory kept across rounds and restarts.
final class NoticeTestSource: FeedSource {
    let url: String

    init(url: String) { self.url = url }

    func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let count: Double = if case .number(let rounds) = context.memory.value { rounds } else { 0 }
        context.memory.value = .number(count + 1)
        let document = try context.fetcher.fetch(FeedRequest(url: url))
        guard case .object(let root) = try? JSONValue.parse(document.body), case .array(let notices) = root["notices"]
        else { throw FeedError(.parse, url, "has no 'notices' array") }
        return notices.map { notice in
            guard case .object(var fields) = notice else { return notice }
            fields["template"] = .string("notice")
            return .object(fields)
        }
    }

    /// The config's maker for tests: every `json` entry becomes a notice source of its `url`.
    static var maker: FeedsConfig.SourceMaker {
        { type, entry, _ in
            guard type == .json, let url = entry.string("url", required: true) else { return nil }
            return NoticeTestSource(url: url)
        }
    }
}

/// A feeds set-up on a real test server: a config file, a key, a site and a state folder.
final class FeedsFixture {
    let folder = TemporaryFolder()
    let server: FaultyHTTPServer
    let secret: SecretKey
    let publicKey: PublicKey
    let clock = ManualClock()
    let log = InMemoryLogHandler()

    var site: URL { folder.file("site") }
    var state: URL { folder.file("state") }
    var bundle: URL { site.appendingPathComponent("lokalt") }
    var configFile: URL { folder.file("feeds.json") }

    init(validator: FaultyHTTPServer.Validator = .etag) throws {
        try FileManager.default.createDirectory(at: folder.file("www"), withIntermediateDirectories: true)
        server = try FaultyHTTPServer(root: folder.file("www"), validator: validator)
        (secret, publicKey) = SecretKey.generate()
        try secret.fileText(password: nil).write(to: folder.file("lokalt.key"), atomically: true, encoding: .utf8)
    }

    deinit { server.stop() }

    /// Serves `notices` (id, title, body) at /<name>.json.
    func serve(_ name: String, _ notices: [(String, String, String)]) throws {
        let items = notices.map { #"{"id": "\#($0.0)", "title": "\#($0.1)", "body": "\#($0.2)"}"# }
        let text = #"{"notices": [\#(items.joined(separator: ", "))]}"#
        try Data(text.utf8).write(to: folder.file("www").appendingPathComponent(name + ".json"))
    }

    /// A config of one channel, "lokalt", with a json source per name.
    func writeConfig(sources: [String]) throws {
        let entries = sources.map { #"{"type": "json", "url": "\#(server.baseURL)/\#($0).json", "poll": 60}"# }
        let text = #"""
            {"contact": "drift@ljungby.example.se", "channels": [{"name": "lokalt", "key": "lokalt.key",
             "sources": [\#(entries.joined(separator: ", "))]}]}
            """#
        try Data(text.utf8).write(to: configFile)
    }

    func service(sources: [String]) throws -> FeedsService {
        try writeConfig(sources: sources)
        let config = try FeedsConfig.load(from: configFile, make: NoticeTestSource.maker)
        return FeedsService(
            config: config, keys: ["lokalt": secret], site: site, state: state, clock: clock, logger: Logger(log))
    }

    /// The bundle as a kiosk checks it: signature, manifest and assets.
    func verified() -> Manifest? {
        let (manifest, problems) = BundleCheck.verify(folder: bundle, keys: [publicKey])
        return problems.isEmpty ? manifest : nil
    }

    /// The ids of the published playlist's slides.
    func publishedIDs() -> [String] {
        guard let manifest = verified(), case .object(let root) = manifest.playlist,
            case .array(let slides) = root["slides"] ?? .null
        else { return [] }
        return slides.compactMap { slide in
            guard case .object(let fields) = slide, case .string(let id) = fields["id"] ?? .null else { return nil }
            return id
        }
    }
}
