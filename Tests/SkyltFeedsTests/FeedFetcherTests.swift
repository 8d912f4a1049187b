import Foundation
import SkyltCore
import SkyltFeeds
import SkyltSync
import SkyltTestSupport
import Testing

@Suite("Fetching feeds politely", .timeLimit(.minutes(5)))
struct FeedFetcherTests {
    let folder = TemporaryFolder()
    let server: FaultyHTTPServer
    let clock = ManualClock()

    init() throws {
        try FileManager.default.createDirectory(at: folder.file("www"), withIntermediateDirectories: true)
        try Data(#"{"notices": []}"#.utf8).write(to: folder.file("www/feed.json"))
        server = try FaultyHTTPServer(root: folder.file("www"))
    }

    func fetcher(state: String = "http") -> FeedFetcher {
        FeedFetcher(contact: "drift@ljungby.example.se", folder: folder.file(state), now: { [clock] in clock.date })
    }

    var feed: FeedRequest { FeedRequest(url: server.baseURL + "/feed.json") }

    @Test("the User-Agent names Skylt's feeds service, its version and the contact")
    func userAgent() throws {
        _ = try fetcher().fetch(feed)
        let agent = server.takeRequests().first?.headers["user-agent"]
        #expect(agent == "skylt-feeds/\(SkyltVersion.string) (+drift@ljungby.example.se)")
    }

    @Test("a second fetch sends the ETag; the 304 gives the kept body, unchanged")
    func conditional() throws {
        let fetcher = fetcher()
        let first = try fetcher.fetch(feed)
        #expect(first.changed)
        clock.advance(by: 60)
        let second = try fetcher.fetch(feed)
        #expect(!second.changed)
        #expect(second.body == first.body)
        #expect(second.fetched == clock.date)
        let requests = server.takeRequests()
        #expect(requests.count == 2)
        #expect(requests.first?.headers["if-none-match"] == nil)
        #expect(requests.last?.headers["if-none-match"] != nil)
    }

    @Test("Last-Modified is sent back as If-Modified-Since")
    func lastModified() throws {
        let dated = try FaultyHTTPServer(root: folder.file("www"), validator: .lastModified)
        defer { dated.stop() }
        let fetcher = fetcher()
        let request = FeedRequest(url: dated.baseURL + "/feed.json")
        _ = try fetcher.fetch(request)
        let again = try fetcher.fetch(request)
        #expect(!again.changed)
        let requests = dated.takeRequests()
        #expect(requests.count == 2)
        #expect(requests.last?.headers["if-modified-since"] != nil, "\(requests.map(\.headers))")
    }

    @Test("the validators outlive a restart: a new fetcher on the same state sends them")
    func restart() throws {
        _ = try fetcher().fetch(feed)
        let again = try fetcher().fetch(feed)
        #expect(!again.changed)
        #expect(again.body == Data(#"{"notices": []}"#.utf8))
        #expect(server.takeRequests().last?.headers["if-none-match"] != nil)
    }

    @Test("no request while Cache-Control max-age or Expires says the body is fresh")
    func fresh() throws {
        let body = Data(#"{"notices": [1]}"#.utf8)
        server.inject("/feed.json", [.respond(status: 200, headers: ["Cache-Control: max-age=600"], body: body)])
        let fetcher = fetcher()
        _ = try fetcher.fetch(feed)
        clock.advance(by: 300)
        let cached = try fetcher.fetch(feed)
        #expect(cached.body == body && !cached.changed)
        #expect(server.takeRequests().count == 1)
        clock.advance(by: 301)
        _ = try fetcher.fetch(feed)
        #expect(server.takeRequests().count == 1)

        let expires = FaultyHTTPServer.httpDate(clock.date.addingTimeInterval(120))
        server.inject("/feed.json", [.respond(status: 200, headers: ["Expires: \(expires)"], body: body)])
        _ = try fetcher.fetch(feed)
        clock.advance(by: 60)
        _ = try fetcher.fetch(feed)
        #expect(server.takeRequests().count == 1)
    }

    @Test("a 429 with Retry-After: no request to that host before then, and a backingOff error")
    func retryAfter() throws {
        server.inject("/feed.json", [.respond(status: 429, headers: ["Retry-After: 120"], body: Data())])
        let fetcher = fetcher()
        #expect(throws: FeedError.self) { try fetcher.fetch(feed) }
        #expect(code { try fetcher.fetch(feed) } == .backingOff)
        #expect(code { try fetcher.fetch(FeedRequest(url: server.baseURL + "/other.json")) } == .backingOff)
        #expect(server.takeRequests().count == 1)
        clock.advance(by: 121)
        #expect(try fetcher.fetch(feed).changed)
        #expect(server.takeRequests().count == 1)
    }

    @Test("a fresh document is given while its host asks to wait: no request is needed for it")
    func freshWhileBackingOff() throws {
        let body = Data(#"{"notices": [2]}"#.utf8)
        server.inject("/fresh.json", [.respond(status: 200, headers: ["Cache-Control: max-age=600"], body: body)])
        server.inject("/feed.json", [.respond(status: 429, headers: ["Retry-After: 120"], body: Data())])
        let fetcher = fetcher()
        let fresh = FeedRequest(url: server.baseURL + "/fresh.json")
        _ = try fetcher.fetch(fresh)
        #expect(code { try fetcher.fetch(feed) } == .backingOff)
        clock.advance(by: 60)
        let kept = try fetcher.fetch(fresh)
        #expect(kept.body == body && !kept.changed)
        #expect(server.takeRequests().count == 2)
    }

    @Test("the kept documents are the service's own: the URL may carry a key (0700 folder, 0600 files)")
    func keptPrivately() throws {
        _ = try fetcher().fetch(FeedRequest(url: server.baseURL + "/feed.json?key=s3cret"))
        let state = folder.file("http")
        let files = try FileManager.default.contentsOfDirectory(atPath: state.path)
        #expect(files.count == 2)
        #expect(try permissions(state.path) == 0o700)
        for file in files { #expect(try permissions(state.appendingPathComponent(file).path) == 0o600, "\(file)") }
    }

    func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test("a 503 with an HTTP-date Retry-After waits until that time")
    func retryAfterDate() throws {
        let until = FaultyHTTPServer.httpDate(clock.date.addingTimeInterval(600))
        server.inject("/feed.json", [.respond(status: 503, headers: ["Retry-After: \(until)"], body: Data())])
        let fetcher = fetcher()
        #expect(code { try fetcher.fetch(feed) } == .backingOff)
        clock.advance(by: 500)
        #expect(code { try fetcher.fetch(feed) } == .backingOff)
        clock.advance(by: 101)
        _ = try fetcher.fetch(feed)
        #expect(server.takeRequests().count == 2)
    }

    @Test("failures are fetch errors: a status, a body over the cap, a host that is down")
    func failures() throws {
        let fetcher = fetcher()
        server.inject("/feed.json", [.status(500)])
        #expect(code { try fetcher.fetch(feed) } == .fetch)
        #expect(code { try fetcher.fetch(FeedRequest(url: server.baseURL + "/feed.json", maxBytes: 4)) } == .fetch)
        server.setOffline(true)
        #expect(code { try fetcher.fetch(feed) } == .fetch)
    }

    @Test("a POST sends its body without waiting for 100 Continue, and counts the bytes received")
    func post() throws {
        let fetcher = fetcher()
        let query = Data(#"{"query": "{ stopPlace(id: \"NSR:StopPlace:1\") { name } }"}"#.utf8)
        _ = try fetcher.fetch(FeedRequest(url: server.baseURL + "/feed.json", body: query))
        let request = try #require(server.takeRequests().first)
        #expect(request.method == "POST")
        #expect(request.body == query)
        #expect(request.headers["expect"] == nil)
        #expect(fetcher.bytesReceived == Int64(#"{"notices": []}"#.utf8.count))
    }

    func code(_ body: () throws -> FetchedDocument) -> FeedError.Code? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? FeedError)?.code
        }
    }
}
