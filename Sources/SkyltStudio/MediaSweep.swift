public import Foundation
import SkyltStore

extension Studio {
    /// How long an upload no revision refers to is kept: a day, long past any form left open.
    public static let unreferencedMediaAge: TimeInterval = 24 * 3600

    /// Deletes media older than `age` that no revision or import refers to (uploads of forms
    /// that were previewed but never saved), with an audit row when there were any.
    @discardableResult
    public func sweepUnreferencedMedia(olderThan age: TimeInterval = Studio.unreferencedMediaAge, now: Date = Date())
        throws(StudioError) -> Int
    {
        // Under the write lock: a save that links an old upload to its revision either commits
        // before the list is read, or waits until the files are gone and finds its upload
        // missing (a field error), never a revision pointing at a deleted file.
        try transaction { () throws(StudioError) in
            let rows = try storing { () throws(StoreError) in try database.query("SELECT DISTINCT sha256 FROM media") }
            let referenced = Set(rows.compactMap { $0[0].string })
            let removed = media.sweep(keeping: referenced, storedBefore: now.addingTimeInterval(-age))
            if removed > 0 {
                try audit("media.sweep", subject: "media", detail: "\(removed) unreferenced files removed")
            }
            return removed
        }
    }
}
