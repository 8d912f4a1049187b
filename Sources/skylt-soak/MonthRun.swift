import Foundation
import SkyltBundle
import SkyltCore
import SkyltPlayer
import SkyltStatus
import SkyltSync
import SkyltTestSupport

/// One simulated month: the publisher's side (a signed site on the fault-injecting server),
/// the kiosk, and the driver that follows the plan on its own clock: new versions, network
/// outages, status requests, and a sample of the process's figures each simulated day.
/// Unchecked: what changes after `init` is changed by the driver's thread alone, and read by
/// others only after `waitForDriver()`.
final class MonthRun: @unchecked Sendable {
    /// A sample taken at the end of a simulated day.
    struct DaySample {
        var day: Int
        var figures: ProcessFigures
        var counts: MonthObserver.Counts
    }

    let plan: MonthPlan
    let work = TemporaryFolder()
    let secret: SecretKey
    let server: FaultyHTTPServer
    let time = SimulatedTime(start: Repository.demoDate)
    let kiosk: MonthKiosk
    let driverClock: SimulatedTime.Clock
    private let finished = DispatchSemaphore(value: 0)
    private let demo: [String: Any]
    private var version = 0
    private(set) var samples: [DaySample] = []
    private(set) var statusAnswers = 0
    private(set) var statusFailures: [String] = []
    private(set) var lastReport: StatusReport?
    private var wallStart = Date()

    init(plan: MonthPlan, width: Int, height: Int) throws {
        self.plan = plan
        let publicKey: PublicKey
        (secret, publicKey) = SecretKey.generate()
        work.copy(Repository.demoPlaylist, as: "source")
        let playlist = try Data(contentsOf: Repository.demoPlaylist.appendingPathComponent(Playlist.fileName))
        demo = try JSONSerialization.jsonObject(with: playlist) as? [String: Any] ?? [:]
        try FileManager.default.createDirectory(at: work.file("site"), withIntermediateDirectories: true)
        server = try FaultyHTTPServer(root: work.file("site"))
        var config = KioskConfig.demo(folder: work.file("source"))
        var channel = ChannelConfig(
            name: "demo", source: .bundle(url: server.baseURL + "/manifest.json", keys: [publicKey.base64]))
        channel.pollSeconds = 60
        config.channels = [channel]
        config.cacheDirectory = work.file("cache")
        config.stateDirectory = work.file("state")
        config.diskReserveBytes = 0
        // A shop's day: the screen is dark from closing to opening, as on a real kiosk.
        if let open = TimeOfDay("10:00"), let close = TimeOfDay("17:00") {
            let day = [DailyWindow(from: open, to: close)]
            config.openingHours = OpeningHours(
                weekly: Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, day) }))
        }
        kiosk = MonthKiosk(config: config, time: time, width: width, height: height)
        driverClock = time.join()
        try publish()
        Thread { [self] in drive() }.start()
    }

    func waitForDriver() { finished.wait() }

    /// Follows the plan until its end, then stops the play loop.
    private func drive() {
        // The first request once the loop has played: before its first frame it is "starting".
        var nextStatus = plan.tick
        var nextDay = MonthPlan.day
        var nextPublish = plan.publishEvery
        while driverClock.now < plan.seconds {
            let now = driverClock.now
            server.setOffline(!plan.online(at: now))
            if now >= nextDay {
                sample(day: Int((now / MonthPlan.day).rounded()))
                nextDay += MonthPlan.day
            }
            if now >= nextPublish {
                if plan.online(at: now) { try? publish() }
                nextPublish += plan.publishEvery
            }
            if now >= nextStatus {
                askStatus()
                // The server keeps a log of requests for tests: emptied, so it is not what grows.
                _ = server.takeRequests()
                nextStatus += plan.statusEvery
            }
            driverClock.sleep(until: now + plan.tick)
        }
        sample(day: Int((plan.seconds / MonthPlan.day).rounded()))
        askStatus()
        kiosk.loop.requestStop()
        driverClock.leave()
        finished.signal()
    }

    /// Publishes the next version: the demo playlist and a notice of its own that arrives a
    /// quarter of the way to the next version and expires at three quarters; every other
    /// one is urgent, so its arrival cuts the slide on screen short.
    private func publish() throws {
        version += 1
        let from = time.date.addingTimeInterval(plan.publishEvery * 0.25)
        let until = time.date.addingTimeInterval(plan.publishEvery * 0.75)
        var notice: [String: Any] = [
            "id": "nyhet-\(version)", "template": "notice", "duration": 10,
            "schedule": ["validFrom": ISO8601.format(from), "validUntil": ISO8601.format(until)],
            "title": ["sv": "Nyhet nummer \(version)", "en": "News number \(version)"],
            "body": ["sv": "Gäller en kort tid.", "en": "Valid for a short while."],
        ]
        if version % 2 == 1 { notice["priority"] = "urgent" }
        var playlist = demo
        playlist["slides"] = (demo["slides"] as? [Any] ?? []) + [notice]
        let data = try JSONSerialization.data(withJSONObject: playlist)
        try data.write(to: work.file("source").appendingPathComponent(Playlist.fileName))
        _ = try BundleWriter.publish(
            source: work.file("source"), key: secret, out: work.file("site"),
            options: .init(channel: "demo", expiryDays: plan.expiryDays, now: time.date)
        ) { _ in }
    }

    /// Asks the status page for /healthz and /api/status, as a technician's phone would.
    private func askStatus() {
        let client = HTTPClient()
        let base = "http://127.0.0.1:\(kiosk.status.port)"
        do {
            let health = try client.get(HTTPRequest(url: base + "/healthz", limits: TransferLimits(maxBytes: 1 << 16)))
            if health.status != 200 { statusFailures.append("/healthz answered \(health.status)") }
            let answer = try client.get(
                HTTPRequest(url: base + "/api/status", limits: TransferLimits(maxBytes: 1 << 20)))
            lastReport = try JSONDecoder().decode(StatusReport.self, from: answer.body)
            statusAnswers += 1
        } catch {
            statusFailures.append("the status page: \(error)")
        }
    }

    private func sample(day: Int) {
        let sample = DaySample(day: day, figures: .current(), counts: kiosk.observer.current)
        let before = samples.last?.counts ?? MonthObserver.Counts()
        let channel = kiosk.sync.channelStates(now: time.date).first
        samples.append(sample)
        say(
            "day \(day): \(sample.figures.description); \(sample.counts.switches - before.switches) switches, "
                + "\(sample.counts.missed) missed deadlines in all; v\(channel?.version ?? 0), "
                + "\(channel?.successes ?? 0) good and \(channel?.failures ?? 0) failed syncs, "
                + (plan.online(at: time.now) ? "online" : "offline") + ((channel?.stale ?? false) ? ", stale" : "")
                + String(format: "; %.1f s of wall time", Date().timeIntervalSince(wallStart)))
        wallStart = Date()
    }
}
