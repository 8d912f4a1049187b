import Foundation
import SkyltCore

/// The layouts of the seven templates, for landscape and portrait screens. Each one only
/// divides the screen into boxes; the painter fits, checks and draws.
struct Templates {
    let painter: SlidePainter
    let slide: ProgramSlide

    var portrait: Bool { painter.isPortrait }
    var gap: Double { painter.gap }

    func draw() throws(ComposeError) {
        switch slide.slide.content {
        case .notice(let title, let body, let qr, let issuer):
            try notice(title: title, body: body, qr: qr, issuer: issuer)
        case .info(let title, let body, let image, let qr):
            try info(title: title, body: body, image: image, qr: qr)
        case .event(let title, let starts, let ends, let place, let description, let image, let qr):
            try event(
                title: title, starts: starts, ends: ends, place: place, description: description, image: image, qr: qr)
        case .offer(let headline, let text, let price, let image):
            try offer(headline: headline, text: text, price: price, image: image)
        case .story(let title, let author, let image, let readings, let picker):
            try story(title: title, author: author, image: image, readings: readings, picker: picker)
        case .wifi(let title, let ssid, let password, let security, let hidden):
            try wifi(title: title, ssid: ssid, password: password, security: security, hidden: hidden)
        case .poster(let image, let caption, let qr):
            try poster(image: image, caption: caption, qr: qr)
        }
    }

    func label(_ qr: QRLink) -> String? { painter.resolve(qr.label) }

    var safe: Rect { painter.safeArea.rect }
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
    private func bleedImageBox(hasCode: Bool, portraitShare: Double = 0.34) -> Rect {
        if portrait { return frame.sliceTop((frame.height * portraitShare).rounded()).0 }
        let side = painter.sideColumn
        let bottom = hasCode ? painter.qrBlockBox().y - gap * 2 : frame.maxY
        let x = painter.grid.rightToLeft ? 0 : side.x
        let width = painter.grid.rightToLeft ? side.maxX : frame.maxX - side.x
        return Rect(x: x, y: 0, width: width, height: bottom)
    }

    /// Text below a portrait image band, or the text column in landscape.
    private func textArea(image: Rect?, hasCode: Bool) -> Rect {
        var area = textColumn(side: image != nil || hasCode)
        if portrait, let image {
            area = Rect(x: area.x, y: image.maxY + gap * 2, width: area.width, height: area.maxY - image.maxY - gap * 2)
        }
        return aboveCode(area, hasCode)
    }

    private func notice(title: LocalizedText, body: LocalizedText, qr: QRLink?, issuer: LocalizedText?)
        throws(ComposeError)
    {
        _ = painter.paintBackground()
        if let qr { try painter.qrBlock("qr.url", payload: qr.url, label: label(qr)) }
        var blocks: [SlidePainter.Block] = []
        if slide.slide.priority == .urgent {
            blocks.append(.init(field: "priority", text: painter.builtIn(.urgent).uppercased(), role: .caption))
        }
        blocks.append(.init(field: "title", text: painter.resolve(title)!, role: .title))
        blocks.append(.init(field: "body", text: painter.resolve(body)!, role: .body))
        if let issuer = painter.resolve(issuer) {
            blocks.append(.init(field: "issuer", text: issuer, role: .caption))
        }
        guard qr != nil else {
            try centredAlone(blocks)
            return
        }
        let area = textArea(image: nil, hasCode: true)
        guard let issuer = blocks.last, issuer.field == "issuer" else {
            try painter.column(blocks, in: area)
            return
        }
        // The issuer signs at the bottom, on the line the code's block ends on.
        let used = try painter.column([issuer], in: area, anchor: .bottom)
        try painter.column(Array(blocks.dropLast()), in: area.sliceBottom(used, gap: gap * 2).1)
    }

