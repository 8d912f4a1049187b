import Foundation
import SkyltBundle
import Synchronization

/// Rendered preview PNGs, kept in memory for the user who asked for them until the page
/// that shows them has loaded them: bounded in bytes (oldest out) and in age, so that twenty
/// editors previewing all day never grow the studio's memory.
///
/// Ids are `SecretToken`s (256 random bits, URL-safe): a preview cannot be guessed, and is
/// answered only to its owner anyway. Safe to use from the server's threads at once.
final class PreviewCache: Sendable {
    struct Entry {
        var owner: Int64
        var png: Data
        var storedAt: Date
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Ids, oldest first.
        var order: [String] = []
        var bytes = 0
        var bytesByOwner: [Int64: Int] = [:]
    }

    let maxBytes: Int
    /// One user's share: an editor who previews again and again drops their own oldest
    /// pictures first, not the ones another editor's page is still loading.
    let maxBytesPerOwner: Int
    let maxAgeSeconds: Double
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    /// `maxBytes`: some hundred previews of a 960 px frame fit in 64 MB. `maxAgeSeconds`: an
    /// editor's form may sit open a while before the page loads its pictures again, and a
    /// new preview is made on every change anyway.
    /// `maxBytesPerOwner`: by default a quarter of the cache, at least 16 MB (a few previews of
    /// every size and language), never more than the whole.
    init(maxBytes: Int, maxBytesPerOwner: Int? = nil, maxAgeSeconds: Double, now: @escaping @Sendable () -> Date) {
        self.maxBytes = maxBytes
        self.maxBytesPerOwner = min(maxBytes, maxBytesPerOwner ?? max(maxBytes / 4, 16 << 20))
        self.maxAgeSeconds = maxAgeSeconds
        self.now = now
    }

    /// Keeps `png` for `owner` and returns its new id; old and excess entries go first. A
    /// PNG larger than the whole cap is not kept (nil).
    func store(_ png: Data, owner: Int64) -> String? {
        guard png.count <= maxBytes else { return nil }
        let id = SecretToken.make()
        let at = now()
        return state.withLock { state in
            Self.dropExpired(&state, before: at.addingTimeInterval(-maxAgeSeconds))
            while (state.bytesByOwner[owner] ?? 0) + png.count > maxBytesPerOwner,
                let oldest = state.order.first(where: { state.entries[$0]?.owner == owner })
            {
                Self.remove(oldest, from: &state)
            }
            while state.bytes + png.count > maxBytes, let oldest = state.order.first {
                Self.remove(oldest, from: &state)
            }
            state.entries[id] = Entry(owner: owner, png: png, storedAt: at)
            state.order.append(id)
            state.bytes += png.count
            state.bytesByOwner[owner, default: 0] += png.count
            return id
        }
    }

    /// The PNG of `id` when `owner` stored it and it is not too old; nil otherwise, so that
    /// another user learns nothing, not even that the id exists.
    func png(_ id: String, owner: Int64) -> Data? {
        let at = now()
        return state.withLock { state in
            Self.dropExpired(&state, before: at.addingTimeInterval(-maxAgeSeconds))
            guard let entry = state.entries[id], entry.owner == owner else { return nil }
            return entry.png
        }
    }

    /// How many previews and bytes are kept (tests, and the lead's memory figures).
    var usage: (count: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }

    private static func dropExpired(_ state: inout State, before cutoff: Date) {
        while let oldest = state.order.first, let entry = state.entries[oldest], entry.storedAt < cutoff {
            remove(oldest, from: &state)
        }
    }

    private static func remove(_ id: String, from state: inout State) {
        if let entry = state.entries.removeValue(forKey: id) {
            state.bytes -= entry.png.count
            state.bytesByOwner[entry.owner, default: 0] -= entry.png.count
            if state.bytesByOwner[entry.owner] == 0 { state.bytesByOwner[entry.owner] = nil }
        }
        state.order.removeAll { $0 == id }
    }
}
