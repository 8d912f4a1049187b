import Foundation
import SkyltBundle
import SkyltCore
import SkyltStudio
import SkyltTestSupport

/// Studios and playlists for the publication tests.
extension StudioFixture {
    /// A studio with the demo imported as channel `demo`, and `afterPublish` in its studio.json.
    func demoStudio(afterPublish: AfterPublishCommand? = nil) throws -> Studio {
        let studio = try create()
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        guard let afterPublish else { return studio }
        try Self.configure(data: data, afterPublish: afterPublish)
        return try open(actor: "test")
    }

    /// Writes `afterPublish` into the studio.json of `data`.
    static func configure(data: URL, afterPublish: AfterPublishCommand) throws {
        let file = DataFolder(data).configFile
        var config = try JSONDecoder().decode(StudioConfig.self, from: Data(contentsOf: file))
        config.afterPublish = afterPublish
        try JSONEncoder().encode(config).write(to: file)
    }

    /// An executable shell script `name` in the fixture's folder.
    func script(_ name: String, _ body: String) -> URL {
        let url = folder.write(name, "#!/bin/sh\n" + body + "\n")
        chmod(url.path, 0o755)
        return url
    }

    /// The published bundle of `channel`, verified with its key.
    func verifiedManifest(_ studio: Studio, channel: String) throws -> (Manifest?, [Problem]) {
        let key = try PublicKey(base64: try studio.channel(named: channel).publicKey)
        return BundleCheck.verify(folder: site.appendingPathComponent(channel), keys: [key])
    }
}

/// The demo playlist changed: the first slide's duration (changed), the second slide gone
/// (removed), and a copy of the third under a new id and title (added).
enum ChangedDemo {
    static let addedID = "ny-bild"
    static let addedTitle = "Höstmarknad på torget"
    static let changedID = "vandringsled"
    static let changedTitle = "Vandra runt Ängsjön"
    static let removedID = "vattenavstangning"
    static let removedTitle = "Vattnet stängs av tisdag 1 december kl. 8–12"

    /// Writes the changed playlist into a copy of the demo in `folder` and returns it.
    static func make(in folder: TemporaryFolder, name: String = "changed") throws -> URL {
        folder.copy(Repository.demoPlaylist, as: name)
        let copy = folder.file(name)
        let file = copy.appendingPathComponent(Playlist.fileName)
        guard case .object(var root) = try JSONValue.parse(Data(contentsOf: file)),
            case .array(var slides) = root["slides"] ?? .null, case .object(var first) = slides[0],
            case .object(var added) = slides[2]
        else { throw ProblemList([]) }
        first["duration"] = .number(20)
        slides[0] = .object(first)
        slides.remove(at: 1)
        added["id"] = .string(addedID)
        added["title"] = .object(["sv": .string(addedTitle), "en": .string("Autumn market on the square")])
        slides.append(.object(added))
        root["slides"] = .array(slides)
        try JSONValue.object(root).canonicalData().write(to: file)
        return copy
    }
}
