import Foundation
import SkyltCore
import SkyltFeeds
import SkyltSync
import SkyltTestSupport
import Testing

/// A plain fetcher over SkyltSync's HTTP client: one GET (or POST) per request, any status
/// other than 200 an error, so the sources are tested against a real server.
final class HTTPTestFetcher: DocumentFetching {
    private let client = HTTPClient()

    func fetch(_ request: FeedRequest) throws(FeedError) -> FetchedDocument {
        var http = HTTPRequest(url: request.url, limits: TransferLimits(maxBytes: request.maxBytes))
        http.headers = request.headers
        http.body = request.body
        let response: HTTPResponse
        do {
            response = try client.get(http)
        } catch {
            throw FeedError(.fetch, request.url, error.description, cause: error)
        }
        guard response.status == 200 else { throw FeedError(.fetch, request.url, "HTTP \(response.status)") }
        return FetchedDocument(body: response.body, changed: true, fetched: Date(), headers: response.headers)
    }
}

/// A folder served by `FaultyHTTPServer`, with the documents a test writes into it.
final class FeedSite {
    let folder: URL
    let server: FaultyHTTPServer
    let fetcher = HTTPTestFetcher()

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("skylt-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        server = try FaultyHTTPServer(root: folder)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(path))
    }

    func url(_ path: String) -> String { server.baseURL + "/" + path }

    func context(_ now: Date, _ memory: SourceMemory) -> RoundContext {
        RoundContext(fetcher: fetcher, now: now, memory: memory)
    }
}

enum FeedFixtures {
    static func settings(language: String = "sv") -> SourceSettings {
        SourceSettings(channel: "butik", language: language, timeZone: Zone.stockholm, subject: "test")
    }

    static func date(_ text: String) -> Date { ISO8601.parse(text)! }

    /// The problems the kiosk's playlist reader finds in `slides` (none expected), and the
    /// slides it accepted.
    static func kioskReads(_ slides: [JSONValue], language: String = "sv") -> (problems: [String], accepted: Int) {
        let playlist = JSONValue.object([
            "name": .string("Butik"), "defaultLanguage": .string(language), "slides": .array(slides),
        ])
        let reading = PlaylistReader.decode(
            playlist, file: "feeds.json", folder: URL(fileURLWithPath: "/nonexistent"), assets: [:])
        return (reading.problems.map { "\($0)" }, reading.playlist?.slides.count ?? 0)
    }

    /// Asserts that the kiosk accepts every slide.
    static func expectKioskAccepts(
        _ slides: [JSONValue], language: String = "sv", sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let read = kioskReads(slides, language: language)
        #expect(read.problems == [], sourceLocation: sourceLocation)
        #expect(read.accepted == slides.count, sourceLocation: sourceLocation)
    }

    static func field(_ slide: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let fields) = slide else { return nil }
        return fields[key]
    }

    static func string(_ slide: JSONValue, _ key: String, _ language: String? = nil) -> String? {
        var value = field(slide, key)
        if let language, case .object(let texts) = value { value = texts[language] }
        guard case .string(let text) = value else { return nil }
        return text
    }
}
