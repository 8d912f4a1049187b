public import FoundationEssentials
import SkyltCompose
public import SkyltCore

/// Writes the frame on screen to a PNG at each switch (atomically), for headless runs and for
/// a technician who wants to see what a kiosk shows.
public final class ScreenshotWriter: PlayObserver {
    public let file: URL
    private let logger: Logger

    public init(file: URL, logger: Logger = .standard) {
        self.file = file
        self.logger = logger
    }

    public func playLoop(_ event: PlayEvent) {
        guard case .switched(let change) = event, let frame = change.frame else { return }
        do {
            try frame.writePNG(to: file)
        } catch {
            logger.warning("cannot write the screenshot \(file.path): \(error)")
        }
    }
}
