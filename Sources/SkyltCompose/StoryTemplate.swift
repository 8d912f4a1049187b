import Foundation
import SkyltCore

/// A story read aloud: title, author and picture above a row of codes, one per language.
extension Templates {
    func story(title: LocalizedText, author: String, image: URL, readings: [Reading], picker: String?)
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
}
