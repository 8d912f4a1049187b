public import SkyltCore

/// The room the templates keep text and QR codes inside; full-bleed images may reach past
/// it. Computed here only, so that the painter and the layout files agree.
///
/// The inset is one share of the short side on every side (54 px at 1920x1080 by default):
/// equal margins frame a slide evenly in both orientations, and a kiosk whose TV overscans
/// more raises the share in its config.
public struct SafeArea: Sendable, Equatable {
    /// The default inset, in percent of the frame's short side.
    public static let defaultPercent = 5.0

    /// The inset in pixels.
    public let margin: Double
    public let rect: Rect

    public init(width: Int, height: Int, percent: Double = SafeArea.defaultPercent) {
        margin = (Double(min(width, height)) * percent / 100).rounded()
        rect = Rect(x: 0, y: 0, width: Double(width), height: Double(height)).inset(by: margin)
    }
}

/// Twelve columns with gutters of 2% of the frame's width inside the safe area, so that blocks
/// on every slide of a kiosk share edges. In right-to-left languages column 0 is the rightmost.
struct Grid {
    static let columns = 12
    static let gutterShare = 0.02

    let area: Rect
    let gutter: Double
    let rightToLeft: Bool

    init(safeArea: Rect, frameWidth: Int, rightToLeft: Bool) {
        area = safeArea
        gutter = (Double(frameWidth) * Self.gutterShare).rounded()
        self.rightToLeft = rightToLeft
    }

    var columnWidth: Double { (area.width - Double(Self.columns - 1) * gutter) / Double(Self.columns) }

    /// The box spanning `count` columns from `first` (in reading order), over `rows` (the full
    /// safe height unless given).
    func span(_ first: Int, _ count: Int, rows: Rect? = nil) -> Rect {
        let rows = rows ?? area
        let width = Double(count) * columnWidth + Double(count - 1) * gutter
        let start = Double(first) * (columnWidth + gutter)
        let x = rightToLeft ? area.maxX - start - width : area.x + start
        return Rect(x: x, y: rows.y, width: width, height: rows.height)
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
