/// String edits the kiosk used to take from Foundation's NSString bridge, written on the
/// standard library so the kiosk binary does not carry ICU's data for them.
extension StringProtocol {
    /// Without leading and trailing white space and line breaks (Unicode's White_Space), the
    /// set `.whitespacesAndNewlines` meant: what a person typed around a value never counts.
    public var trimmed: String { trimmingScalars { $0.properties.isWhitespace } }

    /// Without leading and trailing spaces and tabs, keeping line breaks (`.whitespaces`):
    /// for the parts of one header or key line.
    public var trimmedSpaces: String { trimmingScalars(where: Self.isSpaceNotNewline) }

    /// Every occurrence of `target` replaced by `replacement`, matched on the UTF-8 bytes
    /// rather than on whole characters, so "\n" is found inside "\r\n" as Foundation found it.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard !needle.isEmpty else { return String(self) }
        let bytes = Array(utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == needle[0], bytes[index...].starts(with: needle) {
                out.append(contentsOf: replacement.utf8)
                index += needle.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `.whitespaces` is the space separators and the tab; line breaks are not among them.
    static func isSpaceNotNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: false
        default: scalar.properties.isWhitespace
        }
    }

    private func trimmingScalars(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }),
            let last = scalars.lastIndex(where: { !drop($0) })
        else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }
}

extension StringProtocol {
    /// The text with each %XX turned back into its byte, as a form or URL sent it; nil when a
    /// % is not followed by two hex digits or the bytes are not UTF-8 (as Foundation's
    /// `removingPercentEncoding`).
    public var percentDecoded: String? {
        var out: [UInt8] = []
        var bytes = utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else {
                out.append(byte)
                continue
            }
            guard let high = bytes.next().flatMap(Self.hexValue), let low = bytes.next().flatMap(Self.hexValue)
            else { return nil }
            out.append(high << 4 | low)
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
