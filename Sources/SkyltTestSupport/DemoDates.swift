public import Foundation
import SkyltCore

extension Repository {
    /// 2026-11-27T12:00:00Z: a moment at which every slide of the demo playlist is valid, before
    /// its notice expires (1 December 2026) and its event ends (12 December 2026). A publish
    /// leaves out slides whose validity is over, so studios in tests publish by this fixed
    /// clock: what a test expects of the demo must not change with the day it runs.
    public static let demoDate = Date(timeIntervalSince1970: 1_795_780_800)

    /// The ids of the demo's slides that a kiosk still shows at `date` (neither their
    /// `validUntil` nor an event's end is past), in playlist order, read with the player's
    /// own reader. Tests of the built binaries, which publish by the wall clock, expect these.
    public static func demoSlideIDs(validAt date: Date) -> [String] {
        let slides = PlaylistReader.read(folder: demoPlaylist).playlist?.slides ?? []
        return slides.filter { slide in slide.schedule.validUntil.map { $0 > date } ?? true }.map(\.id)
    }
}
