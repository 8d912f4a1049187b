import Foundation
import SkyltCore
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

/// Files of a playlist folder that are not what they claim: links, FIFOs, endless devices.
@Suite("skylt-studio import: files that are not regular files")
struct ImportFileTests {
    let fixture = StudioFixture()
    let studio: Studio

    init() throws {
        studio = try fixture.create()
    }

    private func channels() throws -> Int {
        try Database(url: DataFolder(fixture.data).databaseFile).query("SELECT count(*) FROM channels")[0][0].int ?? -1
    }

    /// Imports `folder` and returns the error it must fail with.
    private func refusal(_ folder: URL) throws -> StudioError {
        do {
            _ = try studio.importPlaylist(channel: "demo", from: folder)
        } catch {
            #expect(try channels() == 0)
            return error
        }
        throw StudioError(.fileIO, message: "the import of \(folder.path) was taken")
    }

    @Test("a playlist.json that is a link to /dev/zero is refused at once, naming the file")
    func playlistLink() throws {
        let folder = fixture.copyOfDemo()
        let file = folder.appendingPathComponent(Playlist.fileName)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/dev/zero")
        let started = Date()
        let error = try refusal(folder)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(error.location == file.path)
        #expect(error.description.contains("playlist.json: ") && error.description.contains("symbolic link"))
    }

    @Test("a media file that is a FIFO is refused without waiting for a writer")
    func fifo() throws {
        let folder = fixture.copyOfDemo()
        let pipe = folder.appendingPathComponent("media/pipe.png")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        let error = try refusal(folder)
        #expect(error.code == .mediaRefused)
        #expect(error.location == pipe.path)
    }

    @Test("a relative link up out of the folder, and a link to a folder, are refused", arguments: [false, true])
    func links(toFolder: Bool) throws {
        let folder = fixture.copyOfDemo()
        _ = fixture.folder.write("secret.txt", "not for screens")
        let link = folder.appendingPathComponent("media/link.png")
        let target = toFolder ? "../media" : "../../secret.txt"
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target)
        let error = try refusal(folder)
        #expect(error.code == .mediaRefused)
        #expect(error.location == link.path)
    }

    @Test("a file read by the import is refused when it is a link or too large, whatever the listing said")
    func regularFile() throws {
        let file = fixture.folder.write("big.bin", String(repeating: "x", count: 100))
        #expect(try RegularFile.read(file.path, maxBytes: 100).count == 100)
        #expect(throws: RegularFile.ReadError.self) { try RegularFile.read(file.path, maxBytes: 99) }
        let link = fixture.folder.file("link.bin")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        do {
            _ = try RegularFile.read(link.path, maxBytes: 100)
            Issue.record("a link was followed")
        } catch {
            #expect(error.reason == .link)
        }
        do {
            _ = try RegularFile.read("/dev/zero", maxBytes: 100)
            Issue.record("a device was read")
        } catch {
            #expect(error.reason == .notRegular)
        }
    }
}
