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

    private func label(_ qr: QRLink) -> String? { painter.resolve(qr.label) }

    /// Splits off the room a labelled code needs: a right column in landscape, a bottom band
    /// in portrait.
    private func splitForCode(_ area: Rect, _ qr: QRLink) throws(ComposeError) -> (code: Rect, rest: Rect) {
        let symbol = try painter.symbol("qr.url", qr.url)
        let size = painter.codeSize(symbol, labelled: qr.label != nil)
        if portrait {
            return area.sliceBottom(size.height * 1.15, gap: gap)
        }
        return area.sliceRight(max(size.width * 1.2, area.width * 0.3), gap: gap)
    }

    private func notice(title: LocalizedText, body: LocalizedText, qr: QRLink?, issuer: LocalizedText?)
        throws(ComposeError)
    {
        var area = painter.paintBackground()
        if let qr {
            let (codeBox, rest) = try splitForCode(area, qr)
            try painter.code("qr.url", payload: qr.url, label: label(qr), in: codeBox)
            area = rest
        }
        var blocks: [SlidePainter.Block] = []
        if slide.slide.priority == .urgent {
            blocks.append(.init(field: "priority", text: painter.builtIn(.urgent).uppercased(), role: .caption))
        }
        blocks.append(.init(field: "title", text: painter.resolve(title)!, role: .title))
        blocks.append(.init(field: "body", text: painter.resolve(body)!, role: .body))
        if let issuer = painter.resolve(issuer) {
            blocks.append(.init(field: "issuer", text: issuer, role: .caption))
        }
        try painter.column(blocks, in: area)
    }

    /// A media column beside the text in landscape, a band above it in portrait; the code, if
    /// any, shares the media column (landscape) or takes the bottom (portrait).
    private func mediaLayout(_ area: Rect, share: Double, hasImage: Bool, qr: QRLink?) throws(ComposeError)
        -> (text: Rect, image: Rect?)
    {
        var text = area
        var imageBox: Rect?
        if portrait {
            if let qr {
                let (codeBox, rest) = try splitForCode(text, qr)
                try painter.code("qr.url", payload: qr.url, label: label(qr), in: codeBox)
                text = rest
            }
            if hasImage {
                let (top, rest) = text.sliceTop(area.height * share * 0.8, gap: gap)
                imageBox = top
                text = rest
            }
            return (text, imageBox)
        }
        guard hasImage || qr != nil else { return (area, nil) }
        let (side, rest) = area.sliceRight(area.width * share, gap: gap * 2)
        text = rest
        var media = side
        if let qr {
            let symbol = try painter.symbol("qr.url", qr.url)
            let size = painter.codeSize(symbol, labelled: qr.label != nil)
            let (codeBox, above) = media.sliceBottom(hasImage ? size.height : media.height, gap: gap)
            try painter.code("qr.url", payload: qr.url, label: label(qr), in: codeBox)
            media = above
        }
        if hasImage { imageBox = media }
        return (text, imageBox)
    }

    private func info(title: LocalizedText, body: LocalizedText, image: URL, qr: QRLink?) throws(ComposeError) {
        let area = painter.paintBackground()
        let layout = try mediaLayout(area, share: 0.42, hasImage: true, qr: qr)
        try painter.image("image", image, in: layout.image!, fit: .cover)
        try painter.column(
            [
                .init(field: "title", text: painter.resolve(title)!, role: .title),
                .init(field: "body", text: painter.resolve(body)!, role: .body),
            ], in: layout.text)
    }

    private func event(
        title: LocalizedText, starts: Date, ends: Date?, place: LocalizedText, description: LocalizedText?, image: URL?,
        qr: QRLink?
    ) throws(ComposeError) {
        let area = painter.paintBackground()
        let layout = try mediaLayout(area, share: 0.38, hasImage: image != nil, qr: qr)
        if let image, let box = layout.image { try painter.image("image", image, in: box, fit: .cover) }
        var blocks: [SlidePainter.Block] = [
            .init(field: "title", text: painter.resolve(title)!, role: .title),
            .init(
                field: "starts",
                text: EventTime.format(
                    starts: starts, ends: ends, language: painter.language, timeZone: slide.timeZone),
                role: .body),
            .init(field: "place", text: painter.resolve(place)!, role: .body),
        ]
        if let description = painter.resolve(description) {
            blocks.append(.init(field: "description", text: description, role: .body))
        }
        try painter.column(blocks, in: layout.text)
    }

    private func offer(headline: LocalizedText, text: LocalizedText, price: LocalizedText?, image: URL)
        throws(ComposeError)
    {
        _ = painter.paintBackground()
        let bounds = painter.canvas.bounds
        let margin = painter.margin
        let imageBox: Rect
        var textArea: Rect
        if portrait {
            (imageBox, textArea) = bounds.sliceTop(bounds.height * 0.42)
            textArea = textArea.inset(by: margin)
        } else {
            (imageBox, textArea) = bounds.sliceLeft(bounds.width * 0.48)
            textArea = textArea.inset(by: margin)
        }
        try painter.image("image", image, in: imageBox, fit: .cover)
        if let price = painter.resolve(price) {
            // The price stands on an accent badge at the bottom of the text area.
            let style = painter.style(.price, color: painter.theme.accentForeground)
            let padding = gap / 2
            let badgeHeight = style.maximumCapHeight / TextFitter.capHeightRatio * 1.6 + 2 * padding
            let (badgeArea, rest) = textArea.sliceBottom(badgeHeight, gap: gap)
            let probe = try painter.fitter.fitOrFail(
                painter, "price", price, in: badgeArea.inset(by: padding), style: style)
            let badge = Rect(
                x: badgeArea.x, y: badgeArea.maxY - probe.logicalRect.height - 2 * padding,
                width: min(badgeArea.width, probe.logicalRect.width + 4 * padding),
                height: probe.logicalRect.height + 2 * padding)
            painter.canvas.fillRounded(badge, radius: padding, painter.theme.accent)
            try painter.text(
                "price", price,
                in: Rect(
                    x: badge.x + 2 * padding, y: badge.y + padding, width: badge.width - 4 * padding + 1,
                    height: badge.height - 2 * padding + 1),
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
        let (codeBand, top) = area.sliceBottom(grid.height, gap: gap * 2)
        try grid.draw(painter, in: codeBand)
        let imageBox: Rect
        let textBox: Rect
        if portrait {
            (imageBox, textBox) = top.sliceTop(top.height * 0.5, gap: gap)
        } else {
            (imageBox, textBox) = top.sliceLeft(top.width * 0.38, gap: gap * 2)
        }
        try painter.image("image", image, in: imageBox, fit: .cover)
        try painter.column(
            [
                .init(field: "title", text: painter.resolve(title)!, role: .title),
                .init(field: "author", text: author, role: .body),
            ], in: textBox)
    }

    private func wifi(title: LocalizedText?, ssid: String, password: String?, security: WifiSecurity, hidden: Bool)
        throws(ComposeError)
    {
        var area = painter.paintBackground()
        let payload = WifiPayload.make(ssid: ssid, password: password, security: security, hidden: hidden)
        let symbol = try painter.symbol("ssid", payload)
        let size = painter.codeSize(symbol, labelled: true)
        let codeBox: Rect
        if portrait {
            (codeBox, area) = area.sliceBottom(size.height * 1.15, gap: gap)
        } else {
            (codeBox, area) = area.sliceRight(max(size.width * 1.2, area.width * 0.36), gap: gap)
        }
        try painter.code("ssid", payload: payload, label: painter.builtIn(.wifiScan), in: codeBox)
        var blocks: [SlidePainter.Block] = [
            .init(field: "title", text: painter.resolve(title) ?? painter.builtIn(.wifiTitle), role: .title),
            .init(field: "ssid", text: "\(painter.builtIn(.wifiNetwork)): \(ssid)", role: .body),
        ]
        if security != .open, let password {
            blocks.append(.init(field: "password", text: "\(painter.builtIn(.wifiPassword)): \(password)", role: .body))
        } else {
            blocks.append(.init(field: "password", text: painter.builtIn(.wifiOpen), role: .body))
        }
        try painter.column(blocks, in: area)
    }

    private func poster(image: URL, caption: LocalizedText?, qr: QRLink?) throws(ComposeError) {
        let bounds = painter.canvas.bounds
        painter.canvas.fill(bounds, painter.background)
        guard caption != nil || qr != nil else {
            try painter.image("image", image, in: bounds, fit: .contain)
            return
        }
        // A band at the bottom holds the caption and the code; the poster fits above it.
        var bandHeight = painter.captionLineHeight * 2 + painter.margin
        var codeSize: (width: Double, height: Double)?
        if let qr {
            let symbol = try painter.symbol("qr.url", qr.url)
            codeSize = painter.codeSize(symbol, labelled: false)
            bandHeight = max(bandHeight, codeSize!.height + painter.margin)
        }
        let (band, imageBox) = bounds.sliceBottom(bandHeight)
        try painter.image("image", image, in: imageBox, fit: .contain)
        var captionBox = band.inset(by: painter.margin / 2)
        if let qr, let codeSize {
            let (codeBox, rest) = captionBox.sliceRight(codeSize.width, gap: gap)
            try painter.code("qr.url", payload: qr.url, label: nil, in: codeBox)
            captionBox = rest
            if let text = label(qr) {
                let (labelBox, remaining) = captionBox.sliceRight(captionBox.width * 0.22, gap: gap)
                try painter.column([.init(field: "qr.label", text: text, role: .caption)], in: labelBox, center: true)
                captionBox = remaining
            }
        }
        if let text = painter.resolve(caption) {
            try painter.column([.init(field: "caption", text: text, role: .body)], in: captionBox, center: true)
        }
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
