internal import CSDL2
public import SkyltCompose
import SkyltCore

/// The screen through SDL2: full screen on a display (KMS/DRM on a console, X11 or Wayland on
/// a desktop), or SDL's dummy driver when there is none, so that everything still runs.
///
/// Must be created and used on the process's main thread and on no other.
public final class SDLScreen: Screen {
    public let driverName: String
    public let isHeadless: Bool
    public var eventPollIntervalSeconds: Double? { isHeadless ? nil : 0.25 }
    public let width: Int
    public let height: Int
    /// The display's size in pixels, which frames are scaled to with their aspect kept.
    public var outputSize: (width: Int, height: Int) {
        var outputWidth: Int32 = 0
        var outputHeight: Int32 = 0
        SDL_GetRendererOutputSize(renderer, &outputWidth, &outputHeight)
        return (Int(outputWidth), Int(outputHeight))
    }

    private let window: OpaquePointer
    private let renderer: OpaquePointer
    private var current: OpaquePointer
    private var staged: OpaquePointer
    private var hasCurrent = false
    private var hasStaged = false

    /// Opens a screen for frames of `width`×`height`. With `headless`, uses SDL's dummy driver
    /// (tests, benchmarks). Throws when no display can be opened. The frames are scaled to the
    /// display's real size with their aspect kept.
    public init(width: Int, height: Int, headless: Bool) throws(ScreenError) {
        SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1")
        SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0")
        if headless { SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy") }
        guard SDL_Init(SDL_INIT_VIDEO) == 0 else { throw ScreenError(operation: "SDL_Init", reason: Self.error()) }
        driverName = SDL_GetCurrentVideoDriver().map { String(cString: $0) } ?? "unknown"
        isHeadless = driverName == "dummy" || driverName == "offscreen"
        self.width = width
        self.height = height
        let position = skylt_sdl_windowpos_undefined()
        let flags = isHeadless ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP.rawValue
        // On a display the window is made at the display's own size. Made at the frame's size
        // and left to grow to full screen, it keeps the renderer's first idea of its size on an
        // X server without a window manager (a kiosk's usual set-up), and every frame then
        // lands off-centre and cut.
        var windowWidth = Int32(width)
        var windowHeight = Int32(height)
        var mode = SDL_DisplayMode()
        if !isHeadless, SDL_GetDesktopDisplayMode(0, &mode) == 0, mode.w > 0, mode.h > 0 {
            windowWidth = mode.w
            windowHeight = mode.h
        }
        guard let window = SDL_CreateWindow("Skylt", position, position, windowWidth, windowHeight, flags) else {
            let reason = Self.error()
            SDL_Quit()
            throw ScreenError(operation: "SDL_CreateWindow", reason: reason)
        }
        self.window = window
        let accelerated = SDL_RENDERER_ACCELERATED.rawValue | SDL_RENDERER_PRESENTVSYNC.rawValue
        guard
            let renderer = (isHeadless ? nil : SDL_CreateRenderer(window, -1, accelerated))
                ?? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue)
        else {
            let reason = Self.error()
            SDL_DestroyWindow(window)
            SDL_Quit()
            throw ScreenError(operation: "SDL_CreateRenderer", reason: reason)
        }
        self.renderer = renderer
        SDL_RenderSetLogicalSize(renderer, Int32(width), Int32(height))
        SDL_ShowCursor(SDL_DISABLE)
        func texture() -> OpaquePointer? {
            SDL_CreateTexture(
                renderer, SDL_PIXELFORMAT_ARGB8888.rawValue, Int32(SDL_TEXTUREACCESS_STATIC.rawValue), Int32(width),
                Int32(height))
        }
        guard let first = texture(), let second = texture() else {
            let reason = Self.error()
            SDL_DestroyRenderer(renderer)
            SDL_DestroyWindow(window)
            SDL_Quit()
            throw ScreenError(operation: "SDL_CreateTexture", reason: reason)
        }
        current = first
        staged = second
        SDL_SetTextureBlendMode(staged, SDL_BLENDMODE_BLEND)
        SDL_SetTextureBlendMode(current, SDL_BLENDMODE_NONE)
    }

    deinit {
        SDL_DestroyTexture(current)
        SDL_DestroyTexture(staged)
        SDL_DestroyRenderer(renderer)
        SDL_DestroyWindow(window)
        SDL_Quit()
    }

    private static func error() -> String { String(cString: SDL_GetError()) }

    public func stage(_ frame: Frame) throws(ScreenError) {
        guard frame.width == width, frame.height == height else {
            throw ScreenError(
                operation: "stage", reason: "frame is \(frame.width)x\(frame.height), screen is \(width)x\(height)")
        }
        let status = frame.withPixels { SDL_UpdateTexture(staged, nil, $0, Int32(frame.stride)) }
        guard status == 0 else { throw ScreenError(operation: "SDL_UpdateTexture", reason: Self.error()) }
        hasStaged = true
    }

    public func draw(fade: Double) {
        SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255)
        SDL_RenderClear(renderer)
        if hasCurrent { SDL_RenderCopy(renderer, current, nil, nil) }
        if hasStaged && fade > 0 {
            SDL_SetTextureAlphaMod(staged, UInt8((min(fade, 1) * 255).rounded()))
            SDL_RenderCopy(renderer, staged, nil, nil)
        }
        SDL_RenderPresent(renderer)
    }

    public func promote() {
        guard hasStaged else { return }
        swap(&current, &staged)
        SDL_SetTextureBlendMode(staged, SDL_BLENDMODE_BLEND)
        SDL_SetTextureBlendMode(current, SDL_BLENDMODE_NONE)
        hasCurrent = true
        hasStaged = false
    }

    public func blank() {
        SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255)
        SDL_RenderClear(renderer)
        SDL_RenderPresent(renderer)
    }

    public func pollEvents() -> [ScreenEvent] {
        var events: [ScreenEvent] = []
        var event = SDL_Event()
        while SDL_PollEvent(&event) == 1 {
            switch event.type {
            case SDL_QUIT.rawValue:
                events.append(.quit)
            case SDL_WINDOWEVENT.rawValue:
                let kind = UInt32(event.window.event)
                if kind == SDL_WINDOWEVENT_EXPOSED.rawValue || kind == SDL_WINDOWEVENT_SIZE_CHANGED.rawValue {
                    events.append(.redraw)
                }
            case SDL_RENDER_TARGETS_RESET.rawValue, SDL_RENDER_DEVICE_RESET.rawValue:
                events.append(.redraw)
            default:
                break
            }
        }
        return events
    }

    /// Reads back what is on the screen (after the last `draw`), as 0xAARRGGBB pixels, for tests.
    public func readPixels() -> [UInt32] {
        var pixels = [UInt32](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBytes {
            _ = SDL_RenderReadPixels(renderer, nil, SDL_PIXELFORMAT_ARGB8888.rawValue, $0.baseAddress, Int32(width * 4))
        }
        return pixels
    }
}
