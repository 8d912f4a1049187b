import FoundationEssentials
import SkyltCore

/// `/metrics` in Prometheus' text exposition format (version 0.0.4), so that a Prometheus server
/// can scrape a fleet of kiosks without an adapter.
enum Metrics {
    /// One metric: its name, type, help text, and how to read its value from a report.
    private struct Player: Sendable {
        let name: String
        let type: String
        let help: String
        /// nil leaves the metric without a sample: a value not known yet is not reported.
        let value: @Sendable (StatusReport) -> Double?
    }

    /// One metric per channel, labelled with the channel's name.
    private struct PerChannel: Sendable {
        let name: String
        let type: String
        let help: String
        let value: @Sendable (ChannelState) -> Double?
    }

    private static let player: [Player] = [
        .init(name: "skylt_uptime_seconds", type: "gauge", help: "Seconds since the player started.") {
            $0.uptimeSeconds
        },
        .init(name: "skylt_slides_shown_total", type: "counter", help: "Slides shown since start.") {
            Double($0.slidesShown)
        },
        .init(
            name: "skylt_missed_deadlines_total", type: "counter",
            help: "Slide switches that came more than 100 ms late."
        ) { Double($0.missedDeadlines) },
        .init(
            name: "skylt_display_on", type: "gauge", help: "1 while the screen is on, 0 outside opening hours."
        ) { $0.starting ? nil : $0.snapshot.display == "on" ? 1 : 0 },
        .init(name: "skylt_clock_trusted", type: "gauge", help: "1 when the system clock can be trusted.") {
            $0.starting ? nil : $0.snapshot.clockTrusted ? 1 : 0
        },
        .init(name: "skylt_healthy", type: "gauge", help: "1 while the play loop advances.") { $0.healthy ? 1 : 0 },
        .init(name: "skylt_cache_bytes", type: "gauge", help: "Bytes in the content cache.") {
            Double($0.cacheBytes)
        },
        .init(name: "skylt_disk_free_bytes", type: "gauge", help: "Free bytes on the cache's file system.") {
            Double($0.freeDiskBytes)
        },
        .init(name: "skylt_disk_size_bytes", type: "gauge", help: "Size of the cache's file system in bytes.") {
            $0.diskSizeBytes.map(Double.init)
        },
        .init(
            name: "skylt_process_start_time_seconds", type: "gauge",
            help: "When the player started, in seconds since 1970; each change is a restart."
        ) { $0.startTimeSeconds },
        .init(
            name: "skylt_version_number", type: "gauge",
            help: "The player's version as major*10000+minor*100+patch, to compare across a fleet."
        ) { versionNumber($0.snapshot.version) },
    ]

    private static let perChannel: [PerChannel] = [
        .init(name: "skylt_sync_success_total", type: "counter", help: "Successful syncs per channel.") {
            Double($0.successes)
        },
        .init(name: "skylt_sync_failure_total", type: "counter", help: "Failed syncs per channel.") {
            Double($0.failures)
        },
        .init(
            name: "skylt_seconds_since_last_good_sync", type: "gauge", help: "Seconds since the channel last synced."
        ) { $0.secondsSinceLastGoodSync },
        .init(name: "skylt_channel_stale", type: "gauge", help: "1 when the channel's manifest has expired.") {
            $0.stale ? 1 : 0
        },
    ]

    static func render(_ report: StatusReport) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for sample in samples { lines.append("\(name)\(sample.labels) \(format(sample.value))") }
        }
        metric(
            "skylt_build_info", "gauge", "The player's version.",
            [("{version=\"\(escape(report.snapshot.version))\"}", 1)])
        for entry in player {
            metric(entry.name, entry.type, entry.help, entry.value(report).map { [("", $0)] } ?? [])
        }
        for entry in perChannel {
            let samples = report.snapshot.channels.compactMap { channel in
                entry.value(channel).map { ("{channel=\"\(escape(channel.name))\"}", $0) }
            }
            metric(entry.name, entry.type, entry.help, samples)
        }
        lines.append("# HELP skylt_frame_compose_seconds Time to compose a slide.")
        lines.append("# TYPE skylt_frame_compose_seconds summary")
        lines.append("skylt_frame_compose_seconds_sum \(format(report.composeSecondsSum))")
        lines.append("skylt_frame_compose_seconds_count \(report.composeCount)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// "1.2.3" (or "1.2.3-rc1") as 10203; nil for a version not in that form, which a monitor
    /// cannot order.
    static func versionNumber(_ version: String) -> Double? {
        let numbers = version.prefix { $0.isNumber || $0 == "." }
            .split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard numbers.count == 3, let major = numbers[0], let minor = numbers[1], let patch = numbers[2],
            minor < 100, patch < 100
        else { return nil }
        return Double(major * 10000 + minor * 100 + patch)
    }

    /// A label value as the exposition format writes it: backslash, quote and newline escaped.
    static func escape(_ value: String) -> String {
        value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
            .replacingAll("\n", with: "\\n")
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
