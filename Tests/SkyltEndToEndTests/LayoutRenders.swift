import Foundation
import SkyltTestSupport

/// The demo and the multilingual playlist rendered once per screen size by the real binary
/// with `--layout`, shared by the layout checks and the golden images so the suite renders
/// each frame once.
struct LayoutRenders: Sendable {
    /// One rendered page: a slide in one language, its PNG and its layout file.
    struct Page: Sendable {
        /// The playlist folder's name (`demo`, `multilingual`).
        var playlist: String
        /// The file name without extension, e.g. `04-loppis.fa`.
        var stem: String
        var slideID: String
        var template: String
        var layout: LayoutFile
        var png: URL

        var file: String { "\(playlist)/\(stem)" }
        var texts: [LayoutFile.Element] { layout.elements.filter { $0.kind == "text" } }
        var codes: [LayoutFile.Element] { layout.elements.filter { $0.kind == "qr" } }
        var images: [LayoutFile.Element] { layout.elements.filter { $0.kind == "image" } }
    }

    static let sizes = ["1920x1080", "1080x1920"]
    static let playlists: [(name: String, folder: URL)] = [
        ("demo", Repository.demoPlaylist),
        ("multilingual", Repository.fixtures.appendingPathComponent("multilingual")),
    ]

    /// Kept alive for the whole run: the pages' PNG files are in it.
    let folder: TemporaryFolder
    let pages: [String: [Page]]

    /// Rendered on first use, by whichever test comes first.
    static let shared: Result<LayoutRenders, RenderFailure> = Result { () throws(RenderFailure) in try render() }

    static func pages(_ size: String) throws -> [Page] { try shared.get().pages[size] ?? [] }

    struct RenderFailure: Error, CustomStringConvertible {
        var description: String
    }

    private static func render() throws(RenderFailure) -> LayoutRenders {
        let folder = TemporaryFolder()
        var pages: [String: [Page]] = [:]
        do {
            for size in sizes {
                for playlist in playlists {
                    let out = folder.file("\(size)/\(playlist.name)")
                    let result = try ExternalTool.run(
                        [
                            Repository.skyltBinary.path, "render", playlist.folder.path, "--out", out.path, "--layout",
                            "--size", size,
                        ],
                        environment: ["SKYLT_CONFIG": "/nonexistent/skylt-config.json"])
                    guard result.status == 0 else {
                        throw RenderFailure(description: "render \(playlist.name) at \(size): \(result.stderr)")
                    }
                    pages[size, default: []] += try read(out, playlist: playlist)
                }
            }
        } catch let failure as RenderFailure {
            throw failure
        } catch {
            throw RenderFailure(description: "\(error)")
        }
        return LayoutRenders(folder: folder, pages: pages)
    }

    /// The pages in `out`, each with its slide's template from the playlist file.
    private static func read(_ out: URL, playlist: (name: String, folder: URL)) throws -> [Page] {
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: playlist.folder.appendingPathComponent("playlist.json")))
        let slides = (json as? [String: Any])?["slides"] as? [[String: Any]] ?? []
        var templates: [String: String] = [:]
        for slide in slides { templates[slide["id"] as? String ?? ""] = slide["template"] as? String }
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".json") }
        return try files.sorted().map { file in
            let stem = String(file.dropLast(5))
            let id = String(stem.split(separator: ".")[0].drop { $0 != "-" }.dropFirst())
            return Page(
                playlist: playlist.name, stem: stem, slideID: id, template: templates[id] ?? "?",
                layout: try LayoutFile(out.appendingPathComponent(file)), png: out.appendingPathComponent(stem + ".png")
            )
        }
    }
}
