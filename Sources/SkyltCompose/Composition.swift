import SkyltCore

/// A QR code as placed on a frame, for checks and scan tests.
public struct PlacedCode: Sendable, Equatable {
    public var field: String
    /// The exact string encoded: a URL or a `WIFI:` string.
    public var payload: String
    /// The symbol without its quiet zone, in frame pixels.
    public var symbolRect: Rect
    public var modules: Int
    public var modulePixels: Int
}

/// A composed slide and where everything on it went.
public struct Composition: Sendable {
    public var frame: Frame
    public var layout: Layout

    public var texts: [FittedText] { layout.texts }
    public var codes: [PlacedCode] { layout.codes }
}

/// A slide that cannot be drawn legibly, or at all. Names the slide and the field, so that
/// `skylt validate` can tell the editor what to change and the player can log why it skipped.
public struct ComposeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var slide: String
    public var field: String
    public var reason: String

    public var description: String { "slide '\(slide)': field '\(field)': \(reason)" }
}
