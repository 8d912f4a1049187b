public import FoundationEssentials

/// Decodes an image file with the player's own loader (`Picture`), so that a medium the
/// studio accepts is one the kiosks can show. The loader bounds itself: a file that is not
/// regular or is over the size cap is not read, and a picture whose header is over the pixel
/// caps (or an SVG embedding one) is refused before any decoding.
public enum ImageCheck {
    /// Most pixels a raster the player decodes may have (the loader's own cap).
    public static var maxPixels: Int { Picture.maxPixels }
    /// Longest side a raster, or an SVG's intrinsic size, may have.
    public static var maxSidePixels: Int { Picture.maxSidePixels }
    /// Largest media file the player reads.
    public static var maxFileBytes: Int { Picture.maxFileBytes }

    /// The image's size in pixels when the player's loader decodes `url` (PNG, JPEG, WebP or
    /// SVG, by the file name's extension); the loader's reason otherwise.
    public static func decodedSize(of url: URL) throws(MediaError) -> (width: Int, height: Int) {
        let picture = try Picture(contentsOf: url)
        return (Int(picture.width.rounded()), Int(picture.height.rounded()))
    }
}
