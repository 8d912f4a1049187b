import Foundation
@preconcurrency import Glibc
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

@Suite("studio media sweep: uploads no revision uses")
struct MediaSweepTests {
    /// Sets a medium's modification time `seconds` in the past.
    static func age(_ file: URL, by seconds: Int) {
        var times = [timespec](repeating: timespec(), count: 2)
        times[0].tv_sec = time(nil) - seconds
        times[1].tv_sec = time(nil) - seconds
        _ = utimensat(AT_FDCWD, file.path, &times, 0)
    }

    @Test("an old upload no row refers to is removed; a referenced one, a new one and a re-stored one stay")
    func sweep() throws {
        let fixture = StudioFixture()
        let studio = try fixture.create()
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        let referenced = try #require(try studio.database.query("SELECT sha256 FROM media LIMIT 1")[0][0].string)
        let orphan = try studio.media.put(Data("a preview's upload, never saved".utf8))
        let fresh = try studio.media.put(Data("an upload of a minute ago".utf8))
        let restored = try studio.media.put(Data("uploaded again today".utf8))
        let day = Int(Studio.unreferencedMediaAge)
        for hash in [referenced, orphan, restored] { Self.age(try studio.media.url(for: hash), by: day + 60) }
        _ = try studio.media.put(Data("uploaded again today".utf8))
        #expect(try studio.sweepUnreferencedMedia() == 1)
        #expect(try !studio.media.contains(orphan))
        #expect(
            try studio.media.contains(referenced) && studio.media.contains(fresh) && studio.media.contains(restored))
        #expect(try studio.database.query("SELECT count(*) FROM audit_log WHERE action = 'media.sweep'")[0][0].int == 1)
        #expect(try studio.publish(channel: "demo").slides > 0)
    }
}
