import FoundationEssentials
@preconcurrency import Glibc

/// An sRGB colour, parsed from `#RRGGBB`.
public struct Color: Sendable, Equatable, CustomStringConvertible {
    public var red, green, blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public init?(hex: String) {
        guard hex.count == 7, hex.first == "#", let value = UInt32(hex.dropFirst(), radix: 16) else { return nil }
        red = Double((value >> 16) & 0xFF) / 255
        green = Double((value >> 8) & 0xFF) / 255
        blue = Double(value & 0xFF) / 255
    }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 1, green: 1, blue: 1)

    public var description: String {
        let bytes = [red, green, blue].map { Int(($0 * 255).rounded()) }
        return "#" + NumberText.hex(bytes.map { UInt8(clamping: $0) }, uppercase: true)
    }

    /// WCAG 2 relative luminance, from linearised sRGB.
    public var relativeLuminance: Double {
        func linear(_ channel: Double) -> Double {
            channel <= 0.040_45 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG 2 contrast ratio, from 1 (none) to 21 (black on white).
    public func contrast(with other: Color) -> Double {
        let (a, b) = (relativeLuminance, other.relativeLuminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

/// A playlist's colours. Each text colour is paired with the background it stands on.
public struct Theme: Sendable, Equatable {
    public var background, foreground: Color
    public var accent, accentForeground: Color
    public var urgentBackground, urgentForeground: Color

    /// WCAG's minimum for normal text (AA).
    public static let minimumContrast = 4.5

    public static let standard = Theme(
        background: Color(hex: "#14342B")!, foreground: Color(hex: "#FFFFFF")!,
        accent: Color(hex: "#F2C14E")!, accentForeground: Color(hex: "#14342B")!,
        urgentBackground: Color(hex: "#9B1C1C")!, urgentForeground: Color(hex: "#FFFFFF")!)

    /// The text-on-background pairs that slides draw, with the theme fields that name them.
    public var textPairs: [(foreground: String, background: String, contrast: Double)] {
        [
            ("foreground", "background", foreground.contrast(with: background)),
            ("accentForeground", "accent", accentForeground.contrast(with: accent)),
            ("urgentForeground", "urgentBackground", urgentForeground.contrast(with: urgentBackground)),
        ]
    }
}
