import SkyltCompose
import SkyltCore

/// Collects a preview's problems at the form's fields, in plain words, each field and wording
/// once: a text too long in landscape and in portrait is one thing to fix.
struct PreviewProblems {
    let wording: PreviewWording
    /// The slide as the form sent it, to find the field of a compositor's problem.
    let slide: JSONValue
    private(set) var list: [FieldProblem] = []

    init(wording: PreviewWording, slide: JSONValue) {
        self.wording = wording
        self.slide = slide
    }

    mutating func add(_ problem: FieldProblem) {
        if !list.contains(problem) { list.append(problem) }
    }

    /// A reader's problem: an error at the slide's field; a problem of the channel's settings
    /// (its theme's contrast, its time zone) is a warning of the slide as a whole, since the
    /// slide's editor cannot fix it in this form.
    mutating func addReaderProblem(_ problem: Problem) {
        let message = wording.plain(problem.message)
        if let field = PreviewFields.readerField(problem.field) {
            add(FieldProblem(field: field, message: message, isWarning: false))
        } else {
            add(FieldProblem(field: "", message: message, isWarning: true))
        }
    }

    /// A field the compositor cannot draw legibly at `size` in `language`. The size is named
    /// when several are drawn, since a text may fit in landscape and not in portrait; one
    /// problem per field, as `skylt validate` reports it.
    mutating func addComposeError(_ error: ComposeError, language: String, size: ScreenSize, singleSize: Bool) {
        let field = PreviewFields.layoutField(error.field, language: language, slide: slide)
        guard !list.contains(where: { $0.field == field && !$0.isWarning }) else { return }
        let plain = wording.plain(error.reason)
        add(FieldProblem(field: field, message: singleSize ? plain : wording.atSize(plain, size), isWarning: false))
    }

    /// A warning when the text drawn in `language` takes longer to read than the slide
    /// shows, at the field that takes longest, with how much to cut or add.
    mutating func addReadingTime(_ layout: Layout, duration: Double, language: String) {
        let parts = ReadingTime.seconds(layout.texts)
        let needed = parts.reduce(0) { $0 + $1.seconds }
        guard needed > duration, let longest = parts.max(by: { $0.seconds < $1.seconds }) else { return }
        let cut = Int(((needed - duration) * longest.rate.perSecond).rounded(.up))
        let add = Int((needed - duration).rounded(.up))
        let message = wording.readingTime(
            needed: Int(needed.rounded(.up)), duration: duration, cut: cut, unit: longest.rate.unit, add: add)
        let field = PreviewFields.layoutField(longest.field, language: language, slide: slide)
        self.add(FieldProblem(field: field, message: message, isWarning: true))
    }
}
