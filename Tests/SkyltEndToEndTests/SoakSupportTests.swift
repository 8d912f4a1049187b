import Foundation
import SkyltBundle
import SkyltCore
import SkyltTestSupport
import Synchronization
import Testing

/// The pieces `skylt-soak` judges with: if they could not fail, neither could the soak.
@Suite("Soak support: simulated time and the published-site check", .timeLimit(.minutes(5)))
struct SoakSupportTests {
    @Test("simulated time jumps to the earliest deadline, and only once every loop sleeps")
    func simulatedTimeOrder() throws {
        let time = SimulatedTime(start: Repository.demoDate)
        let early = time.join()
        let late = time.join()
        let woke = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)
        Thread {
            late.sleep(until: 100)
            woke.withLock { $0.append("late at \(Int(late.now))") }
            late.leave()
            done.signal()
        }.start()
        early.sleep(until: 30)
        // Awake: time stands still for the other loop, whatever the wall clock does.
        #expect(time.now == 30)
        #expect(woke.withLock { $0 }.isEmpty)
        early.sleep(until: 200)
        #expect(time.now == 200)
        done.wait()
        #expect(woke.withLock { $0 } == ["late at 100"])
        #expect(time.date == Repository.demoDate.addingTimeInterval(200))
    }

    @Test("a wake ends a sleep at once, without moving time")
    func simulatedWake() {
        let time = SimulatedTime(start: Repository.demoDate)
        let clock = time.join()
        let other = time.join()
        clock.wake()
        clock.sleep(until: 500)
        #expect(time.now == 0)
        other.leave()
        clock.sleep(until: 500)
        #expect(time.now == 500)
    }

    @Test("a site is consistent as the old or the new bundle, and not with a torn manifest and signature")
    func publishedSiteCheck() throws {
        let fixture = BundleFixture(slides: 2)
        let keys = [fixture.publicKey]
        #expect(PublishedSite.inconsistency(of: fixture.bundle, keys: keys, before: nil) == nil)
        try fixture.publish()
        let first = try #require(PublishedSite.head(of: fixture.bundle))
        #expect(PublishedSite.inconsistency(of: fixture.bundle, keys: keys, before: nil) == nil)
        #expect(PublishedSite.inconsistency(of: fixture.bundle, keys: keys, before: first) == nil)
        fixture.writeSource(slides: 2, revision: 2, changed: [1])
        try fixture.publish()
        #expect(PublishedSite.inconsistency(of: fixture.bundle, keys: keys, before: first) == nil)
        // The new manifest beside the old signature: a mix.
        try first.signature.write(to: fixture.bundle.appendingPathComponent(Manifest.signatureFileName))
        let torn = PublishedSite.inconsistency(of: fixture.bundle, keys: keys, before: first)
        #expect(torn?.contains("signature") == true, "\(torn ?? "consistent")")
    }

    @Test("a site whose asset was cut short is not whole")
    func publishedSiteCutAsset() throws {
        let fixture = BundleFixture(slides: 2)
        try fixture.publish()
        let head = try #require(PublishedSite.head(of: fixture.bundle))
        let assets = fixture.bundle.appendingPathComponent("assets")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: assets.path).first)
        try Data("cut".utf8).write(to: assets.appendingPathComponent(name))
        #expect(PublishedSite.inconsistency(of: fixture.bundle, keys: [fixture.publicKey], before: head) != nil)
    }
}
