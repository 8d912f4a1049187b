import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@testable import SkyltStatus

/// What a fleet's Prometheus needs beyond one kiosk's figures: restarts, the disk's size next to
/// its free bytes, and a version it can compare, from a real status server on 127.0.0.1.
@Suite("Metrics for a fleet", .serialized, .timeLimit(.minutes(10)))
struct FleetMetricsTests {
    /// The samples without labels, by name, as the text gives their values.
    static func samples(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.contains("{") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        return values
    }

    static func metrics(_ server: StatusServer) throws -> String {
        try ExternalTool.run(["curl", "-s", "http://127.0.0.1:\(server.port)/metrics"]).stdout
    }

    static func server(_ sources: StatusSources) throws -> StatusServer {
        var settings = StatusSettings(token: StatusServerTests.token)
        settings.address = "127.0.0.1"
        settings.port = 0
        let server = StatusServer(settings: settings, sources: sources)
        try server.start()
        return server
    }

    @Test("the start time stays the same from scrape to scrape and is when the player started")
    func startTime() throws {
        let hub = StatusHub()
        let server = try Self.server(StatusSources(hub: hub))
        defer { server.stop() }
        let first = try Self.metrics(server)
        Thread.sleep(forTimeInterval: 0.05)
        let second = Self.samples(try Self.metrics(server))
        #expect(first.contains("# TYPE skylt_process_start_time_seconds gauge"))
        let start = try #require(Self.samples(first)["skylt_process_start_time_seconds"])
        // changes() counts every new value as a restart: a value moving with each scrape would
        // make every kiosk look like a restart loop.
        #expect(second["skylt_process_start_time_seconds"] == start)
        #expect(Double(start) == hub.started.timeIntervalSince1970)
        let uptime = try #require(second["skylt_uptime_seconds"].flatMap(Double.init))
        #expect(abs(Date().timeIntervalSince1970 - uptime - (Double(start) ?? 0)) < 5)
    }

    @Test("the disk's size comes next to its free bytes, and has no sample when it cannot be asked")
    func diskSize() throws {
        let folder = TemporaryFolder()
        var sources = StatusSources(hub: StatusHub())
        sources.freeDiskBytes = { DiskSpace.freeBytes(at: folder.url) ?? 0 }
        sources.diskSizeBytes = { DiskSpace.sizeBytes(at: folder.url) }
        let server = try Self.server(sources)
        defer { server.stop() }
        let values = Self.samples(try Self.metrics(server))
        let size = try #require(values["skylt_disk_size_bytes"].flatMap(Int64.init))
        let free = try #require(values["skylt_disk_free_bytes"].flatMap(Int64.init))
        #expect(size == DiskSpace.sizeBytes(at: folder.url))
        #expect(free > 0 && size >= free, "free \(free) of \(size)")

        let unknown = try Self.server(StatusSources(hub: StatusHub()))
        defer { unknown.stop() }
        let text = try Self.metrics(unknown)
        #expect(text.contains("# TYPE skylt_disk_size_bytes gauge"))
        #expect(Self.samples(text)["skylt_disk_size_bytes"] == nil, "\(text)")
    }

    @Test("the version is a number next to skylt_build_info, and on the status page")
    func versionNumber() throws {
        let server = try Self.server(StatusSources(hub: StatusHub()))
        defer { server.stop() }
        let text = try Self.metrics(server)
        #expect(text.contains("skylt_build_info{version=\"\(SkyltVersion.string)\"} 1"), "\(text)")
        let parts = SkyltVersion.string.split(separator: ".").compactMap { Int($0) }
        try #require(parts.count == 3, "the version is not major.minor.patch: \(SkyltVersion.string)")
        let expected = parts[0] * 10000 + parts[1] * 100 + parts[2]
        #expect(Self.samples(text)["skylt_version_number"] == String(expected))
        let page = try ExternalTool.run(["curl", "-s", "-H", "Host: localhost", "http://127.0.0.1:\(server.port)/"])
        #expect(page.stdout.contains(SkyltVersion.string))
    }

    @Test(
        "a version reads as major*10000+minor*100+patch, and one that cannot be ordered has no number",
        arguments: [
            ("1.2.3", 10203.0), ("0.1.0", 100), ("2.10.7-rc1", 21007), ("12.0.99+build5", 120099),
            ("1.2", nil), ("1.2.3.4", nil), ("1.100.0", nil), ("dev", nil), ("", nil),
        ] as [(String, Double?)])
    func versionNumbers(version: String, number: Double?) {
        #expect(Metrics.versionNumber(version) == number)
    }
}
