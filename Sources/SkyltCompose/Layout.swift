public import SkyltCore

/// The room the templates keep text and QR codes inside; full-bleed images may reach past
/// it. Computed here only, so that the painter and the layout files agree.
public struct SafeArea: Sendable, Equatable {
    /// The inset on every side, as a share of the frame's short side.
    public static let share = 0.05

    /// The inset in pixels.
    public let margin: Double
    public let rect: Rect

    public init(width: Int, height: Int) {
        margin = (Double(min(width, height)) * Self.share).rounded()
        rect = Rect(x: 0, y: 0, width: Double(width), height: Double(height)).inset(by: margin)
    }
}

/// What a text is for, in the fixed vocabulary of layout files; templates' fields map onto it.
public enum LayoutRole: String, Sendable, CaseIterable {
    case title, body, label, date, place, price, caption, issuer, author, ssid, password, languages
}

/// Where the lines of a text sit in its box, in reading order: `start` is right in Arabic.
public enum LayoutAlignment: String, Sendable {
    case start, center, end
}

/// An image as placed on a frame: the part of it that shows.
public struct PlacedImage: Sendable, Equatable {
    public var field: String
    public var box: Rect
    /// Whether it reaches past the safe area towards the frame's edges.
    public var bleed: Bool
}

/// One thing drawn on a slide.
public enum LayoutElement: Sendable, Equatable {
    case text(FittedText)
    case code(PlacedCode)
    case image(PlacedImage)
}

/// Where everything on a composed slide went, in drawing order: what previews' layout files
/// say and what the checks read.
public struct Layout: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var safeArea: Rect
    public var language: String
    public var direction: TextDirection
    public var elements: [LayoutElement]

    public var texts: [FittedText] {
        elements.compactMap { if case .text(let text) = $0 { text } else { nil } }
    }

    public var codes: [PlacedCode] {
        elements.compactMap { if case .code(let code) = $0 { code } else { nil } }
    }

    public var images: [PlacedImage] {
        elements.compactMap { if case .image(let image) = $0 { image } else { nil } }
    }
}

extension Rect {
    /// The part of both rectangles; empty (zero size) when they do not meet.
    func intersection(_ other: Rect) -> Rect {
        let x = max(self.x, other.x)
        let y = max(self.y, other.y)
        let width = max(0, min(maxX, other.maxX) - x)
        let height = max(0, min(maxY, other.maxY) - y)
        return Rect(x: x, y: y, width: width, height: height)
    }

    /// The smallest rectangle holding both.
    func union(_ other: Rect) -> Rect {
        let x = min(self.x, other.x)
        let y = min(self.y, other.y)
        return Rect(x: x, y: y, width: max(maxX, other.maxX) - x, height: max(maxY, other.maxY) - y)
    }
}
