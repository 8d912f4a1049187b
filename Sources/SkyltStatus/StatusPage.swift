import FoundationEssentials
import SkyltCore
import SkyltHTTP

/// The technician's page: one HTML document, phone first, readable without JavaScript, that
/// refreshes itself. Everything from outside is escaped; no secret is ever in it.
enum StatusPage {
    static let refreshSeconds = 10

    static func escape(_ text: String) -> String { HTMLEscape.text(text) }

    static func duration(_ seconds: Double) -> String { Health.duration(seconds) }

    static func bytes(_ value: Int64) -> String { Health.bytes(value) }

    /// A time on the kiosk's wall clock, with its offset.
    static func time(_ date: Date, _ zone: Zone) -> String { StatusSnapshot.localTime(date, in: zone) }

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
            """
        let zone = report.snapshot.zone
        html += topLine(report) + "</header><section><h2>On screen now</h2>"
        html += onScreenNow(report, zone)
        html += skippedSlides(report, zone)
        html += staleData(report)
        html += "</section><section><h2>Kiosk</h2><table>" + kioskRows(report, zone)
        html += "</table></section><section><h2>Channels</h2>"
        for channel in report.snapshot.channels { html += channelTable(channel, zone) }
        html += "</section><section><h2>Played today</h2><table>" + playedTodayRows(report)
        html += "</table></section><section><h2>Log</h2><pre>"
        html += report.logs.reversed().map(escape).joined(separator: "\n")
        html +=
            "</pre></section><footer>Skylt \(escape(report.snapshot.version)) · <a href=\"/api/status\">JSON</a> · <a href=\"/metrics\">metrics</a></footer></body></html>\n"
        return html
    }

    /// The first thing on the phone's screen: green only when all is well; otherwise what is
    /// wrong, in plain words, right under it.
    static func topLine(_ report: StatusReport) -> String {
        let health = report.assessedHealth
        let screen = report.snapshot.display == "on" ? "screen on" : "screen off (opening hours)"
        let (style, words) =
            switch health.level {
            case .ok: ("ok", "Playing · \(screen) · all well")
            case .degraded:
                (
                    "warn",
                    "Playing, \(health.problems.count == 1 ? "one problem" : "\(health.problems.count) problems") · \(screen)"
                )
            case .stuck: ("bad", "The player is stuck · \(screen)")
            }
        var html = "<p class=\"health \(style)\">\(escape(words))</p>"
        if !health.problems.isEmpty {
            html += "<ul class=\"problems\">"
            for problem in health.problems { html += "<li>\(escape(problem.text))</li>" }
            html += "</ul>"
        }
        return html
    }

    /// Slides the play loop skipped since the program changed, when there are any.
    static func skippedSlides(_ report: StatusReport, _ zone: Zone) -> String {
        guard let skipped = report.snapshot.skipped, !skipped.isEmpty else { return "" }
        var html = "<h3>Skipped slides</h3><table>"
        for slide in skipped {
            let at = ISO8601.parse(slide.at).map { time($0, zone) } ?? slide.at
            html += row(slide.slide, "\(slide.reason) (last \(at))", bad: true)
        }
        return html + "</table>"
    }

    /// Data slides not shown because their data is too old or over, when there are any: normal
    /// at night (no departures), so a plain list, no problem; it says why the buses are missing.
    static func staleData(_ report: StatusReport) -> String {
        guard let stale = report.snapshot.staleData, !stale.isEmpty else { return "" }
        var html = "<h3>Stale data, not shown</h3><ul class=\"stale\">"
        for slide in stale { html += "<li>\(escape(slide.slide)): \(escape(slide.reason))</li>" }
        return html + "</ul>"
    }

    /// The screenshot, while the screen is on, and what is showing and why.
    static func onScreenNow(_ report: StatusReport, _ zone: Zone) -> String {
        var html = ""
        if report.snapshot.display == "on" {
            html += "<img src=\"/screenshot.png\" alt=\"The frame on screen now\" width=\"640\" height=\"360\">"
        }
        let showing = report.snapshot.showing
        let what =
            showing.slide.map { "\(showing.channel ?? "")/\($0)" + (showing.language.map { " (\($0))" } ?? "") }
            ?? "no slide"
        html +=
            "<table>" + row("Showing", what) + row("Why", showing.reason)
            + row("Since", ISO8601.parse(showing.since).map { time($0, zone) } ?? showing.since)
        html += row("Next", report.next ?? "–") + "</table>"
        return html
    }

    static func kioskRows(_ report: StatusReport, _ zone: Zone) -> String {
        var html =
            row("Name", report.snapshot.kioskName) + row("Id", report.snapshot.kioskID)
            + row("Version", report.snapshot.version)
        html +=
            row("Uptime", duration(report.uptimeSeconds))
            + row("Time zone", "\(zone.identifier), now \(time(Date(), zone))")
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
    static func channelTable(_ channel: ChannelState, _ zone: Zone) -> String {
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
            "Last good sync",
            channel.lastSuccess.map { "\(time($0, zone)) (\(duration(channel.observed.timeIntervalSince($0))) ago)" }
                ?? "never",
            bad: channel.lastSuccess == nil && channel.failures > 0)
        html += row("Last error", channel.lastError ?? "none", bad: channel.lastError != nil)
        html += row("Next poll", channel.nextPoll.map { time($0, zone) } ?? "–")
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
        .warn { color: #7a4100; font-weight: 600; }
        .health { font-size: 1.1rem; margin: 0.3rem 0; padding: 0.4rem 0.6rem; border-left: 0.4rem solid; background: #fff; }
        .problems { margin: 0.2rem 0 0.6rem; padding-left: 1.4rem; color: #7a4100; }
        footer { margin: 1rem 0; font-size: 0.85rem; }
        """
}
