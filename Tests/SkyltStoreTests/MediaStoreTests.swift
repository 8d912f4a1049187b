import Foundation
import SkyltStore
import SkyltTestSupport
import Testing

@Suite("media store")
struct MediaStoreTests {
    let folder = TemporaryFolder()

    func store() throws -> MediaStore { try MediaStore(dataFolder: folder.url) }

    func mediaFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.file("media").path).sorted()
    }

    @Test("bytes are stored under their SHA-256 and read back")
    func putAndRead() throws {
        let store = try store()
        let hash = try store.put(Data("abc".utf8))
        #expect(hash == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try store.read(hash) == Data("abc".utf8))
        #expect(try store.contains(hash))
        #expect(try store.url(for: hash) == folder.file("media").appendingPathComponent(hash))
        let empty = try store.put(Data())
        #expect(empty == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try store.read(empty) == Data())
    }

    @Test("read takes at most maxBytes: a medium grown past the cap, or a link, is refused")
    func readCapped() throws {
        let hash = try store().put(Data(repeating: 7, count: 200))
        let small = try MediaStore(dataFolder: folder.url, maxBytes: 100)
        do {
            _ = try small.read(hash)
            Issue.record("a medium over the cap was read")
        } catch {
            #expect(error.code == .mediaTooLarge(size: 200, limit: 100))
        }
        let other = try store().put(Data("x".utf8))
        let file = try small.url(for: other)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/dev/zero")
        #expect(throws: StoreError.self) { try small.read(other) }
    }

    @Test("the same content is stored once (the same file, not rewritten), and no temporary file is left behind")
    func dedupe() throws {
        let store = try store()
        let bytes = Data((0..<10_000).map { UInt8($0 % 251) })
        let first = try store.put(bytes)
        let inode = try FileManager.default.attributesOfItem(atPath: store.url(for: first).path)[.systemFileNumber]
        #expect(try store.put(bytes) == first)
        let after = try FileManager.default.attributesOfItem(atPath: store.url(for: first).path)
        #expect(after[.systemFileNumber] as? Int == inode as? Int)
        // The same file, not a rewrite (its time is touched, so that a sweep takes it for new).
        #expect(try mediaFiles() == [first])
    }

    @Test("a truncated file (a crash before the rename cannot make one, but a disk can) is rewritten by put")
    func repairs() throws {
        let store = try store()
        let bytes = Data("a poster".utf8)
        let hash = try store.put(bytes)
        try Data("a pos".utf8).write(to: store.url(for: hash))
        do {
            _ = try store.read(hash)
            Issue.record("a damaged medium was served")
        } catch {
            #expect(error.code == .mediaCorrupt)
        }
        let damagedInode = try FileManager.default.attributesOfItem(atPath: store.url(for: hash).path)[
            .systemFileNumber]
        try store.put(bytes)
        #expect(try store.read(hash) == bytes)
        // Replaced by a rename, not rewritten in place: a reader never sees a half-written file.
        let inode = try FileManager.default.attributesOfItem(atPath: store.url(for: hash).path)[.systemFileNumber]
        #expect(inode as? Int != damagedInode as? Int)
    }

    @Test("writers of the same medium at once each rename a whole file into place, never a shared one")
    func concurrentPuts() throws {
        let store = try store()
        let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try store.put(Data("other".utf8))
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<5 { _ = try? store.put(bytes) }
        }
        let hash = try store.put(bytes)
        #expect(try store.read(hash) == bytes)
        #expect(try mediaFiles().filter { $0.hasPrefix(".") } == [])
        #expect(try mediaFiles().count == 2)
    }

    @Test(
        "texts that are not a hash are refused before they touch the file system",
        arguments: [
            "../x", "../../etc/passwd", "/etc/passwd", "", "abc",
            String(repeating: "A", count: 64), String(repeating: "g", count: 64),
            String(repeating: "a", count: 63) + "/", "../" + String(repeating: "a", count: 61),
            String(repeating: "a", count: 65), "sha256:" + String(repeating: "a", count: 64),
            String(repeating: "a", count: 63) + "\u{0}",
        ])
    func badHashes(text: String) throws {
        let store = try store()
        for attempt in [
            { _ = try store.read(text) }, { _ = try store.url(for: text) }, { _ = try store.contains(text) },
        ] {
            do {
                try attempt()
                Issue.record("'\(text)' was taken as a hash")
            } catch let error as StoreError {
                #expect(error.code == .mediaHashInvalid)
            }
        }
        #expect(!MediaStore.isHash(text))
    }

    @Test("a well-formed hash with no file is not found")
    func notFound() throws {
        let store = try store()
        do {
            _ = try store.read(String(repeating: "0", count: 64))
            Issue.record("a missing medium was read")
        } catch {
            #expect(error.code == .mediaNotFound)
        }
    }

    @Test("a medium over the limit is refused and nothing is written")
    func tooLarge() throws {
        let store = try MediaStore(dataFolder: folder.url, maxBytes: 10)
        do {
            try store.put(Data(count: 11))
            Issue.record("an oversized medium was stored")
        } catch {
            #expect(error.code == .mediaTooLarge(size: 11, limit: 10))
        }
        #expect(try mediaFiles() == [])
    }
}
