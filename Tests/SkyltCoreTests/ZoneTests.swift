import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// Zones from Debian's ICU, and the civil-time arithmetic on them, across Stockholm's 2026
/// daylight-saving changes (29 March and 25 October, both at 01:00 UTC), checked against
/// Foundation's own `TimeZone` and `Calendar` (another ICU, another implementation).
@Suite struct ZoneTests {
    static let stockholm = Zone(identifier: "Europe/Stockholm")!

    static func date(_ text: String) -> Date { ISO8601.parse(text)! }

    @Test("an unknown or empty identifier is refused; tz names and fixed offsets are taken")
    func identifiers() {
        #expect(Zone(identifier: "Europe/Stokholm") == nil)
        #expect(Zone(identifier: "Mars/Olympus_Mons") == nil)
        #expect(Zone(identifier: "") == nil)
        #expect(Zone(identifier: "Etc/Unknown") == nil)
        #expect(Zone(identifier: "Europe/Stockholm")?.identifier == "Europe/Stockholm")
        #expect(Zone(identifier: "America/New_York") != nil)
        #expect(Zone(identifier: "GMT+01:00")?.secondsFromGMT(for: Self.date("2026-07-01T00:00:00Z")) == 3600)
    }

    @Test("Stockholm's offset on both sides of the 2026 changes")
    func offsets() {
        let zone = Self.stockholm
        #expect(zone.secondsFromGMT(for: Self.date("2026-03-29T00:59:59Z")) == 3600)
        #expect(zone.secondsFromGMT(for: Self.date("2026-03-29T01:00:00Z")) == 7200)
        #expect(zone.secondsFromGMT(for: Self.date("2026-10-25T00:59:59Z")) == 7200)
        #expect(zone.secondsFromGMT(for: Self.date("2026-10-25T01:00:00Z")) == 3600)
    }

