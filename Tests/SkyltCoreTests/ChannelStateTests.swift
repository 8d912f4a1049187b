import Foundation
import SkyltCore
import Testing

@Suite("One channel's state, as every view of it reads it")
struct ChannelStateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func bundle() -> ChannelState {
        let config = ChannelConfig(
            name: "kommun",
            source: .bundle(url: "https://skylt.example.org/kommun/manifest.json?token=secret", keys: []))
        var state = ChannelState(config, observed: now)
        state.version = 4
        state.published = now.addingTimeInterval(-7200)
        state.lastSuccess = now.addingTimeInterval(-30)
        state.nextPoll = now.addingTimeInterval(30)
        state.expires = now.addingTimeInterval(-1)
        state.lastError = "HTTP 503"
        state.successes = 5
        state.failures = 2
        return state
    }

    @Test("ages and staleness are measured from the moment the state was observed")
    func derived() {
        var state = bundle()
        #expect(state.kind == .bundle && state.source == "https://skylt.example.org/kommun/manifest.json")
        #expect(state.stale)
        #expect(state.ageSeconds == 7200)
        #expect(state.secondsSinceLastGoodSync == 30)
        state.observed = now.addingTimeInterval(-2)
        #expect(!state.stale)
        let folder = ChannelState(ChannelConfig(name: "butiken", source: .folder(URL(fileURLWithPath: "/srv/b"))))
        #expect(folder.kind == .folder && folder.source == "/srv/b" && !folder.stale && folder.ageSeconds == nil)
    }

    @Test("the JSON carries the documented names, dates as ISO 8601, and reads back the same")
    func json() throws {
        let state = bundle()
        let data = try JSONEncoder().encode(state)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["lastSuccess"] as? String == ISO8601.format(now.addingTimeInterval(-30)))
        #expect(object["stale"] as? Bool == true && object["ageSeconds"] as? Double == 7200)
        #expect(object["secondsSinceLastGoodSync"] as? Double == 30 && object["kind"] as? String == "bundle")
        #expect(object["cacheMatches"] == nil, "unknown is left out, not false")
        let back = try JSONDecoder().decode(ChannelState.self, from: data)
        #expect(back == state)
    }
}
