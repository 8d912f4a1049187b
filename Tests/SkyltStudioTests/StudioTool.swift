import Foundation
import SkyltStudio
import SkyltTestSupport

/// The built `skylt-studio` binary and a studio data folder made for one test.
enum StudioTool {
    /// The binary beside the test bundle in the build folder (as `Repository.skyltBinary`).
    static var binary: URL {
        Repository.skyltBinary.deletingLastPathComponent().appendingPathComponent("skylt-studio")
    }

    static var skylt: URL { Repository.skyltBinary }

    /// Runs `skylt-studio` with `arguments`, `input` on its standard input.
    static func run(_ arguments: [String], input: String? = nil) throws -> ExternalTool.Result {
        try ExternalTool.run([binary.path] + arguments, input: input.map { Data($0.utf8) })
    }
}

/// A temporary folder holding a studio in `data/` that publishes into `site/`.
struct StudioFixture {
    static let baseURL = "https://skylt.example.org/kanaler"

    let folder = TemporaryFolder()
    var data: URL { folder.file("data") }
    var site: URL { folder.file("site") }

    /// Makes the studio through the library (the command line has tests of its own), on the
    /// fixed clock `Repository.demoDate`: its publishes keep every slide of the demo on any day.
    func create() throws(StudioError) -> Studio {
        let studio = try Studio.create(data: data, site: site, baseURL: Self.baseURL, actor: "test")
        studio.currentDate = { Repository.demoDate }
        return studio
    }

    /// Opens the studio again, on the same fixed clock as `create()`.
    func open(actor: String = Studio.commandLineActor) throws(StudioError) -> Studio {
        let studio = try Studio.open(data: data, actor: actor)
        studio.currentDate = { Repository.demoDate }
        return studio
    }

    /// Copies the demo playlist to `name` in the folder, for a test to change.
    func copyOfDemo(_ name: String = "playlist") -> URL {
        folder.copy(Repository.demoPlaylist, as: name)
        return folder.file(name)
    }
}
