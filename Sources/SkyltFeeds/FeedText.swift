import FoundationEssentials
import SkyltCore

/// Text from outside made fit for a slide: no control characters (line breaks only where the
/// field allows them), white space collapsed, and shortened within the playlist reader's caps,
/// so that no feed can make a channel unpublishable.
enum FeedText {
    /// `text` with refused characters removed, runs of spaces collapsed, at most one empty
    /// line between paragraphs (or one line when `lineBreaks` is false); nil when nothing
    /// is left.
    static func clean(_ text: String, lineBreaks: Bool) -> String? {
        var lines: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x2028, 0x2029:
                lines.append(current)
                current = ""
            case 0x09, 0xA0: current.unicodeScalars.append(" ")
            default:
                if ControlCharacters.isRefused(scalar, lineBreaks: false) || scalar.value == 0xAD { continue }
                if scalar.properties.isWhitespace {
                    current.unicodeScalars.append(" ")
                } else {
                    current.unicodeScalars.append(scalar)
                }
            }
        }
        lines.append(current)
        let collapsed = lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        let result = lineBreaks ? paragraphs(collapsed) : collapsed.filter { !$0.isEmpty }.joined(separator: " ")
        return result.isEmpty ? nil : result
    }

    /// Lines joined with line breaks, runs of empty lines kept as one, none at either end.
    private static func paragraphs(_ lines: [String]) -> String {
        var kept: [String] = []
        for line in lines where !(line.isEmpty && (kept.last?.isEmpty ?? true)) { kept.append(line) }
        while kept.last?.isEmpty == true { kept.removeLast() }
        return kept.joined(separator: "\n")
    }

    /// `text` cut to at most `limit` characters of at most `TextLimit.maxScalarsPerCharacter`
    /// code points each (the reader's two caps), at a word boundary when one is near, with an
    /// ellipsis when anything was cut.
    static func shortened(_ text: String, to limit: Int) -> String {
        let capped = cappedScalars(text)
        if capped.count <= limit { return capped }
        var cut = String(capped.prefix(limit - 1))
        if let space = cut.lastIndex(where: { $0 == " " || $0 == "\n" }),
            cut.distance(from: cut.startIndex, to: space) > cut.count * 2 / 3
        {
            cut = String(cut[..<space])
        }
        while let last = cut.last, last == " " || last == "\n" || last == "," || last == "." { cut.removeLast() }
        return cut + "…"
    }

    /// `text` with each character of more code points than the reader allows (a pile of
    /// combining marks) reduced to its first: one such character would make the reader
    /// refuse the whole field, and with it a whole board.
    static func cappedScalars(_ text: String) -> String {
        let max = TextLimit.maxScalarsPerCharacter
        guard text.contains(where: { $0.unicodeScalars.count > max }) else { return text }
        var kept = String.UnicodeScalarView()
        for character in text {
            if character.unicodeScalars.count > max {
                kept.append(character.unicodeScalars.first!)
            } else {
                kept.append(contentsOf: character.unicodeScalars)
            }
        }
        return String(kept)
    }

    /// Cleaned and shortened to `limit`; nil when nothing is left.
    static func field(_ text: String?, limit: TextLimit, shortenTo: Int? = nil) -> String? {
        guard let text, let cleaned = clean(text, lineBreaks: limit.lineBreaks) else { return nil }
        return shortened(cleaned, to: shortenTo ?? limit.maxCharacters ?? 5_000)
    }
}

/// Short stable slide ids from an item's identity (a GUID, a CAP identifier): the same item
/// keeps its id from round to round, and ids stay within the service's 48 characters.
enum SlideID {
    static func make(_ prefix: String, _ identity: String) -> String { prefix + "-" + hash(identity) }

    /// Sixteen hex digits of FNV-1a over the UTF-8 bytes: stable from run to run and machine
    /// to machine, which Swift's own hashing is not.
    static func hash(_ identity: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identity.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
