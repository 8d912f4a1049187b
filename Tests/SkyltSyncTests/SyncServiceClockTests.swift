import Foundation
import SkyltBundle
import SkyltCore
import SkyltSync
import SkyltTestSupport
import Testing

/// The sync service lives on its injected clock: what it polls when, and whether a manifest
/// has expired, are both read from it, so that a simulated month or a test on another date
/// sees the same kiosk as the wall clock would on that date.
@Suite("Sync service: expiry on the service's clock", .timeLimit(.minutes(5)))
struct SyncServiceClockTests {
    @Test("a manifest that expired by the service's clock is refused, though the wall clock has it valid")
    func expiryByServiceClock() throws {
        let fixture = BundleFixture()
        try fixture.publish(expiryDays: 1)
        let server = try FaultyHTTPServer(root: fixture.bundle)
        defer { server.stop() }
        let cache = TemporaryFolder()
        let clock = SteppedClock(start: Date().addingTimeInterval(2 * 86400))
        let service = SyncService(config: fixture.config(baseURL: server.baseURL, cache: cache.url), clock: clock) {
            _ in
        }
        defer { service.stop() }
        service.start()
        #expect(clock.waitUntilAsleep(sleeps: 1))
        let state = try #require(service.channelStates(now: clock.date).first)
        #expect(state.version == nil)
        #expect(state.failures == 1)
        #expect(state.lastError?.contains("the manifest expired at") == true, "\(state.lastError ?? "no error")")
    }
}
