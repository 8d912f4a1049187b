import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// The planner's cache follows a history record by record; histories that fork, get pruned or
/// start over must still be read as they are.
@Suite("Planner: the cache follows any history")
struct PlannerCacheTests {
    @Test("one cache over forking, pruned and new histories decides as a fresh cache does")
    func forkingHistories() {
        let (program, planner) = PlannerGoldenWeekTests.kiosk()
        let shared = EligibilityCache()
        var random = SeededRandom(seed: 7)
        var histories = [PlayHistory()]
        var now = PlannerGoldenWeekTests.monday.addingTimeInterval(8 * 3600)
        var plays = 0
        for _ in 0..<600 {
            var pick = Int.random(in: 0..<histories.count, using: &random)
            switch Int.random(in: 0..<40, using: &random) {
            case 0..<4:
                histories.append(histories[pick])
                pick = histories.count - 1
            case 4: histories[pick].prune(keeping: Set(program.slides.prefix(60).map(\.key)))
            case 5: histories[pick] = PlayHistory()
            default: break
            }
            let fast = planner.decide(program, at: now, history: histories[pick], clockTrusted: true, cache: shared)
            let fresh = planner.decide(
                program, at: now, history: histories[pick], clockTrusted: true, cache: EligibilityCache())
            #expect(fast == fresh, "at \(now), history \(pick) of \(histories.count)")
            guard case .slide(let slide, _, _) = fast else { continue }
            let seconds = Double(Int.random(in: 5...30, using: &random))
            histories[pick].record(
                PlayRecord(
                    key: slide.key, channel: slide.channel, start: now, seconds: seconds, urgent: slide.isUrgent),
                in: planner.local)
            now.addTimeInterval(seconds)
            plays += 1
        }
        #expect(plays > 500, "the kiosk is open and plays")
        #expect(histories.count > 10, "histories forked")
    }
}
