import Foundation
import SkyltBundle
import SkyltCompose
import SkyltCore
import SkyltKiosk
import SkyltPlayer
import SkyltStatus
import SkyltSync
import SkyltTestSupport

/// A kiosk wired as `skylt run` wires one, on simulated time: the real play loop (through its
/// public API and observers), sync service and status server, each loop on its own clock of
/// one `SimulatedTime`. The screen is offscreen and may be smaller than the kiosk's, to keep
/// a month of composition short (the layout keeps the display's physical size, so below
/// 1280x720 the demo's QR codes no longer fit and their slides are skipped).
final class MonthKiosk {
    let time: SimulatedTime
    let playClock: SimulatedTime.Clock
    let syncClock: SimulatedTime.Clock
    let store = ProgramStore()
    let hub = StatusHub()
    let log = CountingLogHandler()
    let observer = MonthObserver()
    let loop: PlayLoop
    let sync: SyncService
    let status: StatusServer

    init(config: KioskConfig, time: SimulatedTime, width: Int, height: Int) {
        self.time = time
        playClock = time.join()
        syncClock = time.join()
        let logger = Logger(MultiplexLogHandler([log, hub]))
        let kiosk = Kiosk(config: config, logger: logger)
        let (store, playClock) = (store, playClock)
        sync = SyncService(config: config, clock: syncClock, logger: logger, current: { store.current().program }) {
            store.replace(with: $0)
            playClock.wake()
        }
        var options = PlayerOptions(kioskName: config.name, languages: config.languages)
        // Simulated time has no frames in between: the crossfade would only add sleeps.
        options.crossfadeSeconds = 0
        // No heartbeat wakes between switches: on simulated time they would only cost wall time.
        options.heartbeatSeconds = nil
        loop = PlayLoop(
            screen: OffscreenScreen(width: width, height: height),
            composer: kiosk.composer(width: width, height: height), store: store, clock: playClock,
            options: options, planner: kiosk.planner, logger: logger)
        let sync = sync
        let facts = StatusReporter.Facts(
            kioskID: config.id, kioskName: config.name, timeZone: config.timeZone, clockTrust: options.clockTrust,
            channels: { sync.channelStates(now: time.date) })
        loop.add(StatusReporter(facts: facts, folder: nil, hub: hub, notifier: Notifier(), logger: logger))
        loop.add(observer)
        var settings = StatusSettings(token: "month-simulation-token")
        settings.address = "127.0.0.1"
        settings.port = 0
        var sources = StatusSources(hub: hub)
        sources.channels = { sync.channelStates(now: time.date) }
        status = StatusServer(settings: settings, sources: sources, logger: logger)
    }

    /// Plays on the calling thread until `loop.requestStop()`; the sync service and status
    /// server run beside it and are stopped after it.
    func play() throws {
        try status.start()
        sync.start()
        loop.run()
        playClock.leave()
        sync.stop()
        syncClock.leave()
        status.stop()
    }
}
