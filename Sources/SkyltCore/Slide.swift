public import FoundationEssentials

/// How important a slide is. Urgent notices take their own, stronger style.
public enum Priority: String, Sendable, CaseIterable {
    case normal
    case urgent
}

/// A link shown as a QR code, with the words that say what it leads to.
public struct QRLink: Sendable, Equatable {
    /// What the code encodes: the editor's link, or the visitor page of `file`.
    public var url: String
    public var label: LocalizedText?
    /// A file for visitors to download (a map as PDF or image), offered on a visitor page;
    /// nil when the code leads to an external link.
    public var file: URL?

    public init(url: String, label: LocalizedText? = nil, file: URL? = nil) {
        self.url = url
        self.label = label
        self.file = file
    }
}

/// A reading of a story in one language, reached by its own QR code.
public struct Reading: Sendable, Equatable {
    public var language: String
    /// What the code encodes: the editor's link, or the visitor page of `audio` and `text`.
    public var url: String
    /// The label under the code; by default the language's own name.
    public var label: String
    /// The story read aloud (Ogg, MP3 or M4A), played on the visitor page; nil for a link.
    public var audio: URL?
    /// The story's text in this language, shown on the visitor page below the player.
    public var text: String?

    public init(language: String, url: String, label: String? = nil, audio: URL? = nil, text: String? = nil) {
        self.language = language
        self.url = url
        self.label = label ?? LanguageCode.nativeName(language) ?? language
        self.audio = audio
        self.text = text
    }

    /// True when the reading has a visitor page (audio or text) rather than an external link.
    public var hasVisitorPage: Bool { audio != nil || text != nil }
}

/// Wi-Fi security as phones read it from a `WIFI:` QR code.
public enum WifiSecurity: String, Sendable, CaseIterable {
    case wpa = "WPA"
    case wep = "WEP"
    case open = "nopass"
}

/// A point of an image, as fractions of its width and height from its top left corner.
public struct FocusPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static let centre = FocusPoint(x: 0.5, y: 0.5)
}

/// How a slide's image sits in the box its template gives it. Editors know what matters in
/// their picture (a face, a star, the trail on a map); templates only know the box. A photo
/// that fills a wide band in landscape and a tall one in portrait loses different edges, so the
/// editor names the point that must survive the crop, or asks for the whole image.
public struct ImageFraming: Sendable, Equatable {
    /// How the image fills its box; neither distorts it.
    public enum Fit: String, Sendable, CaseIterable {
        /// The box is filled; what overhangs is cut off, keeping the focus in view.
        case cover
        /// The whole image is shown; the rest of the box is filled on purpose.
        case contain
    }

    /// The point that stays in view when the image is cropped.
    public var focus: FocusPoint
    /// The editor's choice, or nil for the template's own.
    public var fit: Fit?

    public init(focus: FocusPoint = .centre, fit: Fit? = nil) {
        self.focus = focus
        self.fit = fit
    }

    /// The framing of a slide that says nothing: centred, as the template fits it.
    public static let standard = ImageFraming()
}

/// What a slide shows: a template and the fields an editor filled in. Media are paths
/// already resolved against the playlist's folder.
public enum SlideContent: Sendable, Equatable {
    case notice(title: LocalizedText, body: LocalizedText, qr: QRLink?, issuer: LocalizedText?)
    case info(title: LocalizedText, body: LocalizedText, image: URL, qr: QRLink?)
    case event(
        title: LocalizedText, starts: Date, ends: Date?, place: LocalizedText, description: LocalizedText?,
        image: URL?, qr: QRLink?, organiser: LocalizedText? = nil)
    case offer(headline: LocalizedText, text: LocalizedText, price: LocalizedText?, image: URL)
    /// `author` is a name: in one form it reads the same in every language.
    case story(title: LocalizedText, author: LocalizedText, image: URL, readings: [Reading], pickerURL: String?)
    case wifi(title: LocalizedText?, ssid: String, password: String?, security: WifiSecurity, hidden: Bool)
    case poster(image: URL, caption: LocalizedText?, qr: QRLink?)
    /// The data templates: written by the feeds service, with absolute times, and composed
    /// at the moment they show (see `LiveData.swift`).
    case departures(DepartureBoard)
    case weather(Forecast)
    case agenda(Agenda)
    case news(NewsItem)
    case figure(Figure)
    case alert(Alert)

    public var templateName: String {
        switch self {
        case .notice: "notice"
        case .info: "info"
        case .event: "event"
        case .offer: "offer"
        case .story: "story"
        case .wifi: "wifi"
        case .poster: "poster"
        case .departures: "departures"
        case .weather: "weather"
        case .agenda: "agenda"
        case .news: "news"
        case .figure: "figure"
        case .alert: "alert"
        }
    }

    /// Every language that any text of the slide is written in.
    public var languages: Set<String> {
        var texts: [LocalizedText?] = []
        switch self {
        case .notice(let title, let body, let qr, let issuer): texts = [title, body, qr?.label, issuer]
        case .info(let title, let body, _, let qr): texts = [title, body, qr?.label]
        case .event(let title, _, _, let place, let description, _, let qr, let organiser):
            texts = [title, place, description, qr?.label, organiser]
        case .offer(let headline, let text, let price, _): texts = [headline, text, price]
        // A story shows in its title's languages; the author's name follows where it has a form.
        case .story(let title, _, _, _, _): texts = [title]
        case .wifi(let title, _, _, _, _): texts = [title]
        case .poster(_, let caption, let qr): texts = [caption, qr?.label]
        case .departures(let board): texts = [board.title]
        case .weather(let forecast): texts = [forecast.place]
        case .agenda(let agenda): texts = [agenda.title]
        case .news(let item): texts = [item.headline, item.summary, item.qr?.label]
        case .figure(let figure): texts = [figure.label]
        case .alert(let alert): texts = [alert.headline, alert.body, alert.instruction]
        }
        return texts.reduce(into: Set<String>()) { $0.formUnion($1?.languages ?? []) }
    }
}

/// One slide of a playlist.
public struct Slide: Sendable, Equatable, Identifiable {
    public var id: String
    /// How long it stays on screen.
    public var durationSeconds: Double
    public var priority: Priority
    public var content: SlideContent
    /// When it may play. Events also end by themselves when they are over.
    public var schedule: Schedule
    /// Where the subject of its image is and how the image fills its box.
    public var imageFraming: ImageFraming

    public init(
        id: String, durationSeconds: Double, priority: Priority = .normal, content: SlideContent,
        schedule: Schedule = .always, imageFraming: ImageFraming = .standard
    ) {
        self.id = id
        self.durationSeconds = durationSeconds
        self.priority = priority
        self.content = content
        self.schedule = schedule
        self.imageFraming = imageFraming
    }
}
