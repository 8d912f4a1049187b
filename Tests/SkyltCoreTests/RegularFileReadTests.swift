import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// `POSIXFile.readRegular`, through which media are read: a regular file within its cap, and
/// nothing else, without ever waiting on an open.
@Suite("Reading regular files under a cap")
struct RegularFileReadTests {
    func code(_ path: String, limit: Int) -> RegularFileError.Code? {
        do {
            _ = try POSIXFile.readRegular(path, limit: limit)
            return nil
        } catch {
            #expect(error.path == path)
            return error.code
        }
    }

    @Test("a file of exactly the cap is read whole; one byte more is refused by its size")
    func cap() throws {
        let folder = TemporaryFolder()
        let file = folder.file("bild.png")
        try Data(repeating: 7, count: 100).write(to: file)
        #expect(try POSIXFile.readRegular(file.path, limit: 100) == Data(repeating: 7, count: 100))
        #expect(code(file.path, limit: 99) == .tooLarge(bytes: 100, limit: 99))
    }

    @Test("a FIFO, a device and a folder are refused without being read")
    func notRegular() throws {
        let folder = TemporaryFolder()
        let fifo = folder.file("pipe.png")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(code(fifo.path, limit: 1 << 20) == .notRegularFile)
        #expect(code("/dev/zero", limit: 1 << 20) == .notRegularFile)
        #expect(code(folder.url.path, limit: 1 << 20) == .notRegularFile)
    }

    @Test("a missing file gives the system's errno")
    func missing() {
        #expect(code("/nonexistent/bild.png", limit: 10) == .system(errno: ENOENT))
    }
}
