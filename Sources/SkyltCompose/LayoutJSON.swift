public import Foundation
import SkyltCore

extension Layout {
    /// The layout file `skylt render --layout` writes beside a preview: sizes and boxes in
    /// whole pixels from the top left, so that tools and people can check a slide without
    /// reading pixels.
    public func jsonData() throws -> Data {
        let document: [String: Any] = [
            "size": [width, height],
            "safeArea": Self.pixels(safeArea),
            "language": language,
            "direction": direction.rawValue,
            "elements": elements.map(Self.object),
        ]
        return try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// A box as [x, y, width, height], rounded outwards to whole pixels.
    static func pixels(_ rect: Rect) -> [Int] {
        let x = Int(rect.x.rounded(.down))
        let y = Int(rect.y.rounded(.down))
        return [x, y, Int(rect.maxX.rounded(.up)) - x, Int(rect.maxY.rounded(.up)) - y]
    }

    static func object(_ element: LayoutElement) -> [String: Any] {
        switch element {
        case .text(let text):
            [
                "kind": "text", "role": text.role.rawValue, "language": text.language, "text": text.text,
                "box": pixels(text.drawnRect), "capHeightPx": Int(text.capHeight.rounded()),
                "align": text.alignment.rawValue,
            ]
        case .code(let code):
            ["kind": "qr", "payload": code.payload, "box": pixels(code.symbolRect), "modulePx": code.modulePixels]
        case .image(let image):
            ["kind": "image", "box": pixels(image.box), "bleed": image.bleed]
        }
    }
}
