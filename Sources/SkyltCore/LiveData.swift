public import FoundationEssentials

/// How a vehicle travels, for the symbol beside its line.
public enum TransportMode: String, Sendable, CaseIterable {
    case bus, train, tram, metro, ferry, taxi
}

/// One departure from a stop, with absolute times: the kiosk counts down to it ("in 4 min")
/// when it composes the slide, and drops it once it has left.
public struct Departure: Sendable, Equatable {
    public var line: String
    public var destination: String
    public var scheduled: Date
    /// The realtime estimate; nil when the operator gives none.
    public var expected: Date?
    public var cancelled: Bool
    public var platform: String?
    public var mode: TransportMode?

    public init(
        line: String, destination: String, scheduled: Date, expected: Date? = nil, cancelled: Bool = false,
        platform: String? = nil, mode: TransportMode? = nil
    ) {
        self.line = line
        self.destination = destination
        self.scheduled = scheduled
        self.expected = expected
        self.cancelled = cancelled
        self.platform = platform
        self.mode = mode
    }

    /// When it leaves as best known: the estimate, else the timetable.
    public var time: Date { expected ?? scheduled }
}

/// The next departures from one stop, as fetched at `fetched`.
public struct DepartureBoard: Sendable, Equatable {
    /// The heading: the stop's name, or "Buses from the square" in each language.
    public var title: LocalizedText
    public var fetched: Date
    public var departures: [Departure]
    /// The attribution the data's terms require, shown as given ("Data: Trafiklab.se").
    public var source: String

    public init(title: LocalizedText, fetched: Date, departures: [Departure], source: String) {
        self.title = title
        self.fetched = fetched
        self.departures = departures
        self.source = source
    }

    /// The departures still to come at `now`, in the order they leave. A cancelled one stays
    /// until its scheduled time, so that people waiting for it read that it is not coming.
    public func upcoming(at now: Date) -> [Departure] {
        departures.filter { $0.time >= now || ($0.cancelled && $0.scheduled >= now) }.sorted { $0.time < $1.time }
    }
}

/// The weather for one period of a forecast, starting at `time`.
public struct WeatherPeriod: Sendable, Equatable {
    public var time: Date
    /// SMHI's weather symbol code, 1 (clear sky) to 27 (heavy snowfall); MET Norway's symbols
    /// are mapped onto the same codes by the feeds service.
    public var symbol: Int
    /// Degrees Celsius.
    public var temperature: Double
    /// Metres a second; nil when the source gives none.
    public var wind: Double?
    /// Millimetres in the period; nil when the source gives none.
    public var precipitation: Double?

    public init(time: Date, symbol: Int, temperature: Double, wind: Double? = nil, precipitation: Double? = nil) {
        self.time = time
        self.symbol = symbol
        self.temperature = temperature
        self.wind = wind
        self.precipitation = precipitation
    }

    public static let symbolCodes: ClosedRange<Int> = 1...27
}

/// A point forecast: the weather now and in the periods after.
public struct Forecast: Sendable, Equatable {
    public var place: LocalizedText
    public var fetched: Date
    public var periods: [WeatherPeriod]
    public var source: String

    public init(place: LocalizedText, fetched: Date, periods: [WeatherPeriod], source: String) {
        self.place = place
        self.fetched = fetched
        self.periods = periods
        self.source = source
    }

    /// The period under way at `now` (the last one started) and those after it.
    public func current(at now: Date) -> [WeatherPeriod] {
        let sorted = periods.sorted { $0.time < $1.time }
        let started = sorted.lastIndex { $0.time <= now } ?? 0
        return Array(sorted[started...])
    }
}

/// One event of an agenda. Calendar data carries one language, so its texts are plain.
public struct AgendaItem: Sendable, Equatable {
    public var title: String
    public var starts: Date
    public var ends: Date?
    public var place: String?
    /// True for a whole-day event: it shows its day, not a time.
    public var allDay: Bool

    public init(title: String, starts: Date, ends: Date? = nil, place: String? = nil, allDay: Bool = false) {
        self.title = title
        self.starts = starts
        self.ends = ends
        self.place = place
        self.allDay = allDay
    }

    /// When it is over: its end, or its start for an event without one.
    public var over: Date { ends ?? starts }
}

