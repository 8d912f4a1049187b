public import Foundation
public import SkyltCore

/// What the slide editor asks to see: one slide as it stands in the form, the channel it is
/// for, and the screens and languages to draw it at.
public struct PreviewRequest: Sendable {
    /// The slide object exactly as in playlist.json.
    public var slide: JSONValue
    /// The channel's settings: playlist.json without "slides" (name, languages, theme…).
    public var settings: JSONValue
    /// Media by the relative path the slide references them by (`media/karta.svg`).
    public var media: [String: Data]
    /// Screen sizes to render at; at most `SlidePreviewer.maxSizes` are drawn.
    public var sizes: [ScreenSize]
    /// Languages to render, as the channel's screens show them; at most
    /// `SlidePreviewer.maxLanguages` are drawn.
    public var languages: [String]
    /// The public URL of the channel's bundle folder (`StudioConfig.visitorBaseURL`): the QR
    /// codes of story readings and downloadable files are drawn with their real page links.
    public var visitorBaseURL: String?

    public init(
        slide: JSONValue, settings: JSONValue, media: [String: Data], sizes: [ScreenSize], languages: [String],
        visitorBaseURL: String? = nil
    ) {
        self.slide = slide
        self.settings = settings
        self.media = media
        self.sizes = sizes
        self.languages = languages
        self.visitorBaseURL = visitorBaseURL
    }
}

/// One thing to fix, at the field of the form it concerns, in plain words.
public struct FieldProblem: Sendable, Equatable {
    /// The slide's JSON path without the `slides[i].` prefix ("title.sv", "qr.url", "image",
    /// "schedule.validFrom"); "" for the slide as a whole.
    public var field: String
    /// Plain words in the page's language (klarspråk).
    public var message: String
    /// A warning does not stop a save; an error does.
    public var isWarning: Bool

    public init(field: String, message: String, isWarning: Bool) {
        self.field = field
        self.message = message
        self.isWarning = isWarning
    }
}

/// One rendered preview, kept in the previewer's cache for the user who asked for it.
public struct PreviewImage: Sendable, Equatable {
    /// The screen's size in pixels: the layout is made at this size.
    public var width: Int
    public var height: Int
    public var language: String
    /// `/previews/<random id>.png`, served to the same user only.
    public var url: String
    /// "1920×1080, svenska" / "1920×1080, Swedish".
    public var caption: String
    /// The PNG's own size: the frame scaled down so that its longest side is at most
    /// `SlidePreviewer.maxPreviewSide` (the same layout, fewer bytes).
    public var pixelWidth: Int
    public var pixelHeight: Int
    /// Text for the image's `alt`: what it shows, and that it is scaled down when it is.
    public var alt: String
}

/// The previews and every problem found drawing them.
public struct PreviewResult: Sendable {
    public var images: [PreviewImage]
    public var problems: [FieldProblem]

    /// Whether a problem stops the slide from being saved.
    public var hasErrors: Bool { problems.contains { !$0.isWarning } }

    /// The problems at `field`, for the form's field of that name.
    public func problems(at field: String) -> [FieldProblem] { problems.filter { $0.field == field } }
}
