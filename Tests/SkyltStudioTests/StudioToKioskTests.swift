import Foundation
import SkyltCore
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

/// The whole path from the studio to a screen: what `skylt-studio publish` writes into `--site`,
/// served by Debian's nginx with the README's cache rules, is what a kiosk syncs and shows.
@Suite("From the studio to a kiosk", .serialized, .timeLimit(.minutes(5)))
struct StudioToKioskTests {
    @Test("a kiosk configured with the studio's URL and channel key syncs the published demo and renders it")
    func publishSyncRender() throws {
        let folder = TemporaryFolder()
        let site = folder.file("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let server = try NginxServer(root: site)
        let data = folder.file("data").path
        let made = try StudioTool.run(["init", "--data", data, "--site", site.path, "--base-url", server.baseURL])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try StudioTool.run(["import", "demo", Repository.demoPlaylist.path, "--data", data]).status == 0)
        let published = try StudioTool.run(["publish", "demo", "--data", data])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("\(server.baseURL)/demo/manifest.json"), "\(published.stdout)")
        let key = try StudioTool.run(["channel", "key", "demo", "--data", data]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let config = folder.write(
            "config.json",
            #"""
            {"id": "k", "languages": ["sv", "en"], "cacheDirectory": "cache", "stateDirectory": "state",
             "diskReserveBytes": 0,
             "channels": [{"name": "demo", "url": "\#(server.baseURL)/demo/manifest.json", "keys": ["\#(key)"]}]}
            """#)
        let skylt = StudioTool.skylt.path
        let sync = try ExternalTool.run([skylt, "sync", "--config", config.path, "--once"])
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        #expect(sync.stdout.hasPrefix("demo: updated to v1"), "\(sync.stdout)")
        // nginx answered the manifest with "revalidate" and the assets as immutable.
        let log = server.log()
        #expect(log.contains { $0.path == "/demo/manifest.json" && $0.status == 200 })
        #expect(log.contains { $0.path.hasPrefix("/demo/assets/") && $0.status == 200 })

        // What the kiosk renders from its cache is what the demo folder renders, less the
        // slides whose validity was over when the binary published (by the wall clock).
        let fromCache = try ExternalTool.run([skylt, "render", "--config", config.path, "--out", folder.file("k").path])
        #expect(fromCache.status == 0, "\(fromCache.stderr)")
        let kept = Repository.demoSlideIDs(validAt: try Self.publishedAt(data: folder.file("data")))
        let direct = try ExternalTool.run([
            skylt, "render", try Self.demo(keeping: kept, in: folder).path, "--out", folder.file("d").path,
        ])
        #expect(direct.status == 0, "\(direct.stderr)")
        let kiosk = try FileManager.default.contentsOfDirectory(atPath: folder.file("k").path).sorted()
        let demo = try FileManager.default.contentsOfDirectory(atPath: folder.file("d").path).sorted()
        #expect(!kiosk.isEmpty && kiosk == demo, "\(kiosk) vs \(demo)")
        for name in demo where name.hasSuffix(".png") {
            let a = try Data(contentsOf: folder.file("k/\(name)"))
            let b = try Data(contentsOf: folder.file("d/\(name)"))
            #expect(a == b, "\(name) differs between the kiosk's cache and the demo folder")
        }
    }
}

extension StudioToKioskTests {
    /// When the studio in `data` published version 1 of channel `demo`.
    static func publishedAt(data: URL) throws -> Date {
        let database = try Database(url: DataFolder(data).databaseFile)
        let rows = try database.query("SELECT published_at FROM publications WHERE version = 1")
        return try #require(rows.first?[0].string.flatMap(ISO8601.parse))
    }

    /// A copy of the demo in `folder` with only the slides `kept`, in their order.
    static func demo(keeping kept: [String], in folder: TemporaryFolder) throws -> URL {
        folder.copy(Repository.demoPlaylist, as: "kept")
        let file = folder.file("kept").appendingPathComponent(Playlist.fileName)
        guard case .object(var root) = try JSONValue.parse(Data(contentsOf: file)),
            case .array(let slides) = root["slides"] ?? .null
        else { throw ProblemList([]) }
        root["slides"] = .array(
            slides.filter { slide in
                guard case .object(let fields) = slide, case .string(let id) = fields["id"] ?? .null else {
                    return true
                }
                return kept.contains(id)
            })
        try JSONValue.object(root).canonicalData().write(to: file)
        return folder.file("kept")
    }
}
