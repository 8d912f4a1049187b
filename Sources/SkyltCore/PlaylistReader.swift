public import FoundationEssentials

/// Reads a playlist folder, checking every field and reporting every problem with its file,
/// slide and field.
public enum PlaylistReader {
    /// The largest playlist.json accepted; an editor's playlist is a few kilobytes.
    public static let maxPlaylistBytes = 1 << 20
    /// The longest a slide may stay on screen, and the shortest that can be read.
    public static let durationRangeSeconds: ClosedRange<Double> = 2...3600
    public static let defaultDurationSeconds = 10.0
    public static let maxSlideIDLength = 64
    /// QR codes beyond this length get too dense to scan from a screen.
    public static let maxURLLength = 512
    /// A shop's rotation has tens of slides, and a studio channel publishes at most 1,000;
    /// each slide is composed at every screen size when checked.
    public static let maxSlidesPerPlaylist = 2_000
    /// The languages one slide (or one text, or one story's readings) may be written in: more
    /// than the 33 whose own names Skylt knows, and more than a language row can name.
    public static let maxLanguagesPerSlide = 40
    /// The daily windows one schedule (or one day of opening hours) may list: one every
    /// quarter of an hour. The planner tests each window at every step it plans.
    public static let maxWindowsPerSchedule = 96
    /// The daily windows all the slides of a playlist may list together.
    public static let maxWindowsPerPlaylist = 1_000

    /// `visitorBaseURL`, the public URL the folder is published at, is what the codes of
    /// visitor pages lead to; without it they lead to `VisitorLinks.placeholderBaseURL`.
    public static func read(folder: URL, visitorBaseURL: String? = nil) -> PlaylistReading {
        let file = folder.appendingPathComponent(Playlist.fileName)
        let sink = ProblemSink(file: file.path)
        let data: Data
        do {
            // Throws the reason a missing or unreadable file has.
            _ = try FileManager.default.attributesOfItem(atPath: file.path)
            if let size = FileSize.of(file.path), size > maxPlaylistBytes {
                sink.report("", "is \(size) bytes; the limit is \(maxPlaylistBytes)")
                return PlaylistReading(playlist: nil, problems: sink.problems)
            }
            // Capped too, as a device such as /dev/zero has no size.
            data = try POSIXFile.read(file.path, limit: maxPlaylistBytes + 1)
        } catch {
            sink.report("", "cannot be read: \(FileProblem.describe(error))")
            return PlaylistReading(playlist: nil, problems: sink.problems)
        }
        guard data.count <= maxPlaylistBytes else {
            sink.report("", "is larger than the limit of \(maxPlaylistBytes) bytes")
            return PlaylistReading(playlist: nil, problems: sink.problems)
        }
        return read(data: data, folder: folder, visitorBaseURL: visitorBaseURL)
    }

    /// Reads playlist.json's bytes, already read by the caller, of the playlist folder `folder`
    /// (where its media are): a caller that stores what it checked reads the file once.
    public static func read(data: Data, folder: URL, visitorBaseURL: String? = nil) -> PlaylistReading {
        let sink = ProblemSink(file: folder.appendingPathComponent(Playlist.fileName).path)
        guard data.count <= maxPlaylistBytes else {
            sink.report("", "is \(data.count) bytes; the limit is \(maxPlaylistBytes)")
            return PlaylistReading(playlist: nil, problems: sink.problems)
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            sink.report("", "is not valid JSON: \(error.message)")
            return PlaylistReading(playlist: nil, problems: sink.problems)
        }
        let playlist = decode(json, folder: folder, sink: sink, visitorBaseURL: visitorBaseURL)
        return PlaylistReading(playlist: playlist, problems: sink.problems)
    }

    /// Reads a playlist from a parsed document, as a signed bundle carries it: its media are
    /// `sha256:` references, resolved through `assets` to files in the local cache.
    public static func decode(_ json: JSONValue, file: String, folder: URL, assets: [String: URL]) -> PlaylistReading {
        let sink = ProblemSink(file: file)
        let playlist = decode(json, folder: folder, sink: sink, media: .assets(assets))
        return PlaylistReading(playlist: playlist, problems: sink.problems)
    }

