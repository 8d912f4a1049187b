import FoundationEssentials
import SkyltCore

/// Tourist and practical information: a picture that bleeds to the edge beside the text.
extension Templates {
    func info(title: LocalizedText, body: LocalizedText, image: URL, qr: QRLink?) throws(ComposeError) {
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
}
