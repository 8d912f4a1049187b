import FoundationEssentials
import SkyltCLI
import SkyltCore

/// `skylt report`: proof of play for a shop owner or an advertiser.
enum ReportCommand {
    static let help = """
        Usage: skylt report [--config FILE] [--day YYYY-MM-DD] [--json]

        Summarises one day of the play log (default: today in the kiosk's time zone): how often
        each slide was shown and for how many seconds, per channel, with totals. The log is
        kept in the config's stateDirectory as plays-YYYY-MM-DD.jsonl, one JSON line per play
        ({"channel", "slide", "start", "seconds"}); files are capped at 8 MiB a day and kept
        for 90 days.

        Options:
          --config FILE      the kiosk's config (default /etc/skylt/config.json, or the demo's)
          --day YYYY-MM-DD   the day to report
          --json             one JSON object per slide instead of a table
          -h, --help         show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--config", "--day"], switches: ["--json"])
        guard arguments.positional.isEmpty else { throw UsageError("report takes no positional arguments") }
        guard let config = CommandConfig.load(path: arguments.values["--config"]) else { return 1 }
        let log = PlayLog(folder: config.stateDirectory, timeZone: config.timeZone)
        let day = arguments.values["--day"] ?? log.dayKey(Date())
        guard day.count == 10, (try? Date(day + "T12:00:00Z", strategy: .iso8601)) != nil else {
            throw UsageError("--day takes a date such as 2026-12-24, not '\(day)'")
        }
        let totals: [PlayLogFiles.Total]
        let bad: Int
        do {
            (totals, bad) = try log.totals(day: day)
        } catch {
            Console.error("\(log.file(for: day).path): no play log for \(day) (\(FileProblem.describe(error)))")
            return 1
        }
        if bad > 0 { Console.error("\(log.file(for: day).path): \(bad) line\(bad == 1 ? "" : "s") could not be read") }
        if arguments.has("--json") {
            for total in totals {
                Console.out(
                    #"{"channel":"\#(total.channel)","slide":"\#(total.slide)","plays":\#(total.plays),"seconds":\#(Int(total.seconds.rounded()))}"#
                )
            }
            return 0
        }
        Console.out("Plays on \(day) at \(config.name) (\(config.timeZone.identifier))")
        Console.out(row("channel", "slide", "plays", "seconds"))
        var channelTotals: [String: (Int, Double)] = [:]
        for total in totals {
            Console.out(
                row(total.channel, total.slide, String(total.plays), NumberText.fixed(total.seconds, decimals: 0)))
            let sum = channelTotals[total.channel] ?? (0, 0)
            channelTotals[total.channel] = (sum.0 + total.plays, sum.1 + total.seconds)
        }
        Console.out("")
        for (channel, sum) in channelTotals.sorted(by: { $0.key < $1.key }) {
            Console.out(row(channel, "(all slides)", String(sum.0), NumberText.fixed(sum.1, decimals: 0)))
        }
        let all = totals.reduce((0, 0.0)) { ($0.0 + $1.plays, $0.1 + $1.seconds) }
        Console.out(row("total", "", String(all.0), NumberText.fixed(all.1, decimals: 0)))
        return 0
    }

    /// One line of the table: channel and slide left-aligned, the numbers right-aligned.
    private static func row(_ channel: String, _ slide: String, _ plays: String, _ seconds: String) -> String {
        "\(channel.padded(to: 16)) \(slide.padded(to: 28)) \(plays.padded(left: 6)) \(seconds.padded(left: 9))"
    }
}
