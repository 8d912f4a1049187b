import Foundation
import SkyltBundle
import SkyltCore
import SkyltSync
import SkyltTestSupport
import Synchronization
import Testing

/// The sync service's life cycle and schedule, with time driven by a stepped clock: a poll
/// happens when the clock says so, never after a wait on the wall clock.
@Suite("Sync service: life cycle and schedule", .serialized, .timeLimit(.minutes(5)))
struct SyncServiceTests {
    /// What the service did, in the order it happened, from any thread.
    final class Events: Sendable {
        private let list = Mutex<[String]>([])
        func add(_ event: String) { list.withLock { $0.append(event) } }
        var all: [String] { list.withLock { $0 } }
    }

    /// A published channel, its server, and a service syncing it every 300 s of clock time.
    final class World {
        let fixture = BundleFixture()
        let server: FaultyHTTPServer
        let cache = TemporaryFolder()
        let clock = SteppedClock()
        let events = Events()
        let service: SyncService
        static let pollSeconds = 300.0

        init() throws {
            try fixture.publish()
            server = try FaultyHTTPServer(root: fixture.bundle)
            var config = fixture.config(baseURL: server.baseURL, cache: cache.url)
            config.channels[0].pollSeconds = Self.pollSeconds
            let events = events
            service = SyncService(config: config, clock: clock) { _ in events.add("changed") }
        }

        deinit {
            service.stop()
            server.stop()
        }

        /// Manifest requests since the last call.
        func manifestRequests() -> Int {
            server.takeRequests().filter { $0.path.hasSuffix(Manifest.fileName) }.count
        }
    }

    @Test("the first poll runs at start, the next when the clock reaches the poll interval")
    func schedule() throws {
        let world = try World()
        world.service.start()
        #expect(world.clock.waitUntilAsleep(sleeps: 1))
        #expect(world.manifestRequests() == 1)
        #expect(world.events.all == ["changed"])
        #expect(world.service.channelStates().first?.version == 1)
        // Due again after the poll interval, with at most 10 % jitter.
        let first = try #require(world.clock.deadline)
        #expect((0.9 * World.pollSeconds...1.1 * World.pollSeconds).contains(first))
        world.clock.advance(by: first)
        #expect(world.clock.waitUntilAsleep(sleeps: 2))
        #expect(world.manifestRequests() == 1)
        #expect(world.service.channelStates().first?.successes == 2)
        let second = try #require(world.clock.deadline)
        #expect((0.9 * World.pollSeconds...1.1 * World.pollSeconds).contains(second - first))
        // Nothing changed on the server: no new program.
        #expect(world.events.all == ["changed"])
    }

    @Test("restarted with the source down, a channel shows its cache's version and expiry, and stale once expired")
    func restartOffline() throws {
        let world = try World()
        world.service.start()
        #expect(world.clock.waitUntilAsleep(sleeps: 1))
        world.service.stop()
        world.server.stop()
        var config = world.fixture.config(baseURL: world.server.baseURL, cache: world.cache.url)
        config.channels[0].pollSeconds = World.pollSeconds
        let clock = SteppedClock()
        let restarted = SyncService(config: config, clock: clock) { _ in }
        defer { restarted.stop() }
        restarted.start()
        #expect(clock.waitUntilAsleep(sleeps: 1))
        let now = try #require(restarted.channelStates().first)
        #expect(now.failures == 1 && now.lastSuccess == nil)
        #expect(now.version == 1)
        #expect(!now.stale)
        // The bundle expires 30 days after publication; 40 days on, the cache's content is past it.
        let later = try #require(restarted.channelStates(now: Date().addingTimeInterval(40 * 86400)).first)
        #expect(later.stale)
    }

    @Test("sync now polls at once, without the clock moving")
    func syncNow() throws {
        let world = try World()
        world.service.start()
        #expect(world.clock.waitUntilAsleep(sleeps: 1))
        #expect(world.manifestRequests() == 1)
        world.service.syncNow()
        #expect(world.clock.waitUntilAsleep(sleeps: 2))
        #expect(world.clock.now == 0)
        #expect(world.manifestRequests() == 1)
    }

    @Test("stop() cancels a transfer under way and returns once the sync thread has ended")
    func stopJoins() throws {
        let world = try World()
        world.server.inject("/" + Manifest.fileName, [.hold(afterBytes: 10)])
        world.service.start()
        #expect(world.service.isRunning)
        // The manifest is half sent and the server holds the rest: only a cancel ends the
        // transfer before its 30 s stall limit.
        #expect(Poll.until { world.server.heldTransfers == 1 })
        world.service.stop()
        world.events.add("stopped, running: \(world.service.isRunning)")
        world.server.releaseHeld()
        // Nothing was published from the cancelled sync, and nothing runs after stop().
        #expect(world.events.all == ["stopped, running: false"])
        #expect(world.service.channelStates().allSatisfy { $0.failures == 0 })
        world.service.syncNow()
        world.clock.advance(by: 10 * World.pollSeconds)
        #expect(world.manifestRequests() == 1)
        #expect(!world.service.isRunning)
    }

    @Test("a cancelled transfer ends with its own code, not a timeout")
    func cancelledTransfer() throws {
        let world = try World()
        world.server.inject("/" + Manifest.fileName, [.hold(afterBytes: 10)])
        let cancellation = Cancellation()
        let outcome = Mutex<HTTPError.Code?>(nil)
        let url = world.server.baseURL + "/" + Manifest.fileName
        let thread = Thread {
            do {
                _ = try HTTPClient(cancellation: cancellation).get(
                    HTTPRequest(url: url, limits: TransferLimits(maxBytes: 1 << 20)))
            } catch {
                outcome.withLock { $0 = (error as? HTTPError)?.code }
            }
        }
        thread.start()
        #expect(Poll.until { world.server.heldTransfers == 1 })
        cancellation.cancel()
        #expect(Poll.until { outcome.withLock { $0 } != nil })
        #expect(outcome.withLock { $0 } == .cancelled)
        world.server.releaseHeld()
    }

    @Test("stop() ends a sleeping service at once; start() after stop() does nothing")
    func stopWhileAsleep() throws {
        let world = try World()
        world.service.start()
        #expect(world.clock.waitUntilAsleep(sleeps: 1))
        world.service.stop()
        #expect(!world.service.isRunning)
        world.service.stop()
        world.service.start()
        #expect(!world.service.isRunning)
        world.clock.advance(by: 10 * World.pollSeconds)
        #expect(world.manifestRequests() == 1)
        #expect(world.clock.sleeps == 1)
    }
}
