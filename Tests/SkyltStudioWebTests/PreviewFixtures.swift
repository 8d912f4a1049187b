import Foundation
import SkyltCompose
import SkyltCore
import SkyltStudioWeb
import SkyltTestSupport
import Testing

/// Slides of the demo playlist as the slide editor sends them, and a way to look at the PNGs
/// a preview made.
enum PreviewFixtures {
    static let landscape = ScreenSize(width: 1920, height: 1080)
    static let portrait = ScreenSize(width: 1080, height: 1920)

    /// The demo's playlist.json, parsed.
    static func demo() throws -> [String: JSONValue] {
        let data = try Data(contentsOf: Repository.demoPlaylist.appendingPathComponent("playlist.json"))
        guard case .object(let fields) = try JSONValue.parse(data) else { throw FixtureError("not an object") }
        return fields
    }

    /// The demo's settings: its playlist.json without the slides.
    static func settings() throws -> JSONValue {
        var fields = try demo()
        fields["slides"] = nil
        return .object(fields)
    }

    /// The demo's slide with id `id`, as an object's fields.
    static func slide(_ id: String) throws -> [String: JSONValue] {
        guard case .array(let slides) = try demo()["slides"] ?? .null else { throw FixtureError("no slides") }
        for case .object(let fields) in slides where fields["id"] == .string(id) { return fields }
        throw FixtureError("no slide '\(id)'")
    }

    /// Every file of the demo's media folder by the path slides name it with.
    static func media() throws -> [String: Data] {
        let folder = Repository.demoPlaylist.appendingPathComponent("media")
        var media: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            media["media/" + name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return media
    }

    static func request(
        _ slide: [String: JSONValue], sizes: [ScreenSize] = [landscape], languages: [String] = ["sv"]
    ) throws -> PreviewRequest {
        PreviewRequest(
            slide: .object(slide), settings: try settings(), media: try media(), sizes: sizes, languages: languages)
    }

    /// The PNG decoded, to check its size and that it is a real picture.
    static func decode(_ png: Data) throws -> Frame {
        let folder = TemporaryFolder()
        let file = folder.file("preview.png")
        try png.write(to: file)
        return try Frame.readPNG(from: file)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
