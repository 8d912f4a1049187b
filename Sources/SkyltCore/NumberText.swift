@preconcurrency import Glibc

/// Numbers as text for logs, reports and pages, in one place instead of `String(format:)`:
/// C's own printf does the rounding, so "%.1f" gives the same digits it always gave.
public enum NumberText {
    /// `value` with exactly `decimals` digits after the point ("2.50"), rounded as printf
    /// rounds; no grouping, always a point, whatever the locale.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let places = Int32(max(0, min(decimals, 20)))
        var buffer = [CChar](repeating: 0, count: 352)
        _ = withVaList([places, value]) { arguments in
            vsnprintf(&buffer, buffer.count, "%.*f", arguments)
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `value` in decimal with leading zeros up to `width` digits ("007"); a minus sign
    /// comes before the zeros.
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }

    /// Bytes as two hex digits each, `uppercase` or not ("0aff").
    public static func hex(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension StringProtocol {
    /// Padded with spaces on the right to `width` characters, for a table's left-aligned
    /// column; longer text is kept whole.
    public func padded(to width: Int) -> String {
        String(self) + String(repeating: " ", count: Swift.max(0, width - count))
    }

    /// Padded with spaces on the left to `width` characters, for a right-aligned column.
    public func padded(left width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - count)) + String(self)
    }
}
