import SkyltCore

/// The codes of a story: one per reading, each labelled with the language's own name, in a
/// grid; or, when they cannot all be drawn at a scannable size, one code to a page where the
/// visitor picks a language.
struct StoryCodes {
    /// The share of the content area the codes may take.
    static let maxBandShare = 0.55

    enum Codes {
        case readings([Reading])
        case picker(url: String, label: String)
    }

    let codes: Codes
    let columns, rows: Int
    let cellWidth, cellHeight: Double
    let modulePixels: Int
    let gap: Double

    var height: Double { Double(rows) * cellHeight + Double(rows - 1) * gap }

    static func layout(painter: SlidePainter, readings: [Reading], picker: String?, in area: Rect, portrait: Bool)
        throws(ComposeError) -> StoryCodes
    {
        let gap = painter.gap
        var symbols: [QRSymbol] = []
        for (index, reading) in readings.enumerated() {
            symbols.append(try painter.symbol("readings[\(index)].url", reading.url))
        }
        let modules = symbols.map(\.size).max() ?? 21
        let pixels = painter.legibility.qrModulePixels(modules: modules)
        let plate = Double((modules + 2 * Legibility.qrQuietZoneModules) * pixels)
        let cellWidth = plate + gap
        let cellHeight = plate + gap / 2 + painter.captionLineHeight * 2
        let maxHeight = area.height * maxBandShare
        for columns in stride(from: readings.count, through: 1, by: -1) {
            let rows = (readings.count + columns - 1) / columns
            let width = Double(columns) * cellWidth + Double(columns - 1) * gap
            let height = Double(rows) * cellHeight + Double(rows - 1) * gap
            if width <= area.width && height <= maxHeight {
                // As many rows as needed, their codes shared out evenly: four codes in two
                // rows of two, not three and one alone.
                let even = (readings.count + rows - 1) / rows
                return StoryCodes(
                    codes: .readings(readings), columns: even, rows: rows, cellWidth: cellWidth,
                    cellHeight: cellHeight, modulePixels: pixels, gap: gap)
            }
        }
        guard let picker else {
            throw painter.fail(
                "readings",
                "\(readings.count) codes do not fit at a scannable size; give 'pickerUrl', a page where visitors choose their language"
            )
        }
        let symbol = try painter.symbol("pickerUrl", picker)
        let pickerPixels = painter.legibility.qrModulePixels(modules: symbol.size)
        let side = Double((symbol.size + 2 * Legibility.qrQuietZoneModules) * pickerPixels)
        let label = readings.map(\.label).joined(separator: " · ")
        return StoryCodes(
            codes: .picker(url: picker, label: label), columns: 1, rows: 1, cellWidth: area.width,
            cellHeight: side + gap / 2 + painter.captionLineHeight * 2, modulePixels: pickerPixels, gap: gap)
    }

    func draw(_ painter: SlidePainter, in band: Rect) throws(ComposeError) {
        switch codes {
        case .picker(let url, let label):
            try painter.code("pickerUrl", payload: url, label: label, in: band, modulePixels: modulePixels)
        case .readings(let readings):
            // Codes follow the reading direction: the first language starts the row on the
            // right on a right-to-left page.
            let rightToLeft = LanguageCode.direction(painter.language) == .rtl
            for (index, reading) in readings.enumerated() {
                let row = index / columns
                let inRow = min(columns, readings.count - row * columns)
                let column = rightToLeft ? inRow - 1 - index % columns : index % columns
                let rowWidth = Double(inRow) * cellWidth + Double(inRow - 1) * gap
                let x = band.x + (band.width - rowWidth) / 2 + Double(column) * (cellWidth + gap)
                let y = band.y + Double(row) * (cellHeight + gap)
                try painter.code(
                    "readings[\(index)].url", payload: reading.url, label: reading.label,
                    in: Rect(x: x, y: y, width: cellWidth, height: cellHeight), modulePixels: modulePixels)
            }
        }
    }
}
