import Foundation
import SkyltCore

/// An event: what, when and where, with an optional picture and code.
extension Templates {
    func event(
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
}
