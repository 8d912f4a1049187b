import FoundationEssentials

/// What a slide takes from its playlist to be drawn: shared by every slide of the playlist.
public struct PlaylistContext: Sendable, Equatable {
    public var defaultLanguage: String
    public var theme: Theme
    public var timeZone: Zone
    /// The playlist's own wording for built-in texts, tried before the catalogue.
    public var strings: [BuiltInText: LocalizedText]

    public init(
        defaultLanguage: String, theme: Theme, timeZone: Zone, strings: [BuiltInText: LocalizedText] = [:]
    ) {
        self.defaultLanguage = defaultLanguage
        self.theme = theme
        self.timeZone = timeZone
        self.strings = strings
    }

    /// The context of `playlist`'s slides.
    public init(_ playlist: Playlist) {
        self.init(
            defaultLanguage: playlist.defaultLanguage, theme: playlist.theme, timeZone: playlist.timeZone,
            strings: playlist.strings)
    }
}

/// A slide as the player holds it: the slide, its channel, and the playlist context it needs
/// to be drawn.
public struct ProgramSlide: Sendable, Equatable {
    public var slide: Slide
    public let channel: String
    public var context: PlaylistContext
    /// The slide's schedule with its channel's defaults filled in.
    public var schedule: Schedule
    /// `channel/slide id`: unique across channels. Kept, not computed, since the planner
    /// looks it up for every slide at every decision.
    public let key: String

    public init(slide: Slide, channel: String, context: PlaylistContext, channelDefaults: Schedule = .always) {
        self.slide = slide
        self.channel = channel
        self.context = context
        schedule = slide.schedule.inheriting(channelDefaults)
        key = "\(channel)/\(slide.id)"
    }

    /// A slide with its playlist context given piece by piece (tests, built-in screens).
    public init(
        slide: Slide, channel: String, defaultLanguage: String, theme: Theme, timeZone: Zone,
        channelDefaults: Schedule = .always
    ) {
        let context = PlaylistContext(defaultLanguage: defaultLanguage, theme: theme, timeZone: timeZone)
        self.init(slide: slide, channel: channel, context: context, channelDefaults: channelDefaults)
    }

    public var defaultLanguage: String { context.defaultLanguage }
    public var theme: Theme { context.theme }
    public var timeZone: Zone { context.timeZone }
    public var isUrgent: Bool { slide.priority == .urgent }
}

/// Everything the kiosk currently has to play: an immutable snapshot, safe to hand between
/// threads. A new one replaces the old as a whole.
public struct Program: Sendable, Equatable {
    public var slides: [ProgramSlide]

    public init(slides: [ProgramSlide]) { self.slides = slides }

    public static let empty = Program(slides: [])

    /// Builds a program from the playlists of the kiosk's channels, in channel order, with
    /// each channel's schedule defaults.
    public init(playlists: [(channel: String, playlist: Playlist)], defaults: [String: Schedule] = [:]) {
        slides = playlists.flatMap { entry in
            let context = PlaylistContext(entry.playlist)
            return entry.playlist.slides.map {
                ProgramSlide(
                    slide: $0, channel: entry.channel, context: context,
                    channelDefaults: defaults[entry.channel] ?? .always)
            }
        }
    }
}

/// Which language a translated slide is shown in.
///
/// The rule: the languages offered for a slide are the kiosk's display languages, in the
/// config's order, that the slide has any text in. On its n-th play (counting from 0) the slide
/// shows the (n mod count)-th of them. A field without a translation in that language shows the
/// playlist's default language. A slide with none of the display languages shows its default.
public enum LanguageChoice {
    public static func languages(for slide: ProgramSlide, display: [String]) -> [String] {
        let available = slide.slide.content.languages
        let offered = display.filter { available.contains($0) }
        return offered.isEmpty ? [slide.defaultLanguage] : offered
    }

    public static func language(for slide: ProgramSlide, play: Int, display: [String]) -> String {
        let offered = languages(for: slide, display: display)
        return offered[play % offered.count]
    }
}
