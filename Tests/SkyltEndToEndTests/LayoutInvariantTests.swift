import Foundation
import SkyltCompose
import SkyltTestSupport
import Testing

/// The rules of shared/SLIDES.md checked on the real renders of the demo and the multilingual
/// playlist, from the layout files and the pixels they describe. Checks the current layout
/// does not meet yet are known issues (`Known.issues`): they pass while it fails and flag when
/// it is fixed.
@Suite("Layout invariants of the real renders", .timeLimit(.minutes(10)))
struct LayoutInvariantTests {
    @Test("every text and QR box lies inside the safe area", arguments: LayoutRenders.sizes)
    func insideSafeArea(size: String) throws {
        Known.check(.safeArea, size: size, LayoutChecks.outsideSafeArea(try LayoutRenders.pages(size)))
    }

    @Test("each QR box decodes to its payload and each text box is not blank", arguments: LayoutRenders.sizes)
    func layoutMatchesPixels(size: String) throws {
        let crops = TemporaryFolder()
        var violations: [Violation] = []
        var codes = 0
        for page in try LayoutRenders.pages(size) {
            let frame = try Frame.readPNG(from: page.png)
            for (index, code) in page.codes.enumerated() {
                codes += 1
                let quiet = 4 * (code.modulePx ?? 0)
                let box = code.box
                let crop = crops.file("\(page.stem)-\(index).ppm")
                try PPM.crop(frame, [box[0] - quiet, box[1] - quiet, box[2] + 2 * quiet, box[3] + 2 * quiet])
                    .write(to: crop)
                let decoded = try ExternalTool.zbarDecode(crop)
                if decoded != [code.payload ?? ""] {
                    violations.append(Violation(page, "QR at \(box) decodes to \(decoded), not \(code.payload ?? "")"))
                }
            }
            for text in page.texts where PPM.colors(frame, text.box) < 2 {
                violations.append(Violation(page, "\(LayoutChecks.name(text)) at \(text.box) is blank"))
            }
        }
        #expect(codes > 0)
        #expect(violations.isEmpty, LayoutChecks.report(violations))
    }

    @Test("every text is in its page's language, but for zxx and the language row", arguments: LayoutRenders.sizes)
    func textsInPageLanguage(size: String) throws {
        let violations = LayoutChecks.foreignTexts(try LayoutRenders.pages(size))
        #expect(violations.isEmpty, LayoutChecks.report(violations))
    }

    @Test("titles and bodies have at most three cap heights per playlist", arguments: LayoutRenders.sizes)
    func fewCapHeights(size: String) throws {
        let violations = LayoutChecks.tooManyCapHeights(try LayoutRenders.pages(size))
        #expect(violations.isEmpty, LayoutChecks.report(violations))
    }

    @Test("content is balanced vertically in the safe area", arguments: LayoutRenders.sizes)
    func balancedVertically(size: String) throws {
        Known.check(.balance, size: size, LayoutChecks.unbalanced(try LayoutRenders.pages(size)))
    }

    @Test("single-code slides show their QR code at one size", arguments: LayoutRenders.sizes)
    func oneCodeSize(size: String) throws {
        let pages = try LayoutRenders.pages(size)
        #expect(pages.contains { $0.codes.count == 1 })
        Known.check(.codeSize, size: size, LayoutChecks.codeSizes(pages))
    }

    @Test("right-to-left pages mirror the QR and image boxes of left-to-right ones", arguments: LayoutRenders.sizes)
    func rightToLeftMirrors(size: String) throws {
        let (violations, compared) = LayoutChecks.unmirrored(try LayoutRenders.pages(size))
        #expect(compared > 0, "no right-to-left page with a left-to-right twin")
        Known.check(.mirror, size: size, violations)
    }

    @Test(
        "pages of slides in several languages, and only those, have one language row, meeting no other box",
        arguments: LayoutRenders.sizes)
    func languageRows(size: String) throws {
        let pages = try LayoutRenders.pages(size)
        #expect(
            pages.contains { page in page.texts.contains { LayoutChecks.isLanguageRow($0, safe: page.layout.safeArea) }
            })
        let violations = LayoutChecks.misplacedLanguageRows(pages)
        #expect(violations.isEmpty, LayoutChecks.report(violations))
    }

    @Test(
        "the poster covers 40% of the screen, or is as large as its shape allows, and is never a thumbnail",
        arguments: LayoutRenders.sizes)
    func posterCoverage(size: String) throws {
        let pages = try LayoutRenders.pages(size)
        #expect(pages.filter { $0.template == "poster" }.count >= 2)
        Known.check(.posterCoverage, size: size, LayoutChecks.smallPosters(pages))
    }
}
