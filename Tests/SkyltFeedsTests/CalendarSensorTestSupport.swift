import CMosquitto
import Foundation
import Glibc
import SkyltCore
import SkyltFeeds
import SkyltSync
import SkyltTestSupport

/// Fetches over SkyltSync's HTTP client, as the service's fetcher will; `now` is what the
/// documents say they were fetched at.
final class CalendarSensorFetcher: DocumentFetching {
    let client = HTTPClient()
    var now: Date

    init(now: Date) { self.now = now }

    func fetch(_ request: FeedRequest) throws(FeedError) -> FetchedDocument {
        var http = HTTPRequest(url: request.url, limits: TransferLimits(maxBytes: request.maxBytes))
        http.headers = request.headers
        http.body = request.body
        do {
            let response = try client.get(http)
            guard response.status == 200 else {
                throw FeedError(.fetch, request.url, "HTTP \(response.status)")
            }
            return FetchedDocument(body: response.body, changed: true, fetched: now, headers: response.headers)
        } catch let error as FeedError {
            throw error
        } catch {
            throw FeedError(.fetch, request.url, "\(error)", cause: error)
        }
    }
}

enum CalendarSensorTesting {
    static func date(_ text: String) -> Date { ISO8601.parse(text)! }

    static func settings(_ subject: String, zone: Zone = .stockholm) -> SourceSettings {
        SourceSettings(channel: "byn", language: "sv", timeZone: zone, subject: subject)
    }

    /// The problems a kiosk's playlist reader finds in `slides`, as a channel would carry them.
    static func problems(_ slides: [JSONValue]) -> [Problem] {
        let playlist: JSONValue = .object([
            "name": .string("Byn"), "defaultLanguage": .string("sv"), "timeZone": .string("Europe/Stockholm"),
            "slides": .array(slides),
        ])
        let reading = PlaylistReader.decode(
            playlist, file: "playlist.json", folder: URL(fileURLWithPath: "/nonexistent"), assets: [:])
        return reading.problems
            + (reading.playlist?.slides.count == slides.count
                ? []
                : [
                    Problem(file: "playlist.json", field: "slides", message: "not every slide was read")
                ])
    }

    static func field(_ slide: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let fields) = slide else { return nil }
        return fields[key]
    }

    static func string(_ slide: JSONValue, _ key: String) -> String? {
        guard case .string(let text) = field(slide, key) else { return nil }
        return text
    }

    /// A calendar fixture's text.
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: Repository.fixtures.appendingPathComponent("calendar/\(name)"), encoding: .utf8)
    }
}

/// A real mosquitto on 127.0.0.1, on a free port, with a config written for the test.
final class MosquittoBroker {
    let port: Int
    let folder = TemporaryFolder()
    private let process: Process

    init() throws {
        var lastPort = 0
        for _ in 0..<20 {
            let port = Int.random(in: 20000..<60000)
            lastPort = port
            let config = folder.write(
                "mosquitto.conf", "listener \(port) 127.0.0.1\nallow_anonymous true\npersistence false\n")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/mosquitto")
            process.arguments = ["-c", config.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date(timeIntervalSinceNow: 5)
            while Date() < deadline && process.isRunning {
                if Self.accepts(port: port) {
                    self.port = port
                    self.process = process
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        throw BrokerError(message: "did not start (last port \(lastPort))")
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        // The test process's blocked signals are inherited, so SIGTERM may wait forever.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Publishes a retained message with QoS 1 and returns once the broker has it.
    func publish(_ topic: String, _ payload: String) throws {
        _ = mosquitto_lib_init()
        let published = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        defer { published.deallocate() }
        published.pointee = 0
        guard let client = mosquitto_new(nil, true, published) else {
            throw BrokerError(message: "no client")
        }
        defer { mosquitto_destroy(client) }
        mosquitto_publish_callback_set(client) { _, object, _ in
            object?.assumingMemoryBound(to: Int32.self).pointee = 1
        }
        guard mosquitto_connect(client, "127.0.0.1", Int32(port), 10) == 0 else {
            throw BrokerError(message: "cannot connect to publish")
        }
        let bytes = Array(payload.utf8)
        let status = mosquitto_publish(client, nil, topic, Int32(bytes.count), bytes, 1, true)
        guard status == 0 else { throw BrokerError(message: "publish failed: \(status)") }
        let deadline = Date(timeIntervalSinceNow: 5)
        while published.pointee == 0 && Date() < deadline { mosquitto_loop(client, 50, 1) }
        mosquitto_disconnect(client)
        guard published.pointee == 1 else { throw BrokerError(message: "no PUBACK") }
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }
}

struct BrokerError: Error, CustomStringConvertible {
    var message: String
    var description: String { "mosquitto: \(message)" }
}
