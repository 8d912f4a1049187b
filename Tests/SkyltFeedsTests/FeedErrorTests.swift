import SkyltFeeds
import Testing

@Suite("Feed errors")
struct FeedErrorTests {
    @Test("an error names its source first, then what was wrong")
    func description() {
        let error = FeedError(.parse, "larm: vma http://127.0.0.1/vma", "has no 'alerts' array")
        #expect(error.description == "larm: vma http://127.0.0.1/vma: has no 'alerts' array")
        #expect(error.code == .parse)
    }
}
