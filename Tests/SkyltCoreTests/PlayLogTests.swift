import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// Proof of play on disk: one file per local day, a size cap per file, and a bounded number of days.
@Suite struct PlayLogTests {
    func files(in folder: TemporaryFolder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? [])
            .filter { $0.hasPrefix("plays-") }.sorted()
    }

    @Test("plays either side of local midnight go to two days' files, by Stockholm's clock, not UTC's")
    func rotatesAtLocalMidnight() throws {
        let folder = TemporaryFolder()
        let log = PlayLog(folder: folder.url, timeZone: PlanFixtures.stockholm)
        // 23:59 and 00:01 in Stockholm are 22:59 and 23:01 UTC: one UTC day, two local days.
        log.append(slide: "a", channel: "kommun", start: PlanFixtures.at("2026-12-05T23:59"), seconds: 10)
        log.append(slide: "b", channel: "kommun", start: PlanFixtures.at("2026-12-06T00:01"), seconds: 12)
        #expect(files(in: folder) == ["plays-2026-12-05.jsonl", "plays-2026-12-06.jsonl"])
        let saturday = try log.totals(day: "2026-12-05")
        let sunday = try log.totals(day: "2026-12-06")
        #expect(saturday.totals.map(\.slide) == ["a"] && saturday.badLines == 0)
        #expect(sunday.totals.map(\.slide) == ["b"] && sunday.totals.first?.seconds == 12)
    }

    @Test("a day's file stops growing at its cap, and the player goes on")
    func capped() throws {
        let folder = TemporaryFolder()
        let cap = 1000
        let log = PlayLog(folder: folder.url, timeZone: PlanFixtures.stockholm, maxFileBytes: cap)
        let start = PlanFixtures.at("2026-12-05T10:00")
        for index in 0..<100 {
            log.append(
                slide: "s\(index)", channel: "butiken", start: start.addingTimeInterval(Double(index)), seconds: 1)
        }
        let file = folder.file("plays-2026-12-05.jsonl")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        // Appends stop once the file has reached the cap: at most one line past it.
        let line = try Data(contentsOf: file).split(separator: 0x0A).first?.count ?? 0
        #expect(size >= cap && size <= cap + line + 1)
        let (totals, bad) = try log.totals(day: "2026-12-05")
        #expect(bad == 0)
        #expect(totals.count < 100 && totals.count >= cap / (line + 1))
        // The next day starts a file of its own.
        log.append(slide: "next", channel: "butiken", start: PlanFixtures.at("2026-12-06T10:00"), seconds: 1)
        #expect(try log.totals(day: "2026-12-06").totals.map(\.slide) == ["next"])
    }

    @Test("only the latest days are kept; older files go when a new day starts")
    func keepsDays() throws {
        let folder = TemporaryFolder()
        let log = PlayLog(folder: folder.url, timeZone: PlanFixtures.stockholm, keepDays: 3)
        for day in 1...6 {
            let date = PlanFixtures.at(String(format: "2026-12-%02dT12:00", day))
            log.append(slide: "a", channel: "kommun", start: date, seconds: 5)
            log.append(slide: "b", channel: "kommun", start: date.addingTimeInterval(5), seconds: 5)
        }
        #expect(files(in: folder) == ["plays-2026-12-04.jsonl", "plays-2026-12-05.jsonl", "plays-2026-12-06.jsonl"])
        #expect(try log.totals(day: "2026-12-06").totals.map(\.plays) == [1, 1])
    }
}
