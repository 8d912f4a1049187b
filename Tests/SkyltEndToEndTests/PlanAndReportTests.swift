import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("skylt plan and skylt report", .serialized, .timeLimit(.minutes(10)))
struct PlanAndReportTests {
    let skylt = Repository.skyltBinary.path

    struct Line: Decodable {
        var start: String
        var end: String
        var slide: String?
        var channel: String?
        var language: String?
        var urgent: Bool
        var reason: String
    }

    func plan(_ arguments: [String]) throws -> (ExternalTool.Result, [Line]) {
        let result = try ExternalTool.run([skylt, "plan"] + arguments)
        let lines = try result.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Line.self, from: Data($0.utf8))
        }
        return (result, lines)
    }

    @Test("plan prints one JSON object per slot, from the same planner as the player")
    func dryRun() throws {
        let (result, lines) = try plan([
            Repository.demoPlaylist.path, "--from", "2026-11-30T09:00", "--to", "2026-11-30T10:00",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(lines.count > 100)
        #expect(lines.first?.start == "2026-11-30T09:00:00+01:00")
        #expect(lines.last?.end == "2026-11-30T10:00:00+01:00")
        for (a, b) in zip(lines, lines.dropFirst()) { #expect(a.end == b.start) }
        // The water notice is urgent until 1 December at noon: it takes turns with the other
        // slides, at most half of the hour, and never cuts one short while it stays valid.
        let urgent = lines.filter(\.urgent)
        #expect(urgent.allSatisfy { $0.slide == "vattenavstangning" && $0.reason == "urgent notice" })
        let urgentSeconds = urgent.reduce(0.0) {
            $0 + ISO8601.parse($1.end)!.timeIntervalSince(ISO8601.parse($1.start)!)
        }
        #expect(urgentSeconds >= 0.3 * 3600 && urgentSeconds <= 0.5 * 3600 + 15, "\(urgentSeconds) s")
        #expect(lines.dropLast().allSatisfy { !$0.reason.contains("cut short") })
        #expect(lines.allSatisfy { !$0.reason.isEmpty && $0.channel == "demo" })
        let again = try plan([Repository.demoPlaylist.path, "--from", "2026-11-30T09:00", "--to", "2026-11-30T10:00"])
        #expect(again.0.stdout == result.stdout)
    }

    @Test("--summary agrees with the slots it sums: urgent share and each language's longest wait")
    func summary() throws {
        let window = [Repository.demoPlaylist.path, "--from", "2026-11-30T09:00", "--to", "2026-11-30T12:00"]
        let (_, lines) = try plan(window)
        let result = try ExternalTool.run([skylt, "plan"] + window + ["--summary"])
        #expect(result.status == 0, "\(result.stderr)")
        func seconds(_ line: Line) -> Double {
            ISO8601.parse(line.end)!.timeIntervalSince(ISO8601.parse(line.start)!)
        }
        let slide = lines.filter { $0.slide != nil }.reduce(0) { $0 + seconds($1) }
        let urgent = lines.filter(\.urgent).reduce(0) { $0 + seconds($1) }
        #expect(result.stdout.hasPrefix("open 10800 s, slides \(Int(slide)) s, urgent \(Int(urgent)) s ("))
        // The longest wait of the water notice in Swedish, counted here from the slots: from
        // the end of one showing to the start of the next.
        var last = 0.0
        var longest = 0.0
        var clock = 0.0
        for line in lines {
            if line.slide == "vattenavstangning" && line.language == "sv" {
                longest = max(longest, clock - last)
                last = clock + seconds(line)
            }
            clock += seconds(line)
        }
        longest = max(longest, clock - last)
        #expect(result.stdout.contains("vattenavstangning (urgent): sv \(Int(longest)) s\n"), "\(result.stdout)")
    }

    @Test("what shows on Saturday morning after the market: no notice, no market")
    func saturdayMorning() throws {
        let (result, lines) = try plan([
            Repository.demoPlaylist.path, "--from", "2026-12-19T09:00:00+01:00", "--to", "2026-12-19T09:30:00+01:00",
        ])
        #expect(result.status == 0)
        let slides = Set(lines.compactMap(\.slide))
        #expect(slides == ["vandringsled", "lordagsbrod", "vattarna", "wifi", "luciakonsert"])
    }

    @Test("a kiosk's opening hours darken the plan")
    func openingHours() throws {
        let folder = TemporaryFolder()
        let config = folder.write(
            "config.json",
            #"""
            {"id": "k", "languages": ["sv", "en"], "stateDirectory": "state",
             "openingHours": {"sat": [{"from": "10:00", "to": "14:00"}], "exceptions": [{"date": "2026-12-26", "times": []}]},
             "channels": [{"name": "demo", "folder": "\#(Repository.demoPlaylist.path)"}]}
            """#)
        let (result, lines) = try plan([
            "--config", config.path, "--from", "2026-12-19T08:00", "--to", "2026-12-19T15:00",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(lines.first?.slide == nil && lines.first?.end == "2026-12-19T10:00:00+01:00")
        #expect(lines.last?.slide == nil && lines.last?.start == "2026-12-19T14:00:00+01:00")
        #expect(Set(lines.compactMap(\.language)) == ["sv", "en"])
        let boxing = try plan(["--config", config.path, "--from", "2026-12-26T08:00", "--to", "2026-12-26T20:00"])
        #expect(boxing.1.allSatisfy { $0.slide == nil })
    }

    @Test("plan refuses a wrong time with exit 2")
    func badTime() throws {
        let result = try ExternalTool.run([
            skylt, "plan", Repository.demoPlaylist.path, "--from", "tomorrow", "--to", "2026-12-01",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--from takes a time"))
    }

    @Test("report sums today's play log per slide and channel")
    func report() throws {
        let folder = TemporaryFolder()
        let playlist = PlaylistFixture.make(slides: [
            #"{"id": "one", "template": "notice", "title": "Ett", "body": "Första.", "duration": 2}"#,
            #"{"id": "two", "template": "notice", "title": "Två", "body": "Andra.", "duration": 2}"#,
        ])
        let config = folder.write(
            "config.json",
            #"{"id": "k", "name": "Kiosk", "stateDirectory": "state", "channels": [{"name": "shop", "folder": "\#(playlist.url.path)"}]}"#
        )
        let run = try ExternalTool.run([
            skylt, "run", "--headless", "--config", config.path, "--exit-after", "5", "--screenshot",
            folder.file("s.png").path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let day = PlayLog(folder: folder.file("state"), timeZone: .stockholm).dayKey(
            Date())
        let report = try ExternalTool.run([skylt, "report", "--config", config.path, "--day", day, "--json"])
        #expect(report.status == 0, "\(report.stderr)")
        struct Row: Decodable {
            var channel: String
            var slide: String
            var plays: Int
            var seconds: Int
        }
        let rows = try report.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Row.self, from: Data($0.utf8))
        }
        #expect(Set(rows.map(\.slide)) == ["one", "two"])
        #expect(rows.allSatisfy { $0.channel == "shop" && $0.plays >= 1 })
        #expect((4...6).contains(rows.reduce(0) { $0 + $1.seconds }))
        let table = try ExternalTool.run([skylt, "report", "--config", config.path, "--day", day])
        #expect(table.stdout.contains("shop") && table.stdout.contains("total"))
        // The status snapshot is there for the technician too.
        let status = try Data(contentsOf: folder.file("state/status.json"))
        let snapshot = try JSONDecoder().decode(StatusSnapshot.self, from: status)
        #expect(snapshot.clockTrusted)
        #expect(snapshot.display == "on")
    }

    @Test("a clock earlier than the last time seen is untrusted: dated slides wait, and status.json says why")
    func untrustedClock() throws {
        let playlist = PlaylistFixture.make(slides: [
            #"{"id": "always", "template": "notice", "title": "Öppet", "body": "Välkommen", "duration": 2}"#,
            #"{"id": "dated", "template": "notice", "title": "Nu", "body": "I dag", "duration": 2, "schedule": {"validFrom": "2020-01-01T00:00:00Z"}}"#,
        ])
        let folder = TemporaryFolder()
        let config = KioskConfigFixture.write(in: folder, channel: "shop", playlist: playlist.url)
        // The player last saw a time a year ahead: this clock has gone back.
        try LastSeen.write(Date().addingTimeInterval(365 * 86400), to: folder.file("state"))
        let run = try ExternalTool.run([
            skylt, "run", "--headless", "--config", config.path, "--exit-after", "7", "--screenshot",
            folder.file("s.png").path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("showing shop/always"))
        #expect(!run.stderr.contains("showing shop/dated"), "\(run.stderr)")
        let snapshot = try JSONDecoder().decode(
            StatusSnapshot.self, from: Data(contentsOf: folder.file("state/status.json")))
        #expect(!snapshot.clockTrusted)
        #expect(snapshot.clockReason.contains("last"), "\(snapshot.clockReason)")
    }
}
