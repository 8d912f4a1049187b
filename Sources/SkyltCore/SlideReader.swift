public import FoundationEssentials

/// The template names an editor can use, with the fields each one takes.
public enum TemplateName: String, Sendable, CaseIterable {
    case notice, info, event, offer, story, wifi, poster
    /// Data templates, written by the feeds service rather than by editors.
    case departures, weather, agenda, news, figure, alert

    /// The templates editors fill in, in the studio's order; the data templates are left out.
    public static let editorTemplates: [TemplateName] = [.notice, .info, .event, .offer, .story, .wifi, .poster]

    /// The fields that frame a template's image, beside `image` itself.
    static let imageFields: Set<String> = ["focus", "fit"]

    var fields: Set<String> {
        switch self {
        case .notice: ["title", "body", "qr", "issuer"]
        case .info: Set(["title", "body", "image", "qr"]).union(Self.imageFields)
        case .event:
            Set(["title", "starts", "ends", "place", "description", "image", "qr", "organiser"]).union(Self.imageFields)
        case .offer: Set(["headline", "text", "price", "image"]).union(Self.imageFields)
        case .story: Set(["title", "author", "image", "readings", "pickerUrl"]).union(Self.imageFields)
        case .wifi: ["title", "ssid", "password", "security", "hidden"]
        case .poster: Set(["image", "caption", "qr"]).union(Self.imageFields)
        case .departures: ["title", "fetched", "departures", "source"]
        case .weather: ["place", "fetched", "periods", "source"]
        case .agenda: ["title", "events", "source"]
        case .news: ["headline", "summary", "published", "qr", "source"]
        case .figure: ["label", "value", "unit", "read", "history", "decimals", "source"]
        case .alert: ["headline", "body", "instruction", "sender", "source", "effective", "expires", "status"]
        }
    }
}

/// Reads one slide object of a playlist.
enum SlideReader {
    struct Context {
        var folder: URL
        var defaultLanguage: String
        var timeZone: Zone
        var media: MediaSource
        /// The public URL of the published folder, under which visitor pages live; nil while
        /// validating or rendering a draft (codes then lead to `VisitorLinks.placeholderBaseURL`).
        var visitorBaseURL: String?
        /// The slide being read: visitor pages are named by it.
        var slideID = ""
    }

    static let commonFields: Set<String> = ["id", "template", "duration", "priority", "schedule"]

    static func read(_ object: ObjectReader, context: Context) -> Slide? {
        guard let id = object.string("id", required: true) else { return nil }
        object.sink.slide = id
        if id.count > PlaylistReader.maxSlideIDLength
            || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            object.sink.report(
                object.fieldPath("id"),
                "use at most \(PlaylistReader.maxSlideIDLength) ASCII letters, digits, '-' and '_' (it names files)")
        }
        guard let template: TemplateName = object.choice("template", required: true) else { return nil }
        object.rejectUnknown(commonFields.union(template.fields))
        let duration =
            object.number("duration", in: PlaylistReader.durationRangeSeconds) ?? PlaylistReader.defaultDurationSeconds
        let priority: Priority = object.choice("priority") ?? .normal
        var context = context
        context.slideID = id
        let fields = Fields(object: object, context: context)
        var schedule = object.object("schedule").map(ScheduleReader.schedule) ?? .always
        let framing = template.fields.contains("image") ? fields.imageFraming() : .standard
        guard let content = fields.content(template) else { return nil }
        let languages = content.languages.count
        if languages > PlaylistReader.maxLanguagesPerSlide {
            object.sink.report(
                object.path,
                "is written in \(languages) languages; a slide may have at most \(PlaylistReader.maxLanguagesPerSlide)",
                code: .tooManyLanguages)
        }
        if case .event(_, _, _, _, _, nil, _, _) = content {
            for key in TemplateName.imageFields.sorted() where object.has(key) {
                object.sink.report(object.fieldPath(key), "is set but the slide has no 'image'")
            }
        }
        if let until = content.liveUntil {
            // Data is not shown once it is stale: the planner never picks it after this.
            schedule.validUntil = min(schedule.validUntil ?? until, until)
        }
        if case .alert(let alert) = content, let effective = alert.effective {
            schedule.validFrom = max(schedule.validFrom ?? effective, effective)
        }
        if case .event(_, let starts, let ends, _, _, _, _, _) = content {
            // An event leaves the screen when it is over: at its end, or at the end of its day.
            let local = LocalTime(timeZone: context.timeZone)
            let over = ends ?? local.addingDays(1, to: local.startOfDay(starts))
            schedule.validUntil = min(schedule.validUntil ?? over, over)
        }
        return Slide(
            id: id, durationSeconds: duration, priority: priority, content: content, schedule: schedule,
            imageFraming: framing)
    }
}

/// The media an editor can use, by file name extension.
public enum MediaKind: Sendable, Equatable {
    case raster
    case svg

    public static let rasterExtensions: Set<String> = ["png", "jpg", "jpeg", "webp"]
    static let extensionsList = "PNG, JPEG, WebP or SVG"

    public init?(path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        let ext = dot.map { name[name.index(after: $0)...].lowercased() } ?? ""
        if ext == "svg" {
            self = .svg
        } else if Self.rasterExtensions.contains(ext) {
            self = .raster
        } else {
            return nil
        }
    }
}

/// ISO 8601 date-times with an explicit offset, as editors and manifests write them.
public enum ISO8601 {
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: false)) {
            return date
        }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