    static func decode(
        _ json: JSONValue, folder: URL, sink: ProblemSink, media: MediaSource = .folder, visitorBaseURL: String? = nil
    ) -> Playlist? {
        guard let root = ObjectReader(json, path: "", sink: sink) else { return nil }
        root.rejectUnknown(["name", "defaultLanguage", "timeZone", "theme", "screens", "slides", "strings"])
        let name = root.string("name", required: true, limit: .line) ?? folder.lastPathComponent
        var language = root.string("defaultLanguage", required: true) ?? "sv"
        if !LanguageCode.isValid(language) {
            sink.report("defaultLanguage", "'\(language)' is not a language code such as 'sv' or 'en'")
            language = "sv"
        }
        let timeZone = root.timeZone("timeZone")
        let theme = root.object("theme").map { readTheme($0) } ?? .standard
        let screens = readScreens(root)
        var slides: [Slide] = []
        var seen: Set<String> = []
        let context = SlideReader.Context(
            folder: folder, defaultLanguage: language, timeZone: timeZone, media: media, visitorBaseURL: visitorBaseURL)
        for item in slideItems(root) {
            sink.slide = nil
            guard let object = ObjectReader(item.value, path: item.path, sink: sink) else { continue }
            let before = sink.problems.count
            guard let slide = SlideReader.read(object, context: context) else { continue }
            if seen.contains(slide.id) {
                sink.report(object.fieldPath("id"), "'\(slide.id)' is used by another slide")
                continue
            }
            seen.insert(slide.id)
            if sink.problems.count == before { slides.append(slide) }
        }
        sink.slide = nil
        ScheduleReader.checkWindowTotal(slides, sink: sink)
        let strings = root.object("strings").map(readStrings) ?? [:]
        return Playlist(
            name: name, defaultLanguage: language, timeZone: timeZone, theme: theme, slides: slides, screens: screens,
            strings: strings, folder: folder)
    }

    /// The `slides` list, refused whole beyond `maxSlidesPerPlaylist`: each slide costs a
    /// composition at every screen size, and a list that long is no rotation a visitor sees.
    static func slideItems(_ root: ObjectReader) -> [(path: String, value: JSONValue)] {
        let items = root.array("slides", required: true) ?? []
        guard items.count <= maxSlidesPerPlaylist else {
            root.sink.report(
                "slides", "has \(items.count) slides; a playlist may have at most \(maxSlidesPerPlaylist)",
                code: .tooManySlides)
            return []
        }
        return items
    }

    /// The playlist's own wording for built-in texts, each within `TextLimit.builtIn`.
    static func readStrings(_ object: ObjectReader) -> [BuiltInText: LocalizedText] {
        var strings = BuiltInStringsReader.read(object)
        for (key, text) in strings.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var kept = text.translations
            for (language, value) in text.translations.sorted(by: { $0.key < $1.key }) {
                let path = object.fieldPath(key.rawValue) + "." + language
                if !object.checked(value, path: path, limit: .builtIn) { kept[language] = nil }
            }
            strings[key] = kept.isEmpty ? nil : LocalizedText(kept)
        }
        return strings
    }

    /// The `screens` list: sizes such as "1080x1920", at least one; the defaults when absent.
    static func readScreens(_ root: ObjectReader) -> [ScreenSize] {
        guard root.has("screens") else { return ScreenSize.defaults }
        guard let items = root.array("screens") else { return ScreenSize.defaults }
        var screens: [ScreenSize] = []
        for item in items {
            guard case .string(let text) = item.value, let size = ScreenSize(parsing: text) else {
                root.sink.report(
                    item.path,
                    "expected a size such as \"1920x1080\" (\(ScreenSize.sideRange.lowerBound) to \(ScreenSize.sideRange.upperBound) pixels a side)"
                )
                continue
            }
            if !screens.contains(size) { screens.append(size) }
        }
        if items.isEmpty { root.sink.report(root.fieldPath("screens"), "lists no size; give at least one") }
        return screens.isEmpty ? ScreenSize.defaults : screens
    }

    static func readTheme(_ object: ObjectReader) -> Theme {
        let keys = ["background", "foreground", "accent", "accentForeground", "urgentBackground", "urgentForeground"]
        object.rejectUnknown(Set(keys))
        let standard = Theme.standard
        func color(_ key: String, _ fallback: Color) -> Color {
            guard let text = object.string(key) else { return fallback }
            guard let color = Color(hex: text) else {
                object.sink.report(object.fieldPath(key), "'\(text)' is not a colour in the form #RRGGBB")
                return fallback
            }
            return color
        }
        let theme = Theme(
            background: color("background", standard.background), foreground: color("foreground", standard.foreground),
            accent: color("accent", standard.accent),
            accentForeground: color("accentForeground", standard.accentForeground),
            urgentBackground: color("urgentBackground", standard.urgentBackground),
            urgentForeground: color("urgentForeground", standard.urgentForeground))
        for pair in theme.textPairs where pair.contrast < Theme.minimumContrast {
            object.sink.report(
                object.fieldPath(pair.foreground),
                "contrast with \(pair.background) is \(NumberText.fixed(pair.contrast, decimals: 2)):1;"
                    + " text needs at least \(NumberText.fixed(Theme.minimumContrast, decimals: 1)):1 (WCAG AA)")
        }
        return theme
    }
}
