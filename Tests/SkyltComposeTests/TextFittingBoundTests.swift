import Foundation
import SkyltCore
import Testing

@testable import SkyltCompose

@Suite("Fitting text takes a bounded number of layouts")
struct TextFittingBoundTests {
    /// A style that shrinks from 100 px to 10 px cap height in 6% steps: 39 sizes.
    static let range = TextStyle(
        minimumCapHeight: 10, maximumCapHeight: 100, bold: false, color: Color(hex: "#000000")!)

    /// The most layouts a binary search over `sizes` takes in both passes (whole words, then
    /// breaking inside them): the largest, the smallest, and halving between.
    static func bound(sizes: Int) -> Int { 2 * (Int(log2(Double(sizes)).rounded(.up)) + 2) }

    @Test("a text that fits at no size costs four layouts, not two per size")
    func overflowIsLogarithmic() throws {
        let canvas = Canvas(width: 400, height: 300)
        let fitter = TextFitter(cr: canvas.cr)
        let sizes = TextFitter.sizes(Self.range).count
        #expect(sizes > 30)
        let essay = String(repeating: "Alldeles för mycket text på en skylt. ", count: 40)
        #expect(throws: TextOverflow.self) {
            try fitter.fit(essay, field: "body", in: Rect(x: 0, y: 0, width: 300, height: 100), style: Self.range)
        }
        #expect(fitter.layoutCount == 4, "\(fitter.layoutCount) layouts for \(sizes) sizes")
        withExtendedLifetime(canvas) {}
    }

    @Test(
        "the size found by halving is the largest that fits: one step larger does not fit whole words",
        arguments: [5, 12, 30, 60])
    func largestSize(words: Int) throws {
        let canvas = Canvas(width: 800, height: 600)
        let fitter = TextFitter(cr: canvas.cr)
        let box = Rect(x: 0, y: 0, width: 700, height: 400)
        let text = Array(repeating: "Julmarknad i Bygdegården", count: words).joined(separator: " ")
        let fitted = try fitter.fit(text, field: "body", in: box, style: Self.range)
        let sizes = TextFitter.sizes(Self.range)
        #expect(fitter.layoutCount <= Self.bound(sizes: sizes.count), "\(fitter.layoutCount) layouts")
        let index = try #require(sizes.firstIndex(of: fitted.capHeight))
        #expect(fitted.breaksInsideWords == false)
        guard index > 0 else { return }
        var larger = Self.range
        larger.steps = [sizes[index - 1]]
        let bigger = try? fitter.fit(text, field: "body", in: box, style: larger)
        #expect(bigger == nil || bigger?.breaksInsideWords == true, "\(sizes[index - 1]) px fits too")
        withExtendedLifetime(canvas) {}
    }
}
