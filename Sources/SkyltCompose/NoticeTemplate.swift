import Foundation
import SkyltCore

/// A notice: title, body and who issued it; an urgent one marked beyond doubt.
extension Templates {
    func notice(title: LocalizedText, body: LocalizedText, qr: QRLink?, issuer: LocalizedText?)
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
}
