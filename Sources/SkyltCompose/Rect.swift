/// A rectangle in frame pixels, origin top left.
public struct Rect: Sendable, Equatable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    public func inset(by amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    /// True when `other` lies inside, allowing half a pixel for rounding.
    public func contains(_ other: Rect) -> Bool {
        other.x >= x - 0.5 && other.y >= y - 0.5 && other.maxX <= maxX + 0.5 && other.maxY <= maxY + 0.5
    }

    /// Cuts a slice off the top and returns (slice, rest), leaving `gap` between them.
    public func sliceTop(_ amount: Double, gap: Double = 0) -> (Rect, Rect) {
        let amount = min(amount, height)
        return (
            Rect(x: x, y: y, width: width, height: amount),
            Rect(x: x, y: y + amount + gap, width: width, height: height - amount - gap)
        )
    }

    public func sliceBottom(_ amount: Double, gap: Double = 0) -> (Rect, Rect) {
        let amount = min(amount, height)
        return (
            Rect(x: x, y: maxY - amount, width: width, height: amount),
            Rect(x: x, y: y, width: width, height: height - amount - gap)
        )
    }

    public func sliceLeft(_ amount: Double, gap: Double = 0) -> (Rect, Rect) {
        let amount = min(amount, width)
        return (
            Rect(x: x, y: y, width: amount, height: height),
            Rect(x: x + amount + gap, y: y, width: width - amount - gap, height: height)
        )
    }

    public func sliceRight(_ amount: Double, gap: Double = 0) -> (Rect, Rect) {
        let amount = min(amount, width)
        return (
            Rect(x: maxX - amount, y: y, width: amount, height: height),
            Rect(x: x, y: y, width: width - amount - gap, height: height)
        )
    }

    /// A centred rectangle of the given size inside this one.
    public func centered(width w: Double, height h: Double) -> Rect {
        Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    public var description: String { "(\(Int(x)),\(Int(y)) \(Int(width))x\(Int(height)))" }
}
