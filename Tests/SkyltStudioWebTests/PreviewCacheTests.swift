import Foundation
import Testing

@testable import SkyltStudioWeb

@Suite("studio web: the preview cache shares its room between editors")
struct PreviewCacheTests {
    @Test("an editor who previews again and again drops their own oldest pictures, not another's")
    func perOwner() throws {
        let cache = PreviewCache(maxBytes: 1000, maxBytesPerOwner: 300, maxAgeSeconds: 600) { Date() }
        let png = Data(repeating: 1, count: 100)
        let other = try #require(cache.store(png, owner: 2))
        let own = (0..<5).compactMap { _ in cache.store(png, owner: 1) }
        #expect(own.count == 5)
        #expect(cache.png(other, owner: 2) != nil)
        #expect(own.prefix(2).allSatisfy { cache.png($0, owner: 1) == nil })
        #expect(own.suffix(3).allSatisfy { cache.png($0, owner: 1) != nil })
        #expect(cache.usage.bytes == 400)
    }

    @Test("the whole cache still drops the oldest first when every editor is within their share")
    func whole() throws {
        let cache = PreviewCache(maxBytes: 300, maxBytesPerOwner: 300, maxAgeSeconds: 600) { Date() }
        let png = Data(repeating: 1, count: 100)
        let first = try #require(cache.store(png, owner: 1))
        for owner in Int64(2)...4 { _ = cache.store(png, owner: owner) }
        #expect(cache.png(first, owner: 1) == nil)
        #expect(cache.usage == (3, 300))
    }
}
