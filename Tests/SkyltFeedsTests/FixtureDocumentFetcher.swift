import Foundation
import SkyltCore
import SkyltFeeds
import SkyltSync
import SkyltTestSupport
import Testing

/// Fetches over SkyltSync's `HTTPClient`, as the service's fetcher does, without its caching:
/// enough for a source's round against `FaultyHTTPServer`. Every body counts as received at
/// `fetched`, so that tests can assert the slides' `fetched` exactly.
final class FixtureDocumentFetcher: DocumentFetching {
    let client = HTTPClient()
    let fetched: Date

    init(fetched: Date) { self.fetched = fetched }

    func fetch(_ request: FeedRequest) throws(FeedError) -> FetchedDocument {
        var http = HTTPRequest(url: request.url, limits: TransferLimits(maxBytes: request.maxBytes))
        http.headers = request.headers
        http.body = request.body
        let response: HTTPResponse
        do {
            response = try client.get(http)
        } catch {
            throw FeedError(.fetch, URLText.redacted(request.url), error.reason, cause: error)
        }
        guard response.status == 200 else {
            throw FeedError(.fetch, URLText.redacted(request.url), "HTTP \(response.status)")
        }
        return FetchedDocument(body: response.body, changed: true, fetched: fetched, headers: response.headers)
    }
}

/// A test server over a folder holding one fixture of `Tests/Fixtures/feeds` at `path`.
struct FeedFixtureServer {
    let folder = TemporaryFolder()
    let server: FaultyHTTPServer

    init(fixture: String, at path: String) throws {
        folder.copy(Repository.fixtures.appendingPathComponent("feeds/\(fixture)"), as: path)
        server = try FaultyHTTPServer(root: folder.url)
    }

    init(text: String, at path: String) throws {
        folder.write(path, text)
        server = try FaultyHTTPServer(root: folder.url)
    }

    var baseURL: String { server.baseURL }
}

/// The kiosk's view of a source's slides: a playlist holding them, read by `PlaylistReader`.
enum KioskView {
    static func read(_ slides: [JSONValue]) -> PlaylistReading {
        let playlist: JSONValue = .object([
            "name": .string("Lidhult"), "defaultLanguage": .string("sv"), "timeZone": .string("Europe/Stockholm"),
            "slides": .array(slides),
        ])
        return PlaylistReader.decode(
            playlist, file: "playlist.json", folder: URL(fileURLWithPath: "/nonexistent"), assets: [:])
    }

    /// The one slide's content, or nil (with the reader's problems recorded as an issue).
    static func content(_ slides: [JSONValue]) -> SlideContent? {
        let reading = read(slides)
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        #expect(reading.playlist?.slides.count == 1)
        return reading.playlist?.slides.first?.content
    }

    static func settings(_ subject: String) -> SourceSettings {
        SourceSettings(channel: "lidhult", language: "sv", timeZone: .stockholm, subject: subject)
    }

    static func date(_ text: String) -> Date { ISO8601.parse(text)! }
}
