import Foundation
import SkyltCore
import SkyltStatus
import SkyltTestSupport

extension MonthRun {
    /// Prints the month's figures and returns what failed: private memory that grew more
    /// than `maxGrowthBytes` after the first day, open files or threads that grew, a missed
    /// deadline, a status request that failed, and at the end (after the last outage) a kiosk
    /// that no longer plays or does not say that its content is stale, with its age.
    func verdict(maxGrowthBytes: Int) -> [String] {
        guard samples.count >= 2, let first = samples.first, let last = samples.last else {
            return ["fewer than two days were sampled"]
        }
        var failures: [String] = []
        // Private memory: resident memory also counts pages mapped from files, which the
        // kernel drops and reads again as other processes need RAM; a leak is in what is written.
        let growth = last.figures.privateBytes - first.figures.privateBytes
        say("month: day \(first.day): \(first.figures.description); day \(last.day): \(last.figures.description)")
        say(
            String(format: "month: private memory grew %.2f MB after day %d", Double(growth) / 1e6, first.day)
                + "; \(last.counts.switches) switches, \(last.counts.missed) missed deadlines, "
                + "\(statusAnswers) status requests answered; "
                + String(
                    format: "%.1f s a slide on average", last.counts.slideSeconds / Double(max(1, last.counts.slides))))
        if growth > maxGrowthBytes {
            failures.append(
                String(format: "private memory grew %.2f MB after day %d", Double(growth) / 1e6, first.day))
        }
        if last.figures.openFiles > first.figures.openFiles {
            failures.append("open files grew from \(first.figures.openFiles) to \(last.figures.openFiles)")
        }
        if last.figures.threads > first.figures.threads {
            failures.append("threads grew from \(first.figures.threads) to \(last.figures.threads)")
        }
        if last.counts.missed > 0 { failures.append("\(last.counts.missed) missed deadlines") }
        failures += statusFailures.prefix(5)
        failures += endOfOutage(lastDay: last.counts.slides - samples[samples.count - 2].counts.slides)
        let log = kiosk.log.figures
        say(
            "month: the log had \(log.warnings) warnings and \(log.errors) errors; the last: \(log.last.last ?? "none")"
        )
        return failures
    }

    /// After the last outage: the kiosk still plays, and the status page says stale, with the age.
    private func endOfOutage(lastDay slides: Int) -> [String] {
        var failures: [String] = []
        let offline = plan.seconds - plan.offlineSince
        if slides == 0 { failures.append("no slide played on the last simulated day") }
        guard let channel = lastReport?.snapshot.channels.first else {
            return failures + ["the status page named no channel"]
        }
        let age = channel.ageSeconds ?? 0
        say(
            String(
                format: "month: after %.1f days offline: %d slides played on the last day; /api/status says %@, "
                    + "published %.1f days ago", offline / MonthPlan.day, slides, channel.stale ? "stale" : "current",
                age / MonthPlan.day))
        if !channel.stale { failures.append("after \(offline / MonthPlan.day) days offline the channel is not stale") }
        if age < offline { failures.append("the status page gives the age as \(age) s, less than the outage") }
        return failures
    }
}
