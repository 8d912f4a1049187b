import FoundationEssentials
import SkyltCore

/// The fields of an event slide, as the template reads them.
struct Event {
    var title: LocalizedText
    var starts: Date
    var ends: Date?
    var place: LocalizedText
    var description: LocalizedText?
    var image: URL?
    var qr: QRLink?
    var organiser: LocalizedText?
}

/// An event, laid out as event posters are: the date block first and largest (weekday above,
/// day and month large, the time below), because "when" is what a passer-by checks against
/// their week; then what it is, then where; the organiser signs small at the bottom.
extension Templates {
    func event(_ event: Event) throws(ComposeError) {
        _ = painter.paintBackground()
        if let qr = event.qr { try painter.qrBlock("qr.url", payload: qr.url, label: label(qr)) }
        // A portrait picture gives up height when the texts need it (a wide safe inset, long
        // words); the texts are fitted first, so that the picture is drawn once, at its size.
        // Last, the weekday gives up its own line and joins the time's.
        let shares = portrait && event.image != nil ? [0.22, 0.15] : [0.22]
        let tries = shares.map { (share: $0, compact: false) } + [(share: shares.last!, compact: true)]
        let imageBox = { (share: Double) in
            event.image.map { _ in bleedImageBox(hasCode: event.qr != nil, portraitShare: share) }
        }
        let chosen = try firstThatFits(tries) { (choice) throws(ComposeError) in
            try texts(event, imageBox: imageBox(choice.share), compact: choice.compact)
        }
        if let image = event.image, let box = imageBox(chosen.share) {
            try painter.image("image", image, in: box, fit: .cover)
        }
    }

    /// The texts of an event beside or below its picture's box.
    func texts(_ event: Event, imageBox: Rect?, compact: Bool) throws(ComposeError) {
        var blocks =
            dateBlocks(event, compact: compact) + [
                .init(field: "title", text: painter.resolve(event.title)!, role: .title)
            ]
        blocks.append(.init(field: "place", text: painter.resolve(event.place)!, role: .subtitle))
        if let description = painter.resolve(event.description) {
            blocks.append(.init(field: "description", text: description, role: .body))
        }
        let organiser = painter.resolve(event.organiser).map {
            SlidePainter.Block(field: "organiser", text: painter.builtIn(.organiser) + ": " + $0, role: .caption)
        }
        if imageBox == nil && event.qr == nil {
            try centredAlone(blocks + (organiser.map { [$0] } ?? []))
            return
        }
        let area = textArea(image: imageBox, hasCode: event.qr != nil)
        guard let organiser else {
            try painter.column(blocks, in: area, anchor: portrait && imageBox == nil ? .top : .middle)
            return
        }
        // The organiser signs at the bottom of the text's room; the rest fills the room above
        // from its top, so that the slide reads from top to bottom (and is drawn in that order).
        let probe = try painter.measure(organiser.field, organiser.text, in: area, style: painter.style(.caption))
        let height = max(probe.logicalRect.maxY, probe.inkRect.maxY) - area.y
        try painter.column(blocks, in: area.sliceBottom(height, gap: gap * 2).1, anchor: .top)
        try painter.column([organiser], in: area, anchor: .bottom)
    }

    /// The date block: the weekday, the day and month at the display size (the size of an
    /// offer's price, the largest of the type scale), the time or time range below. `compact`
    /// puts the weekday before the time, on one line, for a screen with little height.
    func dateBlocks(_ event: Event, compact: Bool = false) -> [SlidePainter.Block] {
        var parts = SlideDate.eventParts(
            starts: event.starts, ends: event.ends, language: painter.language, timeZone: slide.timeZone)
        if compact, let weekday = parts.weekday, let time = parts.time {
            parts.time = weekday + " " + time
            parts.weekday = nil
        }
        // The block's lines sit close together, as one group; a title's spacing follows it.
        let close = painter.spacing(after: .body) / 2
        var blocks: [SlidePainter.Block] = []
        if let weekday = parts.weekday {
            blocks.append(.init(field: "starts.weekday", text: weekday, role: .subtitle, spaceAfter: close))
        }
        blocks.append(.init(field: "starts.date", text: parts.date, role: .price, spaceAfter: close))
        if let time = parts.time {
            blocks.append(.init(field: "starts.time", text: time, role: .subtitle))
        }
        blocks[blocks.count - 1].spaceAfter = painter.spacing(after: .title)
        return blocks
    }
}
