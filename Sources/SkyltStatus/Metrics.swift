import Foundation
import SkyltCore

/// `/metrics` in Prometheus' text exposition format (version 0.0.4), so that a Prometheus server
/// can scrape a fleet of kiosks without an adapter.
enum Metrics {
    static func render(_ report: StatusReport) -> String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for sample in samples { lines.append("\(name)\(sample.labels) \(format(sample.value))") }
        }
        func label(_ channel: String) -> String {
            let escaped = channel.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\""
            )
            .replacingOccurrences(of: "\n", with: "\\n")
            return "{channel=\"\(escaped)\"}"
        }
        metric("skylt_build_info", "gauge", "The player's version.", [("{version=\"\(report.snapshot.version)\"}", 1)])
        metric("skylt_uptime_seconds", "gauge", "Seconds since the player started.", [("", report.uptimeSeconds)])
        metric("skylt_slides_shown_total", "counter", "Slides shown since start.", [("", Double(report.slidesShown))])
        metric(
            "skylt_missed_deadlines_total", "counter", "Slide switches that came more than 100 ms late.",
            [("", Double(report.missedDeadlines))])
        metric(
            "skylt_display_on", "gauge", "1 while the screen is on, 0 outside opening hours.",
            [("", report.snapshot.display == "on" ? 1 : 0)])
        metric(
            "skylt_clock_trusted", "gauge", "1 when the system clock can be trusted.",
            [("", report.snapshot.clockTrusted ? 1 : 0)])
        metric("skylt_healthy", "gauge", "1 while the play loop advances.", [("", report.healthy ? 1 : 0)])
        metric("skylt_cache_bytes", "gauge", "Bytes in the content cache.", [("", Double(report.cacheBytes))])
        metric(
            "skylt_disk_free_bytes", "gauge", "Free bytes on the cache's file system.",
            [("", Double(report.freeDiskBytes))])
        metric(
            "skylt_sync_success_total", "counter", "Successful syncs per channel.",
            report.snapshot.channels.map { (label($0.name), Double($0.successes)) })
        metric(
            "skylt_sync_failure_total", "counter", "Failed syncs per channel.",
            report.snapshot.channels.map { (label($0.name), Double($0.failures)) })
        metric(
            "skylt_seconds_since_last_good_sync", "gauge", "Seconds since the channel last synced.",
            report.snapshot.channels.compactMap { channel in
                channel.secondsSinceLastGoodSync.map { (label(channel.name), $0) }
            }
        )
        metric(
            "skylt_channel_stale", "gauge", "1 when the channel's manifest has expired.",
            report.snapshot.channels.map { (label($0.name), $0.stale ? 1 : 0) })
        lines.append("# HELP skylt_frame_compose_seconds Time to compose a slide.")
        lines.append("# TYPE skylt_frame_compose_seconds summary")
        lines.append("skylt_frame_compose_seconds_sum \(format(report.composeSecondsSum))")
        lines.append("skylt_frame_compose_seconds_count \(report.composeCount)")
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
