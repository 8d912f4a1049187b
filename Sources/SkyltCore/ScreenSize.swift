/// A screen size a playlist declares it will be shown at, so that `skylt validate` and
/// `skylt publish` check every slide on each of them, and a portrait kiosk never skips a slide
/// that passed in landscape.
public struct ScreenSize: Sendable, Equatable, CustomStringConvertible {
    public var width, height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The sizes checked when a playlist does not say: the standard landscape screen and the
    /// same screen turned on its side.
    public static let defaults = [ScreenSize(width: 1920, height: 1080), ScreenSize(width: 1080, height: 1920)]

    /// The range of a side, from a tiny test window to an 8K screen.
    public static let sideRange = 64...7680

    /// Reads "1920x1080"; nil when it is not two sides in range.
    public init?(parsing text: String) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
            Self.sideRange.contains(width), Self.sideRange.contains(height)
        else { return nil }
        self.init(width: width, height: height)
    }

    public var description: String { "\(width)x\(height)" }
}

/// Which way a script runs, for layout mirroring and the `direction` of previews' layout files.
public enum TextDirection: String, Sendable {
    case ltr, rtl
}

extension LanguageCode {
    /// Languages written right to left (Arabic, Persian, Hebrew, Urdu, Pashto, Sorani).
    static let rightToLeft: Set<String> = ["ar", "fa", "he", "ur", "ps", "ckb", "yi"]

    /// The direction of a language's usual script; the region part of a code does not matter.
    public static func direction(_ code: String) -> TextDirection {
        let base = code.split(separator: "-").first.map(String.init) ?? code
        return rightToLeft.contains(base) ? .rtl : .ltr
    }
}