/// The coming events of one calendar on one slide ("This week in Lidhult").
public struct Agenda: Sendable, Equatable {
    public var title: LocalizedText
    public var items: [AgendaItem]
    public var source: String?

    public init(title: LocalizedText, items: [AgendaItem], source: String? = nil) {
        self.title = title
        self.items = items
        self.source = source
    }

    /// The events not yet over at `now`, in the order they start.
    public func upcoming(at now: Date) -> [AgendaItem] {
        items.filter { $0.over > now }.sorted { $0.starts < $1.starts }
    }
}

/// A news item: its headline, a short summary and a code leading to the article.
public struct NewsItem: Sendable, Equatable {
    public var headline: LocalizedText
    public var summary: LocalizedText?
    public var published: Date?
    public var qr: QRLink?
    public var source: String

    public init(headline: LocalizedText, summary: LocalizedText?, published: Date?, qr: QRLink?, source: String) {
        self.headline = headline
        self.summary = summary
        self.published = published
        self.qr = qr
        self.source = source
    }
}

/// One reading of a sensor.
public struct FigurePoint: Sendable, Equatable {
    public var time: Date
    public var value: Double

    public init(time: Date, value: Double) {
        self.time = time
        self.value = value
    }
}

/// A measured value: the lake's temperature at the jetty, the river's level.
public struct Figure: Sendable, Equatable {
    public var label: LocalizedText
    public var value: Double
    /// As shown after the value: "°C", "cm", "µg/m³".
    public var unit: String
    /// When the value was measured.
    public var read: Date
    /// Earlier readings, for the trend over the last hours; may be empty.
    public var history: [FigurePoint]
    /// Digits after the decimal point.
    public var decimals: Int
    public var source: String

    public init(
        label: LocalizedText, value: Double, unit: String, read: Date, history: [FigurePoint] = [], decimals: Int = 1,
        source: String
    ) {
        self.label = label
        self.value = value
        self.unit = unit
        self.read = read
        self.history = history
        self.decimals = decimals
        self.source = source
    }
}

/// Whether an alert is meant, or only a test or an exercise (shown only when a channel asks).
public enum AlertStatus: String, Sendable, CaseIterable {
    case actual, exercise, test
}

/// A public warning (VMA, CAP): shown urgently from `effective` until `expires`, never after.
public struct Alert: Sendable, Equatable {
    public var headline: LocalizedText
    public var body: LocalizedText
    /// What people should do, when the sender says.
    public var instruction: LocalizedText?
    /// Who issued it ("Länsstyrelsen Kronoberg").
    public var sender: String
    /// Where the kiosk got it from ("Sveriges Radio", "Krisinformation").
    public var source: String
    public var effective: Date?
    public var expires: Date?
    public var status: AlertStatus

    public init(
        headline: LocalizedText, body: LocalizedText, instruction: LocalizedText? = nil, sender: String,
        source: String, effective: Date? = nil, expires: Date? = nil, status: AlertStatus = .actual
    ) {
        self.headline = headline
        self.body = body
        self.instruction = instruction
        self.sender = sender
        self.source = source
        self.effective = effective
        self.expires = expires
        self.status = status
    }
}

/// How long live data may be shown after it was fetched or measured. Past these, a slide is
/// skipped rather than show a bus that has gone or yesterday's weather as today's.
public enum LiveDataRules {
    public static let departuresMaxAgeSeconds = 10.0 * 60
    public static let weatherMaxAgeSeconds = 6.0 * 3600
    public static let figureMaxAgeSeconds = 3.0 * 3600
    /// Departures and agenda entries a slide carries at most.
    public static let maxItems = 100
    /// Readings of a figure's history at most.
    public static let maxHistory = 500
}

/// Why a data slide is not shown at a moment: the status page and `skylt status` list these.
public enum LiveStaleness: Sendable, Equatable {
    /// The departures were fetched more than ten minutes ago.
    case departuresOld(fetched: Date)
    /// Every departure on it has left.
    case departuresGone
    /// The forecast was fetched more than six hours ago.
    case weatherOld(fetched: Date)
    /// Every event on it is over.
    case agendaOver
    /// The reading is older than three hours.
    case figureOld(read: Date)
    /// The alert has expired.
    case alertExpired(expires: Date)
    /// The alert is not yet in effect.
    case alertNotYet(effective: Date)

