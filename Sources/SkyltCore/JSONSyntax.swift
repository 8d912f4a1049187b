/// Finds where JSON text goes wrong, for the message of `JSONSyntaxError`: JSONDecoder only
/// says that the data is not valid JSON, and a person fixing a file by hand needs the line
/// and the column. Runs only after a decode failed, so it need not be fast.
struct JSONSyntax {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// JSONDecoder's own nesting limit: a deeper document fails to decode, and the scan that
    /// follows must not recurse without end on it (200,000 brackets would overflow the stack).
    static let maxDepth = 512

    /// Nil when the bytes are valid JSON (a decode failed for another reason), else what is
    /// wrong and where ("unexpected character '}' at line 3, column 7").
    static func problem(in bytes: [UInt8]) -> String? {
        var scanner = JSONSyntax(bytes: bytes)
        guard let (what, offset) = scanner.document() else { return nil }
        let prefix = bytes[..<offset]
        let line = prefix.filter { $0 == 0x0A }.count + 1
        let column = offset - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
        return "\(what) at line \(line), column \(column)"
    }

    private typealias Failure = (String, Int)

    private mutating func document() -> Failure? {
        if let failure = value() { return failure }
        skipSpace()
        return index < bytes.count ? unexpected() : nil
    }

    private mutating func value() -> Failure? {
        skipSpace()
        guard index < bytes.count else { return ("unexpected end of the data", index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), keyed: true)
        case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), keyed: false)
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    private mutating func container(close: UInt8, keyed: Bool) -> Failure? {
        guard depth < Self.maxDepth else { return ("nested more than \(Self.maxDepth) levels deep", index) }
        depth += 1
        defer { depth -= 1 }
        index += 1
        skipSpace()
        if index < bytes.count && bytes[index] == close {
            index += 1
            return nil
        }
        while true {
            if keyed {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return unexpected() }
                if let failure = string() { return failure }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return unexpected() }
                index += 1
            }
            if let failure = value() { return failure }
            skipSpace()
            guard index < bytes.count else { return unexpected() }
            if bytes[index] == close {
                index += 1
                return nil
            }
            guard bytes[index] == UInt8(ascii: ",") else { return unexpected() }
            index += 1
        }
    }

    private mutating func string() -> Failure? {
        let start = index
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return nil
            case UInt8(ascii: "\\"): index += 2
            case 0..<0x20: return ("control character in a string", index)
            default: index += 1
            }
        }
        return ("unterminated string", start)
    }

    private mutating func literal(_ word: String) -> Failure? {
        guard bytes[index...].starts(with: word.utf8) else { return unexpected() }
        index += word.utf8.count
        return nil
    }

    private mutating func number() -> Failure? {
        let start = index
        let allowed = Set("+-0123456789.eE".utf8)
        while index < bytes.count, allowed.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty else { return unexpected() }
        guard text.first != "+", Double(text) != nil else { return ("invalid number \(text)", start) }
        return nil
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func unexpected() -> Failure {
        guard index < bytes.count else { return ("unexpected end of the data", index) }
        let byte = bytes[index]
        let shown = (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
        return ("unexpected character \(shown)", index)
    }
}