    @Test("02:30 on 29 March does not exist: it resolves to 03:00 summer time, the end of the gap")
    func gap() {
        let zone = Self.stockholm
        let gap = CivilTime(year: 2026, month: 3, day: 29, hour: 2, minute: 30)
        #expect(zone.date(gap) == Self.date("2026-03-29T03:00:00+02:00"))
        #expect(zone.date(CivilTime(year: 2026, month: 3, day: 29, hour: 2)) == Self.date("2026-03-29T01:00:00Z"))
        #expect(
            zone.date(CivilTime(year: 2026, month: 3, day: 29, hour: 1, minute: 59))
                == Self.date("2026-03-29T00:59:00Z"))
        #expect(
            zone.date(CivilTime(year: 2026, month: 3, day: 29, hour: 3, minute: 30))
                == Self.date("2026-03-29T01:30:00Z"))
        let local = LocalTime(timeZone: zone)
        let sunday = local.startOfDay(Self.date("2026-03-29T12:00:00+02:00"))
        #expect(local.instant(TimeOfDay("02:30")!, on: sunday) == Self.date("2026-03-29T03:00:00+02:00"))
    }

    @Test("02:30 on 25 October happens twice: the first, in summer time, is taken")
    func overlap() {
        let reading = CivilTime(year: 2026, month: 10, day: 25, hour: 2, minute: 30)
        #expect(Self.stockholm.date(reading) == Self.date("2026-10-25T02:30:00+02:00"))
        #expect(Self.stockholm.civil(Self.date("2026-10-25T02:30:00+01:00")) == reading)
    }

    @Test("start of day, weekday and adding days across the changes: 23- and 25-hour days")
    func days() {
        let zone = Self.stockholm
        let march = zone.startOfDay(Self.date("2026-03-29T12:00:00+02:00"))
        #expect(march == Self.date("2026-03-29T00:00:00+01:00"))
        #expect(zone.addingDays(1, to: march) == Self.date("2026-03-30T00:00:00+02:00"))
        #expect(zone.addingDays(1, to: march).timeIntervalSince(march) == 23 * 3600)
        #expect(zone.civil(march).weekday == .sun)
        #expect(zone.civil(zone.addingDays(1, to: march)).weekday == .mon)
        let october = zone.startOfDay(Self.date("2026-10-25T23:59:00+01:00"))
        #expect(october == Self.date("2026-10-25T00:00:00+02:00"))
        #expect(zone.addingDays(1, to: october).timeIntervalSince(october) == 25 * 3600)
        #expect(zone.addingDays(-1, to: october) == Self.date("2026-10-24T00:00:00+02:00"))
        // 23:30 UTC on Saturday 28 March is already Sunday in Stockholm.
        #expect(zone.civil(Self.date("2026-03-28T23:30:00Z")).weekday == .sun)
        #expect(zone.isSameDay(Self.date("2026-03-28T23:30:00Z"), Self.date("2026-03-29T21:59:00Z")))
        #expect(!zone.isSameDay(Self.date("2026-03-29T21:59:00Z"), Self.date("2026-03-29T22:00:00Z")))
    }

    @Test("fields out of range carry over as on paper")
    func carrying() {
        #expect(CivilTime(year: 2026, month: 1, day: 32).normalized == CivilTime(year: 2026, month: 2, day: 1))
        #expect(CivilTime(year: 2026, month: 13, day: 1).normalized == CivilTime(year: 2027, month: 1, day: 1))
        #expect(CivilTime(year: 2028, month: 3, day: 0).normalized == CivilTime(year: 2028, month: 2, day: 29))
        #expect(
            CivilTime(year: 2026, month: 12, day: 31, hour: 24).normalized == CivilTime(year: 2027, month: 1, day: 1))
        #expect(CivilTime(year: 1969, month: 12, day: 31, hour: 23, minute: 5).description == "1969-12-31 23:05:00")
    }

    @Test(
        "offsets, local fields and their instants agree with Foundation's TimeZone every 5 hours 7 minutes of 2026",
        arguments: ["Europe/Stockholm", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham"])
    func foundation(_ identifier: String) throws {
        let zone = try #require(Zone(identifier: identifier))
        let timeZone = try #require(TimeZone(identifier: identifier))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var instant = Self.date("2025-12-31T00:00:00Z")
        while instant < Self.date("2027-01-02T00:00:00Z") {
            #expect(zone.secondsFromGMT(for: instant) == timeZone.secondsFromGMT(for: instant), "\(instant)")
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second, .weekday], from: instant)
            let reading = zone.civil(instant)
            #expect(
                [reading.year, reading.month, reading.day, reading.hour, reading.minute, reading.second]
                    == [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second], "\(instant)")
            #expect(Weekday.allCases.firstIndex(of: reading.weekday)! == (parts.weekday! + 5) % 7, "\(instant)")
            // Away from a change, a reading names one instant: the one it was read from.
            let steady =
                timeZone.secondsFromGMT(for: instant - 3 * 3600) == timeZone.secondsFromGMT(for: instant + 3 * 3600)
            if steady { #expect(zone.date(reading) == instant, "\(instant)") }
            instant += 5 * 3600 + 7 * 60
        }
    }

    @Test("a config or playlist naming an unknown zone is refused on its file and field")
    func unknownZoneInFiles() throws {
        let folder = TemporaryFolder()
        let file = folder.write("config.json", #"{"id": "k", "timeZone": "Europe/Stokholm", "channels": []}"#)
        #expect {
            try KioskConfig.load(from: file)
        } throws: { error in
            (error as? ProblemList)?.problems.contains {
                $0.file.hasSuffix("config.json") && $0.field == "timeZone" && $0.message.contains("'Europe/Stokholm'")
            } == true
        }
        let playlist = PlaylistFixture.make(
            slides: [#"{"id": "a", "template": "notice", "title": "T", "body": "B"}"#],
            extra: #""timeZone": "Mars/Olympus","#)
        let problem = try #require(PlaylistReader.read(folder: playlist.url).problems.first)
        #expect(problem.file.hasSuffix("playlist.json"))
        #expect(problem.field == "timeZone")
        #expect(problem.message.contains("'Mars/Olympus' is not a time zone"))
    }
}
