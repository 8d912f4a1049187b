import FoundationEssentials
import SkyltCore

extension LayoutCheck {
    /// Images offered for download (`qr.file`) decoded with the player's own loader, as the
    /// slide images are: a map the reader let through by its first bytes must also be whole.
    static func downloadProblems(_ playlist: Playlist, file: String) -> [Problem] {
        playlist.slides.compactMap { (slide) -> Problem? in
            guard let download = slide.qrLink?.file, MediaKind(path: download.path) == .raster else { return nil }
            do throws(MediaError) {
                _ = try ImageCheck.decodedSize(of: download)
                return nil
            } catch {
                return Problem(
                    file: file, slide: slide.id, field: "qr.file", message: "cannot be decoded: \(error.reason)")
            }
        }
    }
}
