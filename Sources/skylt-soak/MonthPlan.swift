import Foundation

/// The shape of a simulated month, in fractions of its length, so that a short run (CI's two
/// days) goes through the same events as the full thirty: new versions while online, each with
/// a notice that arrives and expires before the next; the network down for a stretch in the
/// middle and for the last 40 %, long enough for the last version to expire.
struct MonthPlan {
    static let day = 86400.0
    let days: Double

    var seconds: Double { days * Self.day }
    /// Simulated seconds between new versions (two a day in a month).
    var publishEvery: Double { seconds / 60 }
    /// How long a manifest is valid: the last one published expires well before the end.
    var expiryDays: Double { days * 0.2 }
    /// The driver looks at the plan this often.
    let tick = 600.0
    /// The status page is asked this often.
    let statusEvery = 3600.0

    /// When the network is down.
    var outages: [Range<Double>] { [seconds * 0.3..<seconds * 0.4, seconds * 0.6..<seconds * 2] }

    func online(at time: Double) -> Bool { !outages.contains { $0.contains(time) } }

    /// The start of the last outage: the kiosk has been offline since then at the end.
    var offlineSince: Double { seconds * 0.6 }
}
