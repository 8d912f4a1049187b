import FoundationEssentials
import SkyltCore

/// The layouts of the thirteen templates (seven for editors, six for data), for landscape and portrait screens. Each one only
/// divides the screen into boxes; the painter fits, checks and draws.
struct Templates {
    let painter: SlidePainter
    let slide: ProgramSlide
    /// The moment the slide is composed for: data templates count down to it and drop what
    /// is past.
    let now: Date

    var portrait: Bool { painter.isPortrait }
    var gap: Double { painter.gap }

    func draw() throws(ComposeError) {
        switch slide.slide.content {
        case .notice(let title, let body, let qr, let issuer):
            try notice(title: title, body: body, qr: qr, issuer: issuer)
        case .info(let title, let body, let image, let qr):
            try info(title: title, body: body, image: image, qr: qr)
        case .event(let title, let starts, let ends, let place, let description, let image, let qr, let organiser):
            try event(
                Event(
                    title: title, starts: starts, ends: ends, place: place, description: description, image: image,
                    qr: qr, organiser: organiser))
        case .offer(let headline, let text, let price, let image):
            try offer(headline: headline, text: text, price: price, image: image)
        case .story(let title, let author, let image, let readings, let picker):
            try story(title: title, author: author, image: image, readings: readings, picker: picker)
        case .wifi(let title, let ssid, let password, let security, let hidden):
            try wifi(title: title, ssid: ssid, password: password, security: security, hidden: hidden)
        case .poster(let image, let caption, let qr):
            try poster(image: image, caption: caption, qr: qr)
        case .departures(let board): try departures(board)
        case .weather(let forecast): try weather(forecast)
        case .agenda(let events): try agenda(events)
        case .news(let item): try news(item)
        case .figure(let reading): try figure(reading)
        case .alert(let warning): try alert(warning)
        }
    }

    func label(_ qr: QRLink) -> String? { painter.resolve(qr.label) }

    /// The safe area below the language row, when the slide has one: content never meets it.
    var safe: Rect { painter.contentArea }
    var frame: Rect { painter.canvas.bounds }

    /// The text column: beside the side column when there is one (seven of twelve columns),
    /// else ten columns, so that lines stay short enough to read; the safe width in portrait.
    func textColumn(side: Bool) -> Rect {
        portrait ? safe : painter.grid.span(0, side ? 7 : 10)
    }

    /// Texts with nothing beside them, centred in the safe height: on ten columns, so that
    /// lines stay short enough to read, or on all twelve when they need the room (large
    /// type on a small screen read from far away).
    func centredAlone(_ blocks: [SlidePainter.Block]) throws(ComposeError) {
        if portrait || (try? painter.column(blocks, in: textColumn(side: false), anchor: .middle)) == nil {
            try painter.column(blocks, in: portrait ? safe : painter.grid.span(0, 12), anchor: .middle)
        }
    }

    /// The part of `area` above the QR block, in portrait where the block spans the width.
    func aboveCode(_ area: Rect, _ hasCode: Bool) -> Rect {
        guard portrait, hasCode else { return area }
        return Rect(x: area.x, y: area.y, width: area.width, height: painter.qrBlockBox().y - gap * 2 - area.y)
    }

    /// The image that bleeds to the frame's edges: the side column out to the end edge in
    /// landscape (above the QR block when there is one), a band across the top in portrait.
    func bleedImageBox(hasCode: Bool, portraitShare: Double = 0.34) -> Rect {
        if portrait { return frame.sliceTop((frame.height * portraitShare).rounded()).0 }
        let side = painter.sideColumn
        let bottom = hasCode ? painter.qrBlockBox().y - gap * 2 : frame.maxY
        let x = painter.grid.rightToLeft ? 0 : side.x
        let width = painter.grid.rightToLeft ? side.maxX : frame.maxX - side.x
        return Rect(x: x, y: 0, width: width, height: bottom)
    }

    /// Text below a portrait image band, or the text column in landscape.
    func textArea(image: Rect?, hasCode: Bool) -> Rect {
        var area = textColumn(side: image != nil || hasCode)
        if portrait, let image {
            area = Rect(x: area.x, y: image.maxY + gap * 2, width: area.width, height: area.maxY - image.maxY - gap * 2)
        }
        return aboveCode(area, hasCode)
    }

    /// Tries `attempt` with each layout choice in order (a picture giving up room, a more
    /// compact date) and returns the first that fits; when none does, the last one's error.
    /// Texts are fitted by the attempt before any picture is drawn, so a choice that fails
    /// leaves nothing on the canvas.
    func firstThatFits<Choice>(_ choices: [Choice], _ attempt: (Choice) throws(ComposeError) -> Void)
        throws(ComposeError) -> Choice
    {
        var lastError: ComposeError?
        for choice in choices {
            do {
                try attempt(choice)
                return choice
            } catch {
                lastError = error
            }
        }
        throw lastError ?? painter.fail("layout", "no layout to try")
    }
}