    private func info(title: LocalizedText, body: LocalizedText, image: URL, qr: QRLink?) throws(ComposeError) {
        _ = painter.paintBackground()
        let imageBox = bleedImageBox(hasCode: qr != nil)
        try painter.image("image", image, in: imageBox, fit: .cover)
        if let qr { try painter.qrBlock("qr.url", payload: qr.url, label: label(qr)) }
        try painter.column(
            [
                .init(field: "title", text: painter.resolve(title)!, role: .title),
                .init(field: "body", text: painter.resolve(body)!, role: .body),
            ], in: textArea(image: imageBox, hasCode: qr != nil), anchor: .middle)
    }

    private func event(
        title: LocalizedText, starts: Date, ends: Date?, place: LocalizedText, description: LocalizedText?, image: URL?,
        qr: QRLink?
    ) throws(ComposeError) {
        _ = painter.paintBackground()
        var imageBox: Rect?
        if let image {
            imageBox = bleedImageBox(hasCode: qr != nil, portraitShare: 0.3)
            try painter.image("image", image, in: imageBox!, fit: .cover)
        }
        if let qr { try painter.qrBlock("qr.url", payload: qr.url, label: label(qr)) }
        var blocks: [SlidePainter.Block] = [
            .init(field: "title", text: painter.resolve(title)!, role: .title),
            .init(
                field: "starts",
                text: EventTime.format(
                    starts: starts, ends: ends, language: painter.language, timeZone: slide.timeZone),
                role: .subtitle),
            .init(field: "place", text: painter.resolve(place)!, role: .subtitle),
        ]
        if let description = painter.resolve(description) {
            blocks.append(.init(field: "description", text: description, role: .body))
        }
        if imageBox == nil && qr == nil {
            try centredAlone(blocks)
            return
        }
        let area = textArea(image: imageBox, hasCode: qr != nil)
        try painter.column(blocks, in: area, anchor: portrait && imageBox == nil ? .top : .middle)
    }

    private func offer(headline: LocalizedText, text: LocalizedText, price: LocalizedText?, image: URL)
        throws(ComposeError)
    {
        _ = painter.paintBackground()
        let bounds = painter.canvas.bounds
        let imageBox: Rect
        var textArea: Rect
        // The image bleeds over the start half (the top in portrait), mirrored in right-to-left
        // languages; the text keeps a gap from it and stays in the safe area.
        if portrait {
            (imageBox, textArea) = bounds.sliceTop(bounds.height * 0.42, gap: painter.margin)
        } else if painter.grid.rightToLeft {
            (imageBox, textArea) = bounds.sliceRight(bounds.width * 0.48, gap: painter.margin)
        } else {
            (imageBox, textArea) = bounds.sliceLeft(bounds.width * 0.48, gap: painter.margin)
        }
        textArea = textArea.intersection(safe)
        try painter.image("image", image, in: imageBox, fit: .cover)
        if let price = painter.resolve(price) {
            // The price stands on an accent badge at the bottom of the text area.
            let style = painter.style(.price, color: painter.theme.accentForeground, center: true)
            let padding = gap / 2
            let badgeHeight = style.maximumCapHeight / TextFitter.capHeightRatio * 1.6 + 2 * padding
            let (badgeArea, rest) = textArea.sliceBottom(badgeHeight, gap: gap)
            let probe = try painter.fitter.fitOrFail(
                painter, "price", price, in: badgeArea.inset(by: padding), style: style)
            // As wide as the price's ink and its padding, at the start edge of the column.
            let width = min(badgeArea.width, probe.inkRect.width + 4 * padding)
            let badge = Rect(
                x: painter.grid.rightToLeft ? badgeArea.maxX - width : badgeArea.x,
                y: badgeArea.maxY - probe.logicalRect.height - 2 * padding, width: width,
                height: probe.logicalRect.height + 2 * padding)
            painter.canvas.fillRounded(badge, radius: padding, painter.theme.accent)
            try painter.text(
                "price", price,
                in: Rect(x: badge.x, y: badge.y + padding, width: badge.width, height: badge.height - 2 * padding + 1),
                style: style)
            textArea = rest
        }
        try painter.column(
            [
                .init(field: "headline", text: painter.resolve(headline)!, role: .title),
                .init(field: "text", text: painter.resolve(text)!, role: .body),
            ], in: textArea)
    }

