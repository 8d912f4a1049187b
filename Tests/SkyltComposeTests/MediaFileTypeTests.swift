import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// Only regular files are opened as media: a FIFO, a device or a folder named as an image is
/// refused at once, where opening it used to block `validate`, `render` and `run` for ever.
@Suite("Media must be regular files")
struct MediaFileTypeTests {
    func code(_ url: URL) -> MediaError.Code? {
        do {
            _ = try ImageCheck.decodedSize(of: url)
            return nil
        } catch {
            return error.code
        }
    }

    @Test(
        "a FIFO named as a PNG or an SVG is refused without waiting for a writer", arguments: ["pipe.png", "pipe.svg"])
    func fifo(name: String) throws {
        let folder = TemporaryFolder()
        let file = folder.file(name)
        #expect(mkfifo(file.path, 0o644) == 0)
        #expect(code(file) == .notRegularFile)
    }

    @Test("a link to a device and a folder named as images are refused")
    func deviceAndFolder() throws {
        let folder = TemporaryFolder()
        let device = folder.file("zero.png")
        try FileManager.default.createSymbolicLink(atPath: device.path, withDestinationPath: "/dev/zero")
        #expect(code(device) == .notRegularFile)
        let directory = folder.file("folder.jpg")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        #expect(code(directory) == .notRegularFile)
    }

    @Test("a file over the size cap is refused before it is read")
    func tooLarge() throws {
        let folder = TemporaryFolder()
        let file = folder.file("large.png")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        #expect(truncate(file.path, off_t(ImageCheck.maxFileBytes + 1)) == 0)
        #expect(code(file) == .fileTooLarge(bytes: ImageCheck.maxFileBytes + 1, limit: ImageCheck.maxFileBytes))
    }

    @Test("validate reports a FIFO and a 30000x30000 PNG as problems naming the slide, the field and the file")
    func validate() throws {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "ror", "template": "poster", "image": "media/ror.png"}"#,
            #"{"id": "stor", "template": "poster", "image": "media/stor.png"}"#,
        ])
        #expect(mkfifo(folder.file("media/ror.png").path, 0o644) == 0)
        try HostileMedia.png(width: 30000, height: 30000).write(to: folder.file("media/stor.png"))
        let reading = PlaylistReader.read(folder: folder.url)
        let playlist = try #require(reading.playlist, "\(reading.problems)")
        let problems = LayoutCheck.check(playlist).problems
        let fifo = try #require(problems.first { $0.slide == "ror" })
        #expect(
            fifo.field == "image" && fifo.message.contains("ror.png") && fifo.message.contains("not a regular file"))
        let huge = try #require(problems.first { $0.slide == "stor" })
        #expect(huge.field == "image" && huge.message.contains("stor.png") && huge.message.contains("30000x30000"))
    }
}
