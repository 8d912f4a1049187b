import FoundationEssentials
public import SkyltCore
public import SkyltPlayer

/// Picks the screen: SDL on a display, the offscreen screen without one.
public enum ScreenChoice {
    /// The screen for `display`'s pixels: SDL when a display is likely and opens, otherwise
    /// (or with `headless`) the offscreen screen. Says in the log what it chose.
    public static func open(display: DisplayProfile, headless: Bool, logger: Logger) -> any Screen {
        let width = display.widthPixels
        let height = display.heightPixels
        if !headless && !displayLikely() {
            logger.notice("no display found (no DISPLAY, WAYLAND_DISPLAY or /dev/dri); running headless")
        } else if !headless {
            do {
                let screen = try SDLScreen(width: width, height: height, headless: false)
                if !screen.isHeadless {
                    report(screen, logger: logger)
                    return screen
                }
            } catch {
                logger.notice("no display could be opened (\(error)); running headless")
            }
        }
        return OffscreenScreen(width: width, height: height)
    }

    /// Whether SDL could find a display at all: an X11 or Wayland session, or a DRM device for
    /// KMS. Checking first spares a display-less machine SDL's slow and noisy probing.
    static func displayLikely() -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["DISPLAY"]?.isEmpty == false || environment["WAYLAND_DISPLAY"]?.isEmpty == false { return true }
        let cards = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/dri")) ?? []
        return cards.contains { $0.hasPrefix("card") }
    }

    /// Logs the display's real pixels, and warns when frames must shrink to fit: sizes for
    /// legibility and QR codes are worked out for the config's pixels, and a smaller display
    /// would take them below what was checked.
    private static func report(_ screen: SDLScreen, logger: Logger) {
        let output = screen.outputSize
        logger.info(
            "playing on the \(screen.driverName) display at \(output.width)x\(output.height);"
                + " frames of \(screen.width)x\(screen.height) are scaled to fit")
        let scale = min(Double(output.width) / Double(screen.width), Double(output.height) / Double(screen.height))
        guard scale < 0.99 else { return }
        logger.warning(
            "the display has fewer pixels than the config's display (\(screen.width)x\(screen.height)): frames"
                + " are shrunk to \(NumberText.fixed(scale * 100, decimals: 0))%, and text and QR codes with them;"
                + " set display.width and display.height to \(output.width)x\(output.height)")
    }
}
