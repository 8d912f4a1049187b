import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// The kiosk's POSIX replacements for FileHandle, NSCondition and Foundation's error texts,
/// and the /proc and ELF readers behind `skylt bench`.
@Suite("POSIX files, the condition, error wording, memory and binary figures")
struct FileAndProcessTests {
    @Test("POSIXFile reads capped, appends, truncates; a missing file throws ENOENT")
    func posixFile() throws {
        let folder = TemporaryFolder()
        let path = folder.url.appendingPathComponent("data").path
        try Data("hello world".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try POSIXFile.read(path, limit: 5) == Data("hello".utf8))
        let writer = try POSIXFile(writing: path)
        #expect(try writer.seekToEnd() == 11)
        try writer.write(Array("!".utf8))
        try writer.truncate(at: 5)
        try writer.write(Array(" there".utf8))
        writer.close()
        #expect(try POSIXFile.read(path) == Data("hello there".utf8))
        #expect(throws: POSIXError(.ENOENT)) { try POSIXFile(reading: path + ".missing") }
    }

    @Test("FileSize reads the size from stat, through links; nil for a missing file")
    func fileSize() throws {
        let folder = TemporaryFolder()
        let file = folder.url.appendingPathComponent("data")
        try Data(repeating: 7, count: 12_345).write(to: file)
        let link = folder.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        #expect(FileSize.of(file) == 12_345)
        #expect(FileSize.of(link.path) == 12_345)
        #expect(FileSize.of(folder.url.appendingPathComponent("missing")) == nil)
    }

    @Test("a playlist.json over the cap is refused by its size before it is read")
    func playlistCap() throws {
        let folder = TemporaryFolder()
        let file = folder.url.appendingPathComponent("playlist.json")
        try Data(repeating: 0x20, count: PlaylistReader.maxPlaylistBytes + 10).write(to: file)
        let problems = PlaylistReader.read(folder: folder.url).problems
        #expect(problems.count == 1)
        #expect(
            problems.first?.message
                == "is \(PlaylistReader.maxPlaylistBytes + 10) bytes; the limit is \(PlaylistReader.maxPlaylistBytes)")
    }

    @Test("FileProblem words POSIX and Foundation file errors with the C library's reason")
    func fileProblem() throws {
        let missing = "/nonexistent-skylt/file"
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: missing))
            Issue.record("read a missing file")
        } catch {
            #expect(FileProblem.describe(error) == "No such file or directory")
        }
        #expect(FileProblem.describe(POSIXError(.EACCES)) == "Permission denied")
        #expect(FileProblem.describe(CocoaError(.fileReadNoSuchFile)) == "no such file")
    }

    @Test("a condition wait ends at its deadline, or at once when signalled")
    func condition() {
        let condition = ThreadCondition()
        let clock = SystemClock()
        condition.lock()
        let start = clock.now
        #expect(condition.wait(untilMonotonic: start + 0.05) == false)
        condition.unlock()
        #expect(clock.now - start >= 0.05)
        clock.wake()
        let before = clock.now
        clock.sleep(until: before + 5)
        #expect(clock.now - before < 1, "a wake before the sleep ends it at once")
    }

    @Test("smaps_rollup of this process: private and mapped add up to RSS within two pages")
    func smapsRollup() throws {
        let text = try String(contentsOfFile: "/proc/self/smaps_rollup", encoding: .utf8)
        let figures = MemoryFigures.parse(smapsRollup: text)
        #expect(figures.rss > 1 << 20)
        #expect(figures.anonymous > 0 && figures.anonymous <= figures.rss)
        #expect(figures.pss > 0 && figures.pss <= figures.rss)
        #expect(abs(figures.privateBytes + figures.mappedBytes - figures.rss) <= 2 * 4096, "\(figures)")
        #expect(MemoryFigures.read(pid: "self") != nil)
    }

    @Test("smaps_rollup fields are read by name, in kB, unknown ones skipped")
    func smapsRollupSample() {
        let text = """
            55d0-7ffd ---p 00000000 00:00 0                          [rollup]
            Rss:                1624 kB
            Pss:                 195 kB
            Pss_Dirty:           112 kB
            Shared_Clean:       1472 kB
            Shared_Dirty:          0 kB
            Private_Clean:        40 kB
            Private_Dirty:       112 kB
            Anonymous:           112 kB
            """
        let figures = MemoryFigures.parse(smapsRollup: text)
        #expect(figures.rss == 1624 * 1024 && figures.pss == 195 * 1024)
        #expect(figures.privateBytes == 112 * 1024)
        #expect(figures.mappedBytes == (1472 + 40) * 1024)
        #expect(figures.anonymous == 112 * 1024)
    }

    @Test("the test binary has a symbol table; Debian's stripped /usr/bin/true has none")
    func executable() throws {
        let own = try #require(ExecutableFile.inspect("/proc/self/exe"))
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let size = try FileManager.default.attributesOfItem(atPath: binary)[.size] as? Int
        #expect(own.bytes == size)
        #expect(own.hasSymbolTable)
        let stripped = try #require(ExecutableFile.inspect("/usr/bin/true"))
        #expect(!stripped.hasSymbolTable)
        #expect(ExecutableFile.inspect("/etc/hostname") == nil)
    }
}
