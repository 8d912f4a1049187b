import Foundation
import SkyltBundle
import SkyltCLI
import SkyltCore
import SkyltTestSupport

/// `skylt-soak month`: the demo channel played for a simulated month. Prints memory,
/// open files and threads each simulated day, and at the end whether they stayed flat, the
/// missed deadlines, and what the status page says after the last long outage.
enum MonthSimulation {
    static func main(_ words: [String]) -> Int32 {
        let days: Double
        let maxGrowthMB: Double
        let size: (width: Int, height: Int)
        do throws(UsageError) {
            let arguments = try Arguments(words, valued: ["--days", "--max-growth-mb", "--size"], switches: [])
            size = try arguments.size("--size") ?? (1280, 720)
            days = Double(arguments.values["--days"] ?? "30") ?? 0
            maxGrowthMB = Double(arguments.values["--max-growth-mb"] ?? "2") ?? -1
            guard days >= 2, maxGrowthMB >= 0 else {
                throw UsageError("--days takes 2 or more, --max-growth-mb a size")
            }
        } catch {
            say(error.message)
            return 2
        }
        let started = Date()
        do {
            let run = try MonthRun(plan: MonthPlan(days: days), width: size.width, height: size.height)
            try run.kiosk.play()
            run.waitForDriver()
            let failures = run.verdict(maxGrowthBytes: Int(maxGrowthMB * 1e6))
            say(
                String(
                    format: "month: %.0f simulated days in %.1f s of wall time", days, Date().timeIntervalSince(started)
                ))
            for failure in failures { say("month: FAILED: \(failure)") }
            return failures.isEmpty ? 0 : 1
        } catch {
            say("month: cannot run: \(error)")
            return 2
        }
    }
}
