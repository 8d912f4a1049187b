public import FoundationEssentials
import SkyltCore

extension Layout {
    /// The layout file `skylt render --layout` writes beside a preview: sizes and boxes in
    /// whole pixels from the top left, so that tools and people can check a slide without
    /// reading pixels.
    public func jsonData() throws -> Data {
        let document: JSONValue = .object([
            "size": Self.numbers([width, height]),
            "safeArea": Self.numbers(Self.pixels(safeArea)),
            "language": .string(language),
            "direction": .string(direction.rawValue),
            "elements": .array(elements.map(Self.object)),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    /// A box as [x, y, width, height], rounded outwards to whole pixels.
    static func pixels(_ rect: Rect) -> [Int] {
        let x = Int(rect.x.rounded(.down))
        let y = Int(rect.y.rounded(.down))
        return [x, y, Int(rect.maxX.rounded(.up)) - x, Int(rect.maxY.rounded(.up)) - y]
    }

    static func numbers(_ values: [Int]) -> JSONValue { .array(values.map { .number(Double($0)) }) }

    static func object(_ element: LayoutElement) -> JSONValue {
        switch element {
        case .text(let text):
            .object([
                "kind": .string("text"), "role": .string(text.role.rawValue), "language": .string(text.language),
                "text": .string(text.text), "box": numbers(pixels(text.drawnRect)),
                "capHeightPx": .number(text.capHeight.rounded()), "align": .string(text.alignment.rawValue),
            ])
        case .code(let code):
            .object([
                "kind": .string("qr"), "payload": .string(code.payload), "box": numbers(pixels(code.symbolRect)),
                "modulePx": .number(Double(code.modulePixels)),
            ])
        case .image(let image):
            .object(["kind": .string("image"), "box": numbers(pixels(image.box)), "bleed": .bool(image.bleed)])
        }
    }
}
