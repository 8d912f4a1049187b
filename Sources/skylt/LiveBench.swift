import FoundationEssentials
@preconcurrency import Glibc
import SkyltCLI
import SkyltCompose
import SkyltCore

/// `skylt bench live`: what a data slide costs the kiosk, which composes it again at each
/// minute while it shows. Each data template is composed once a simulated minute for an hour
/// at 1920x1080; the figures are the process's CPU time per composition and per hour.
enum LiveBench {
    /// The simulated hour starts here: Saturday 5 December 2026, 10:00 UTC+1.
    static let start = Date(timeIntervalSince1970: 1_796_461_200)

    static func run() -> Int32 {
        Console.out("skylt \(SkyltVersion.string) bench live: data slides at 1920x1080, once a minute for 60 minutes")
        let composer = SlideComposer(profile: .standard)
        var failed = 0
        for (name, content) in [("departures", departures), ("weather", weather)] {
            if !measure(name, content, with: composer) { failed += 1 }
        }
        return failed == 0 ? 0 : 1
    }

    /// Measures one template; false, with its error, when it cannot be composed.
    private static func measure(_ name: String, _ content: (Date) -> SlideContent, with composer: SlideComposer)
        -> Bool
    {
        var seconds: [Double] = []
        for minute in 0..<60 {
            let now = start.addingTimeInterval(Double(minute) * 60)
            let slide = ProgramSlide(
                slide: Slide(id: "bench-\(name)", durationSeconds: 3600, content: content(now)), channel: "bench",
                defaultLanguage: "sv", theme: .standard, timeZone: Zone(identifier: "Europe/Stockholm") ?? .current)
            let before = cpuSeconds()
            do {
                _ = try composer.compose(slide, language: "sv", at: now)
            } catch {
                Console.out("\(name): FAILED at minute \(minute): \(error)")
                return false
            }
            seconds.append(cpuSeconds() - before)
        }
        let sorted = seconds.sorted()
        let perHour = seconds.reduce(0, +)
        Console.out(
            "\(name): \(seconds.count) compositions, CPU per composition median "
                + "\(NumberText.fixed(sorted[sorted.count / 2] * 1000, decimals: 1)) ms, max "
                + "\(NumberText.fixed(sorted.last! * 1000, decimals: 1)) ms; "
                + "\(NumberText.fixed(perHour, decimals: 2)) CPU s per hour shown")
        return true
    }

    /// The process's CPU time so far, user and system, in seconds.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Ten departures, one every six minutes from `now`, fetched at `now`, as the feeds service
    /// keeps a board fresh.
    private static func departures(at now: Date) -> SlideContent {
        let lines = ["4", "12", "4", "215", "12", "4", "12", "215", "4", "12"]
        return .departures(
            DepartureBoard(
                title: LocalizedText(["sv": "Bussar från torget", "en": "Buses from the square"]), fetched: now,
                departures: lines.enumerated().map { index, line in
                    Departure(
                        line: line, destination: index % 2 == 0 ? "Växjö via Lidhult" : "Ljungby resecentrum",
                        scheduled: now.addingTimeInterval(Double(index + 1) * 360),
                        expected: index == 2 ? now.addingTimeInterval(1140) : nil, cancelled: index == 5,
                        platform: index % 3 == 0 ? "A" : "B", mode: .bus)
                }, source: "Data: Trafiklab.se"))
    }

    /// Eight periods of three hours from the start, the forecast fetched at the start.
    private static func weather(at now: Date) -> SlideContent {
        .weather(
            Forecast(
                place: LocalizedText(["sv": "Lidhult"]), fetched: start,
                periods: (0..<8).map { index in
                    WeatherPeriod(
                        time: start.addingTimeInterval(Double(index) * 3 * 3600), symbol: [3, 6, 15, 25][index % 4],
                        temperature: -3 + Double(index) / 2, wind: 4.5, precipitation: index % 3 == 0 ? 0.4 : 0)
                }, source: "SMHI"))
    }
}
