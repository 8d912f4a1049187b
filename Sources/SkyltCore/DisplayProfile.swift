import FoundationEssentials

/// The physical screen and how people use it. Text and QR sizes follow from these, because
/// legibility depends on millimetres at a distance, not on pixels.
public struct DisplayProfile: Sendable, Equatable {
    public var widthPixels, heightPixels: Int
    public var diagonalInches: Double
    /// Where people stand when they read the screen.
    public var viewingDistanceMeters: Double
    /// Where people hold their phones when they scan a QR code.
    public var scanDistanceMeters: Double
    /// The inset text and QR codes keep from every edge, in percent of the short side (0...15),
    /// so that a TV's overscan does not cut them off.
    public var safeAreaPercent: Double = 5

    public static let standard = DisplayProfile(
        widthPixels: 1920, heightPixels: 1080, diagonalInches: 43, viewingDistanceMeters: 2.5, scanDistanceMeters: 1)

    /// The same physical screen shown at another pixel size (a portrait rotation, a preview).
    /// The diagonal stays; the physical size of a pixel follows.
    public func resized(width: Int, height: Int) -> DisplayProfile {
        var copy = self
        copy.widthPixels = width
        copy.heightPixels = height
        return copy
    }

    public var isPortrait: Bool { heightPixels > widthPixels }

    /// Millimetres per pixel: width in mm = diagonal × 25.4 × w / √(w² + h²), over w pixels.
    /// Square pixels are assumed.
    public var millimetersPerPixel: Double {
        let w = Double(widthPixels)
        let h = Double(heightPixels)
        let widthMillimeters = diagonalInches * 25.4 * w / (w * w + h * h).squareRoot()
        return widthMillimeters / w
    }

    public func pixels(millimeters: Double) -> Double { millimeters / millimetersPerPixel }
}

/// The legibility rules that follow from a display profile.
public struct Legibility: Sendable, Equatable {
    public let profile: DisplayProfile

    public init(_ profile: DisplayProfile) { self.profile = profile }

    /// Body text needs a cap height of at least 1/200 of the viewing distance.
    public static let bodyCapHeightPerDistance = 1.0 / 200
    /// Titles are twice the body minimum.
    public static let titleScale = 2.0
    /// A QR code scans from about ten times its width.
    public static let scanDistancePerQRWidth = 10.0
    /// Below this many pixels a module blurs for phone cameras.
    public static let minimumQRModulePixels = 6
    /// The quiet zone around a QR symbol, in modules, as ISO/IEC 18004 requires.
    public static let qrQuietZoneModules = 4

    /// Minimum cap height of body text in pixels (about 25 px at the defaults, 36 px type).
    public var minimumBodyCapHeightPixels: Double {
        profile.pixels(millimeters: profile.viewingDistanceMeters * 1000 * Self.bodyCapHeightPerDistance)
    }

    public var minimumTitleCapHeightPixels: Double { minimumBodyCapHeightPixels * Self.titleScale }

    /// Minimum width of a QR symbol (without its quiet zone) in pixels: 10 cm at 1 m.
    public var minimumQRWidthPixels: Double {
        profile.pixels(millimeters: profile.scanDistanceMeters * 1000 / Self.scanDistancePerQRWidth)
    }

    /// Pixels per module for a symbol of `modules` modules: a whole number, never under the
    /// minimum module size, and large enough that the symbol meets the physical minimum width.
    public func qrModulePixels(modules: Int) -> Int {
        let forWidth = Int((minimumQRWidthPixels / Double(max(modules, 1))).rounded(.up))
        return max(Self.minimumQRModulePixels, forWidth)
    }
}