    /// A technician's sentence.
    public var reason: String {
        switch self {
        case .departuresOld(let fetched):
            "departures fetched \(ISO8601.format(fetched)), more than 10 minutes ago"
        case .departuresGone: "every departure on it has left"
        case .weatherOld(let fetched): "forecast fetched \(ISO8601.format(fetched)), more than 6 hours ago"
        case .agendaOver: "every event on it is over"
        case .figureOld(let read): "reading taken \(ISO8601.format(read)), more than 3 hours ago"
        case .alertExpired(let expires): "the alert expired \(ISO8601.format(expires))"
        case .alertNotYet(let effective): "the alert takes effect \(ISO8601.format(effective))"
        }
    }
}

extension SlideContent {
    /// True for the templates that carry data and are composed at the moment they show.
    public var isLive: Bool {
        switch self {
        case .departures, .weather, .agenda, .news, .figure, .alert: true
        case .notice, .info, .event, .offer, .story, .wifi, .poster: false
        }
    }

    /// Why this data slide is not shown at `now`; nil when it is fresh (or not a data slide).
    public func staleness(at now: Date) -> LiveStaleness? {
        switch self {
        case .departures(let board):
            if now.timeIntervalSince(board.fetched) > LiveDataRules.departuresMaxAgeSeconds {
                return .departuresOld(fetched: board.fetched)
            }
            return board.upcoming(at: now).isEmpty ? .departuresGone : nil
        case .weather(let forecast):
            return now.timeIntervalSince(forecast.fetched) > LiveDataRules.weatherMaxAgeSeconds
                ? .weatherOld(fetched: forecast.fetched) : nil
        case .agenda(let agenda):
            return agenda.upcoming(at: now).isEmpty ? .agendaOver : nil
        case .figure(let figure):
            return now.timeIntervalSince(figure.read) > LiveDataRules.figureMaxAgeSeconds
                ? .figureOld(read: figure.read) : nil
        case .alert(let alert):
            if let expires = alert.expires, now >= expires { return .alertExpired(expires: expires) }
            if let effective = alert.effective, now < effective { return .alertNotYet(effective: effective) }
            return nil
        case .notice, .info, .event, .offer, .story, .wifi, .poster, .news:
            return nil
        }
    }

    /// The moment the data of this slide is about (fetched, read, its first event, its alert's
    /// effect), when it is fresh; nil for slides without data (and news, never stale). Checks
    /// (`validate`, `publish`, `render --layout`) draw a data slide at this moment, so a slide
    /// checked after its data went stale is judged as the kiosk will show it, not refused.
    public var dataMoment: Date? {
        let moment: Date?
        switch self {
        case .departures(let board): moment = board.fetched
        case .weather(let forecast): moment = forecast.fetched
        case .agenda(let agenda): moment = agenda.items.map(\.starts).min()
        case .figure(let figure): moment = figure.read
        case .alert(let alert): moment = alert.effective ?? alert.expires.map { $0.addingTimeInterval(-1) }
        case .notice, .info, .event, .offer, .story, .wifi, .poster, .news: moment = nil
        }
        // An event without an end is over at its start: a second before, it is still to come.
        guard let moment, staleness(at: moment) != nil else { return moment }
        return moment.addingTimeInterval(-1)
    }

    /// The moment after which this data slide can no longer be shown, whatever happens: the
    /// reader puts it in the slide's schedule, so the planner never picks stale data.
    public var liveUntil: Date? {
        switch self {
        case .departures(let board):
            let lastLeaves = board.departures.map { $0.cancelled ? max($0.time, $0.scheduled) : $0.time }.max()
            let old = board.fetched.addingTimeInterval(LiveDataRules.departuresMaxAgeSeconds)
            return lastLeaves.map { min($0, old) } ?? old
        case .weather(let forecast): return forecast.fetched.addingTimeInterval(LiveDataRules.weatherMaxAgeSeconds)
        case .agenda(let agenda): return agenda.items.map(\.over).max()
        case .figure(let figure): return figure.read.addingTimeInterval(LiveDataRules.figureMaxAgeSeconds)
        case .alert(let alert): return alert.expires
        case .notice, .info, .event, .offer, .story, .wifi, .poster, .news: return nil
        }
    }
}
