public import Foundation
import SkyltCompose
public import SkyltCore
import SkyltStore
public import SkyltStudio

/// The slide editor's exact preview: the slide read by the player's own reader and drawn by
/// its own compositor (`SlideComposer`, as `skylt render` does), at each screen size and in
/// each language, with every problem found on the way placed at the form's field.
///
/// Safe to call from the server's threads at once, without a lock around rendering: each
/// call stages its own folder and makes its own composers, canvases and Pango layouts;
/// cairo draws on separate surfaces independently, Pango (≥ 1.32) keeps a font map per
/// thread, fontconfig (≥ 2.10) guards its configuration itself, librsvg's handles are per
/// call, and the compositor's shared values are immutable `static let`s. The preview cache
/// has its own lock. `SlidePreviewTests` renders from several threads at once and compares
/// the bytes with a serial render.
public final class SlidePreviewer: Sendable {
    /// At most this many sizes and languages are drawn for one request: 32 frames bound the
    /// work one press of "Preview" can cause.
    public static let maxSizes = 4
    public static let maxLanguages = 8
    /// The longest side of a preview PNG: frames are laid out at the screen's size, then
    /// scaled down to this for the page (as `skylt render --scale` does).
    public static let maxPreviewSide = 960

    /// The most PNG bytes kept for the preview route at once (oldest out), and how long one
    /// is kept: see `PreviewCache`.
    public static let maxCacheBytes = 64 << 20
    public static let maxCacheAgeSeconds: Double = 30 * 60

    let cache: PreviewCache

    /// A previewer whose cache keeps at most `maxCacheBytes` for at most `maxCacheAgeSeconds`
    /// by the clock `now` (tests give smaller bounds and a clock of their own).
    public init(
        maxCacheBytes: Int = SlidePreviewer.maxCacheBytes,
        maxCacheAgeSeconds: Double = SlidePreviewer.maxCacheAgeSeconds,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        cache = PreviewCache(maxBytes: maxCacheBytes, maxAgeSeconds: maxCacheAgeSeconds, now: now)
    }

    /// The PNG behind a preview's `url` (`/previews/<id>.png`) when `userID` owns it and it
    /// is still kept; nil for anyone else, an unknown or an expired one.
    public func png(at url: String, owner userID: Int64) -> Data? {
        guard url.hasPrefix(Self.pathPrefix), url.hasSuffix(".png") else { return nil }
        let id = url.dropFirst(Self.pathPrefix.count).dropLast(".png".count)
        guard !id.isEmpty, !id.contains("/") else { return nil }
        return cache.png(String(id), owner: userID)
    }

    /// The URL path previews are served under (`PreviewRoutes`).
    static let pathPrefix = "/previews/"

    /// Renders `request` and keeps its PNGs for `userID`; problems come in `language`. Never
    /// throws: a failure to stage or encode becomes a problem of the slide as a whole.
    public func preview(_ request: PreviewRequest, owner userID: Int64, language: WebLanguage) -> PreviewResult {
        let wording = PreviewWording(language: language)
        let staging: PreviewStaging
        do {
            staging = try PreviewStaging.stage(request)
        } catch {
            return PreviewResult(
                images: [], problems: [FieldProblem(field: "", message: wording.cannotRender, isWarning: false)])
        }
        defer { staging.remove() }
        let reading = PlaylistReader.read(
            data: staging.playlistData, folder: staging.folder, visitorBaseURL: request.visitorBaseURL)
        var problems = PreviewProblems(wording: wording, slide: request.slide)
        for problem in reading.problems { problems.addReaderProblem(problem) }
        guard let playlist = reading.playlist,
            let entry = Program(playlists: [(channel: playlist.name, playlist: playlist)]).slides.first
        else { return PreviewResult(images: [], problems: problems.list) }
        let languages = Self.languages(request.languages, of: entry)
        let sizes = Self.sizes(request.sizes)
        let display = request.languages.filter(LanguageCode.isValid)
        var images: [PreviewImage] = []
        var layouts: [String: Layout] = [:]
        for size in sizes {
            let composer = SlideComposer(
                profile: DisplayProfile.standard.resized(width: size.width, height: size.height),
                displayLanguages: display.isEmpty ? nil : display)
            for code in languages {
                let composition: Composition
                do {
                    composition = try composer.compose(entry, language: code)
                } catch {
                    problems.addComposeError(error, language: code, size: size, singleSize: sizes.count == 1)
                    continue
                }
                if layouts[code] == nil { layouts[code] = composition.layout }
                if let image = keep(composition.frame, size: size, language: code, owner: userID, wording: wording) {
                    images.append(image)
                } else {
                    problems.add(FieldProblem(field: "", message: wording.cannotRender, isWarning: false))
                }
            }
        }
        for code in languages {
            if let layout = layouts[code] {
                problems.addReadingTime(layout, duration: entry.slide.durationSeconds, language: code)
            }
        }
        return PreviewResult(images: images, problems: problems.list)
    }

