import Foundation
import Glibc
import SkyltCore
import SkyltTestSupport
import Testing

/// Config, key and state files are checked for their kind and size on the open descriptor,
/// before a byte is read: a folder, a FIFO, a device or a huge file costs only its error,
/// which names the file.
@Suite("Reading config files", .timeLimit(.minutes(5)))
struct ConfigFileTests {
    /// The error reading `path` under `limit` throws, or nil.
    func refusal(_ path: String, limit: Int) -> ConfigFileError? {
        do {
            _ = try ConfigFile.read(path, limit: limit)
            return nil
        } catch {
            return error
        }
    }

    @Test("a regular file within the cap is read whole")
    func regular() throws {
        let folder = TemporaryFolder()
        let file = folder.write("config.json", "{}")
        #expect(try ConfigFile.read(file.path, limit: 2) == Data("{}".utf8))
        #expect(refusal(file.path, limit: 1)?.code == .tooLarge(size: 2, limit: 1))
        #expect(refusal(folder.file("none").path, limit: 1)?.code == .missing)
    }

    @Test("a folder, a FIFO and /dev/zero are refused by their kind, without blocking or reading")
    func notRegular() throws {
        let folder = TemporaryFolder()
        let fifo = folder.file("config.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let cases: [(String, String)] = [
            (folder.url.path, "a folder"), (fifo.path, "a FIFO"), ("/dev/zero", "a device"),
        ]
        for (path, kind) in cases {
            let refused = refusal(path, limit: 1 << 20)
            #expect(refused?.code == .notRegular(kind: kind), "\(path)")
            #expect(refused?.description == "\(path): is \(kind), not a regular file")
        }
    }

    @Test("a 2 GiB config is refused by its size before it is read")
    func hugeConfig() throws {
        let folder = TemporaryFolder()
        let file = folder.file("config.json")
        // Sparse: the test writes nothing, and a reader that read it first would take 2 GB.
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        #expect(truncate(file.path, 1 << 31) == 0)
        let start = Date()
        #expect {
            _ = try KioskConfig.load(from: file)
        } throws: { error in
            let expected = ConfigFileError(.tooLarge(size: 1 << 31, limit: KioskConfig.maxConfigBytes), path: file.path)
            return (error as? ProblemList)?.problems == [Problem(file: file.path, field: "", message: expected.reason)]
        }
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test("a config that is a folder or a FIFO gets a message naming the file and what it is")
    func kioskConfigKinds() throws {
        let folder = TemporaryFolder()
        let fifo = folder.file("fifo.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        for (path, kind) in [(folder.url.path, "a folder"), (fifo.path, "a FIFO")] {
            #expect {
                _ = try KioskConfig.load(from: URL(fileURLWithPath: path))
            } throws: { error in
                (error as? ProblemList)?.problems.first?.description == "\(path): is \(kind), not a regular file"
            }
        }
    }

    @Test("a last-seen file that is a FIFO or a device reads as no time, without blocking")
    func lastSeenKinds() throws {
        let folder = TemporaryFolder()
        #expect(mkfifo(folder.file(LastSeen.fileName).path, 0o600) == 0)
        #expect(LastSeen.read(from: folder.url) == nil)
    }
}
