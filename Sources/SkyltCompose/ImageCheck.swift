public import FoundationEssentials

/// Decodes an image file with the player's own loader (`Picture`), so that a medium the
/// studio accepts is one the kiosks can show. The caller must have checked the file's size and
/// its header's pixel dimensions first: this decodes the whole image.
public enum ImageCheck {
    /// Most pixels a raster the player decodes may have (the loader's own cap).
    public static var maxPixels: Int { Picture.maxPixels }

    /// The image's size in pixels when the player's loader decodes `url` (PNG, JPEG, WebP or
    /// SVG, by the file name's extension); the loader's reason otherwise.
    public static func decodedSize(of url: URL) throws(MediaError) -> (width: Int, height: Int) {
        let picture = try Picture(contentsOf: url)
        return (Int(picture.width.rounded()), Int(picture.height.rounded()))
    }
}