    /// The sizes to draw: those asked for whose sides are a screen's (`ScreenSize.sideRange`,
    /// so that no request makes a frame of gigabytes), each once, at most `maxSizes`; the
    /// standard sizes when none is left.
    static func sizes(_ asked: [ScreenSize]) -> [ScreenSize] {
        var chosen: [ScreenSize] = []
        for size in asked
        where ScreenSize.sideRange.contains(size.width) && ScreenSize.sideRange.contains(size.height)
            && !chosen.contains(size)
        {
            chosen.append(size)
        }
        return Array((chosen.isEmpty ? ScreenSize.defaults : chosen).prefix(maxSizes))
    }

    /// The languages to draw: those asked for that the slide is written in (a kiosk shows a
    /// slide only in those), in the order asked, at most `maxLanguages`; the slide's own
    /// languages, default first, when none of them is asked for.
    static func languages(_ asked: [String], of entry: ProgramSlide) -> [String] {
        let written = LayoutCheck.languages(of: entry)
        var chosen: [String] = []
        for code in asked where written.contains(code) && !chosen.contains(code) { chosen.append(code) }
        return Array((chosen.isEmpty ? written : chosen).prefix(maxLanguages))
    }

    /// Scales the frame for the page, encodes it as PNG and stores it for `owner`.
    private func keep(_ frame: Frame, size: ScreenSize, language: String, owner: Int64, wording: PreviewWording)
        -> PreviewImage?
    {
        let longest = max(frame.width, frame.height)
        let scaled =
            longest > Self.maxPreviewSide ? frame.scaled(by: Double(Self.maxPreviewSide) / Double(longest)) : frame
        guard let png = try? scaled.pngData(), let id = cache.store(png, owner: owner) else { return nil }
        let shrunk = scaled === frame ? nil : ScreenSize(width: scaled.width, height: scaled.height)
        return PreviewImage(
            width: size.width, height: size.height, language: language, url: Self.pathPrefix + id + ".png",
            caption: wording.caption(size, language), pixelWidth: scaled.width, pixelHeight: scaled.height,
            alt: wording.alt(size, language, scaledTo: shrunk))
    }

    /// The sizes of the screens that play `channel` (tables `screens` and `screen_channels`),
    /// distinct, in the order of the screens' ids; the standard landscape and portrait sizes
    /// when no screen plays it (or the table cannot be read).
    public static func sizes(for channel: ChannelRecord, in studio: Studio) -> [ScreenSize] {
        let rows =
            (try? studio.database.query(
                """
                SELECT s.width, s.height FROM screens s JOIN screen_channels sc ON sc.screen_id = s.id
                WHERE sc.channel_id = ? ORDER BY s.id
                """, [.integer(channel.id)])) ?? []
        var sizes: [ScreenSize] = []
        for row in rows {
            guard let width = row.values[0].int, let height = row.values[1].int else { continue }
            let size = ScreenSize(width: width, height: height)
            if !sizes.contains(size) { sizes.append(size) }
        }
        return sizes.isEmpty ? ScreenSize.defaults : sizes
    }
}