    private func story(title: LocalizedText, author: String, image: URL, readings: [Reading], picker: String?)
        throws(ComposeError)
    {
        let area = painter.paintBackground()
        let grid = try StoryCodes.layout(
            painter: painter, readings: readings, picker: picker, in: area, portrait: portrait)
        var top: Rect
        var pickerBlock: Rect?
        if case .picker(let url, let label) = grid.codes {
            // One code for all readings stands where every single code of the kiosk does.
            let block = try painter.qrBlock("pickerUrl", payload: url, label: label)
            pickerBlock = block
            top = area
            if portrait { top = area.sliceBottom(area.maxY - block.y, gap: gap * 2).1 }
        } else {
            let (codeBand, rest) = area.sliceBottom(grid.height, gap: gap * 2)
            try grid.draw(painter, in: codeBand)
            top = rest
        }
        let imageBox: Rect
        var textBox: Rect
        if portrait {
            (imageBox, textBox) = top.sliceTop(top.height * 0.5, gap: gap)
        } else if painter.grid.rightToLeft {
            (imageBox, textBox) = top.sliceRight(top.width * 0.38, gap: gap * 2)
        } else {
            (imageBox, textBox) = top.sliceLeft(top.width * 0.38, gap: gap * 2)
        }
        if let block = pickerBlock, !portrait {
            textBox = textBox.sliceBottom(textBox.maxY - block.y, gap: gap * 2).1
        }
        try painter.image("image", image, in: imageBox, fit: .cover)
        try painter.column(
            [
                .init(field: "title", text: painter.resolve(title)!, role: .title),
                .init(field: "author", text: author, role: .body),
            ], in: textBox, anchor: portrait ? .middle : .top)
    }

    private func wifi(title: LocalizedText?, ssid: String, password: String?, security: WifiSecurity, hidden: Bool)
        throws(ComposeError)
    {
        _ = painter.paintBackground()
        let payload = WifiPayload.make(ssid: ssid, password: password, security: security, hidden: hidden)
        try painter.qrBlock("ssid", payload: payload, label: painter.builtIn(.wifiScan))
        // In landscape the title at the top; the network and password, what people copy, at
        // the bottom on the code's line, a size above body text.
        var details: [SlidePainter.Block] = [
            .init(field: "ssid", text: "\(painter.builtIn(.wifiNetwork)): \(ssid)", role: .subtitle)
        ]
        if security != .open, let password {
            details.append(
                .init(field: "password", text: "\(painter.builtIn(.wifiPassword)): \(password)", role: .subtitle))
        } else {
            details.append(.init(field: "password", text: painter.builtIn(.wifiOpen), role: .subtitle))
        }
        let area = textArea(image: nil, hasCode: true)
        let title = painter.resolve(title) ?? painter.builtIn(.wifiTitle)
        if portrait {
            // Above a code that spans the width, the texts read as one group from the top.
            try painter.column([.init(field: "title", text: title, role: .title)] + details, in: area)
            return
        }
        let used = try painter.column(details, in: area, anchor: .bottom)
        try painter.column(
            [.init(field: "title", text: title, role: .title)], in: area.sliceBottom(used, gap: gap * 2).1)
    }
}

extension TextFitter {
    /// Measures without drawing, turning an overflow into the painter's error for `field`.
    func fitOrFail(_ painter: SlidePainter, _ field: String, _ text: String, in box: Rect, style: TextStyle)
        throws(ComposeError) -> FittedText
    {
        do {
            return try fit(text, field: field, in: box, style: style)
        } catch {
            throw painter.fail(field, "does not fit at the legible minimum; shorten it")
        }
    }
}

/// How the date and time of an event read in each language, in the playlist's time zone:
/// the Gregorian calendar, the language's own names and digits, as `SlideDate` writes them.
enum EventTime {
    static func format(starts: Date, ends: Date?, language: String, timeZone: TimeZone) -> String {
        SlideDate.eventTime(starts: starts, ends: ends, language: language, timeZone: timeZone)
    }
}
