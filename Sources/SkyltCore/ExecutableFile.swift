/// Facts about an ELF executable for `skylt bench`: its size and whether it still carries
/// its symbol table (a binary not stripped is several times the size that ships).
public struct ExecutableFile: Sendable, Equatable {
    public var bytes: Int
    /// True when the file has a `.symtab` section.
    public var hasSymbolTable: Bool

    /// Reads `path`'s ELF section headers; nil when it is not a 64-bit little-endian ELF file
    /// or cannot be read.
    public static func inspect(_ path: String) -> ExecutableFile? {
        guard let file = try? POSIXFile(reading: path), let end = try? file.seekToEnd() else { return nil }
        let size = Int(end)
        func bytes(at offset: Int, count: Int) -> [UInt8]? {
            guard offset >= 0, offset + count <= size, (try? file.seek(to: Int64(offset))) != nil,
                let data = try? file.read(upTo: count), data.count == count
            else { return nil }
            return Array(data)
        }
        guard let header = bytes(at: 0, count: 64), header.starts(with: [0x7F, 0x45, 0x4C, 0x46, 2, 1]) else {
            return nil
        }
        let sectionsAt = Self.integer(header, 0x28, 8)
        let entrySize = Self.integer(header, 0x3A, 2)
        let count = Self.integer(header, 0x3C, 2)
        let namesIndex = Self.integer(header, 0x3E, 2)
        guard entrySize >= 64, count > 0, namesIndex < count,
            let table = bytes(at: sectionsAt, count: entrySize * count)
        else { return ExecutableFile(bytes: size, hasSymbolTable: false) }
        let namesHeader = namesIndex * entrySize
        guard
            let names = bytes(
                at: Self.integer(table, namesHeader + 0x18, 8), count: Self.integer(table, namesHeader + 0x20, 8))
        else { return nil }
        let wanted = Array(".symtab".utf8) + [0]
        let symtab = (0..<count).contains { index in
            let nameAt = Self.integer(table, index * entrySize, 4)
            return nameAt >= 0 && nameAt < names.count && names[nameAt...].prefix(wanted.count).elementsEqual(wanted)
        }
        return ExecutableFile(bytes: size, hasSymbolTable: symtab)
    }

    /// A little-endian unsigned integer of `width` bytes at `offset`.
    private static func integer(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> Int {
        guard offset + width <= bytes.count else { return -1 }
        return (0..<width).reversed().reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
    }
}
