import FoundationEssentials
import SkyltCore
import SkyltHTTP

/// The technician's page: one HTML document, phone first, readable without JavaScript, that
/// refreshes itself. Everything from outside is escaped; no secret is ever in it.
enum StatusPage {
    static let refreshSeconds = 10

    static func escape(_ text: String) -> String { HTMLEscape.text(text) }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s < 120 { return "\(s) s" }
        if s < 7200 { return "\(s / 60) min" }
        if s < 172_800 { return "\(s / 3600) h" }
        return "\(s / 86400) days"
    }

    static func bytes(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) B" : "\(NumberText.fixed(amount, decimals: 1)) \(units[unit])"
    }

    static func row(_ name: String, _ value: String, bad: Bool = false) -> String {
        "<tr><th>\(escape(name))</th><td\(bad ? " class=\"bad\"" : "")>\(escape(value))</td></tr>"
    }

    static func render(_ report: StatusReport) -> String {
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="\(refreshSeconds)">
            <title>\(escape(report.snapshot.kioskName)) · Skylt</title>
            <link rel="stylesheet" href="/style.css"></head><body>
            <header><h1>\(escape(report.snapshot.kioskName))</h1>
            <p class="\(report.healthy ? "ok" : "bad")">\(report.healthy ? "Playing" : "The player is stuck") · \(escape(report.snapshot.display == "on" ? "screen on" : "screen off (opening hours)"))</p></header>
            <section><h2>On screen now</h2>
            """
        html += onScreenNow(report)
        html += "</section><section><h2>Kiosk</h2><table>" + kioskRows(report)
        html += "</table></section><section><h2>Channels</h2>"
        for channel in report.snapshot.channels { html += channelTable(channel) }
        html += "</section><section><h2>Played today</h2><table>" + playedTodayRows(report)
        html += "</table></section><section><h2>Log</h2><pre>"
        html += report.logs.reversed().map(escape).joined(separator: "\n")
        html +=
            "</pre></section><footer>Skylt \(escape(report.snapshot.version)) · <a href=\"/api/status\">JSON</a> · <a href=\"/metrics\">metrics</a></footer></body></html>\n"
        return html
    }

    /// The screenshot, while the screen is on, and what is showing and why.
    static func onScreenNow(_ report: StatusReport) -> String {
        var html = ""
        if report.snapshot.display == "on" {
            html += "<img src=\"/screenshot.png\" alt=\"The frame on screen now\" width=\"640\" height=\"360\">"
        }
        let showing = report.snapshot.showing
        let what =
            showing.slide.map { "\(showing.channel ?? "")/\($0)" + (showing.language.map { " (\($0))" } ?? "") }
            ?? "no slide"
        html += "<table>" + row("Showing", what) + row("Why", showing.reason) + row("Since", showing.since)
        html += row("Next", report.next ?? "–") + "</table>"
        return html
    }

    static func kioskRows(_ report: StatusReport) -> String {
        var html =
            row("Name", report.snapshot.kioskName) + row("Id", report.snapshot.kioskID)
            + row("Version", report.snapshot.version)
        html += row("Uptime", duration(report.uptimeSeconds)) + row("Time zone", report.snapshot.timeZone)
        html += row(
            "Clock",
            report.snapshot.clockTrusted ? "trusted" : "untrusted: earlier than \(report.snapshot.clockReason)",
            bad: !report.snapshot.clockTrusted)
        html += row("Addresses", report.addresses.isEmpty ? "–" : report.addresses.joined(separator: ", "))
        html += row("Cache", bytes(report.cacheBytes)) + row("Free disk", bytes(report.freeDiskBytes))
        html +=
            row("Slides shown", String(report.slidesShown)) + row("Missed deadlines", String(report.missedDeadlines))
        return html
    }

    /// One channel's heading and table; a local folder has no sync state to show.
    static func channelTable(_ channel: ChannelState) -> String {
        var html = "<h3>\(escape(channel.name))</h3><table>"
        html += row("Source", channel.source)
        guard channel.kind == .bundle else {
            html += row("Kind", "local folder, read at start and on SIGHUP; nothing to sync")
            html += "</table>"
            return html
        }
        html += row(
            "Version",
            channel.version.map { "v\($0)" + (channel.ageSeconds.map { ", published \(duration($0)) ago" } ?? "") }
                ?? "none yet")
        html += row(
            "Last good sync", channel.lastSuccess.map(ISO8601.format) ?? "never",
            bad: channel.lastSuccess == nil && channel.failures > 0)
        html += row("Last error", channel.lastError ?? "none", bad: channel.lastError != nil)
        html += row("Next poll", channel.nextPoll.map(ISO8601.format) ?? "–")
        html += row("Manifest", channel.stale ? "expired: stale, still playing" : "current", bad: channel.stale)
        html += row(
            "Cached files",
            channel.cacheMatches.map { $0 ? "match their hashes" : "DAMAGED: do not match their hashes" } ?? "–",
            bad: channel.cacheMatches == false)
        html += "</table>"
        return html
    }

    static func playedTodayRows(_ report: StatusReport) -> String {
        var html = ""
        for total in report.playsToday {
            html +=
                "<tr><th>\(escape(total.channel))/\(escape(total.slide))</th><td>\(total.plays) × · \(Int(total.seconds)) s</td></tr>"
        }
        if report.playsToday.isEmpty { html += "<tr><td>nothing yet</td></tr>" }
        return html
    }

    static let css = """
        body { font: 16px/1.4 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 0.5rem; color: #111; background: #fafafa; }
        h1 { font-size: 1.5rem; margin: 0.3rem 0; }
        h2 { font-size: 1.15rem; border-bottom: 2px solid #14342b; margin-top: 1.2rem; }
        h3 { font-size: 1rem; margin: 0.8rem 0 0.2rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.4rem; border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }
        th { width: 35%; font-weight: 600; }
        img { width: 100%; height: auto; border: 1px solid #999; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.8rem; background: #fff; border: 1px solid #ddd; padding: 0.4rem; max-height: 30rem; overflow: auto; }
        .ok { color: #0a6b2d; font-weight: 600; }
        .bad { color: #9b1c1c; font-weight: 600; }
        footer { margin: 1rem 0; font-size: 0.85rem; }
        """
}
