import SkyltTestSupport
import Testing

/// The rules of shared/SLIDES.md as functions from rendered pages to what breaks them, kept
/// apart from the renders so that `LayoutCheckTests` can show each one finds a broken page.
enum LayoutChecks {
    typealias Page = LayoutRenders.Page

    /// The allowance for boxes rounded outwards to whole pixels.
    static let roundingPx = 1
    /// How far a right-to-left box may be from the mirror of its left-to-right twin.
    static let mirrorTolerancePx = 4
    /// Top and bottom free space may differ by this share of the safe height...
    static let balanceShare = 0.15
    /// ...unless the content fills this share of it.
    static let filledShare = 0.8
    /// At most this many cap heights per role in one playlist at one size.
    static let maxCapHeights = 3
    /// A poster covering this share of the screen is large enough, whatever its shape...
    static let posterShare = 0.4
    /// ...and one covering less than this is a thumbnail, however it is limited. A 16:9
    /// poster across the safe width of a portrait screen covers 25.6%.
    static let thumbnailShare = 0.25

    /// Texts and codes outside the safe area.
    static func outsideSafeArea(_ pages: [Page]) -> [Violation] {
        pages.flatMap { page in
            let safe = page.layout.safeArea
            return (page.texts + page.codes).filter { !contains(safe, $0.box) }.map {
                Violation(page, "\(name($0)) at \($0.box) outside safe area \(safe)")
            }
        }
    }

    /// Texts in another language than their page's, but for data (`zxx`) and the language row.
    static func foreignTexts(_ pages: [Page]) -> [Violation] {
        pages.flatMap { page in
            page.texts.filter {
                $0.language != page.layout.language && $0.language != "zxx" && $0.role != "languages"
            }.map { Violation(page, "\(name($0)) is in '\($0.language ?? "?")' on a '\(page.layout.language)' page") }
        }
    }

    /// Roles with more than `maxCapHeights` cap heights across one playlist's pages.
    static func tooManyCapHeights(_ pages: [Page], roles: [String] = ["title", "body"]) -> [Violation] {
        var violations: [Violation] = []
        for playlist in Set(pages.map(\.playlist)).sorted() {
            for role in roles {
                var heights: [Int: [String]] = [:]
                for page in pages where page.playlist == playlist {
                    for text in page.texts where text.role == role {
                        heights[text.capHeightPx ?? 0, default: []].append(page.stem)
                    }
                }
                guard heights.count > maxCapHeights else { continue }
                let list = heights.keys.sorted().map { "\($0) px (\(heights[$0]!.prefix(3).joined(separator: ", ")))" }
                violations.append(Violation(nil, "\(playlist) \(role): \(heights.count) cap heights: \(list)"))
            }
        }
        return violations
    }

    /// Pages whose content (texts, codes, and images, a bleeding one for its part inside the
    /// safe area) leaves much more room above than below, or below than above, without
    /// filling most of the safe height. A language row heads the page as a fixed band: the
    /// content is balanced in the safe area below it.
    static func unbalanced(_ pages: [Page]) -> [Violation] {
        pages.compactMap { page in
            let safe = page.layout.safeArea
            let row = page.texts.first { isLanguageRow($0, safe: safe) }
            let rowBottom = row.map { $0.box[1] + $0.box[3] } ?? safe[1]
            let area = [safe[0], rowBottom, safe[2], safe[1] + safe[3] - rowBottom]
            let images = page.images.compactMap { image in image.bleed == true ? clip(image.box, to: area) : image.box }
            let texts = page.texts.filter { !isLanguageRow($0, safe: safe) }
            let boxes = (texts + page.codes).map(\.box) + images
            guard let top = boxes.map({ $0[1] }).min(), let bottom = boxes.map({ $0[1] + $0[3] }).max() else {
                return nil
            }
            let above = top - area[1]
            let below = area[1] + area[3] - bottom
            let filled = Double(bottom - top) / Double(area[3])
            guard Double(abs(above - below)) > balanceShare * Double(area[3]) && filled < filledShare else {
                return nil
            }
            return Violation(
                page,
                "\(above) px free above, \(below) px below (height \(area[3]) below the top of the safe area or the language row), content fills \(Int(filled * 100))%"
            )
        }
    }

    /// Whether `element` is a slide's language row: the one text in many languages ("mul") at
    /// the top of the safe area. (A story's picker label lists languages too, under its code.)
    static func isLanguageRow(_ element: LayoutFile.Element, safe: [Int]) -> Bool {
        element.kind == "text" && element.role == "languages" && element.language == "mul"
            && abs(element.box[1] - safe[1]) <= roundingPx
    }

    /// Pages without exactly one language row though their slide has several pages (languages),
    /// with one though it has one, and rows that meet another text or QR box.
    static func misplacedLanguageRows(_ pages: [Page]) -> [Violation] {
        var pageCounts: [String: Int] = [:]
        for page in pages { pageCounts["\(page.playlist)/\(page.slideID)", default: 0] += 1 }
        var violations: [Violation] = []
        for page in pages {
            let safe = page.layout.safeArea
            let rows = page.texts.filter { isLanguageRow($0, safe: safe) }
            let languages = pageCounts["\(page.playlist)/\(page.slideID)"] ?? 0
            guard rows.count == (languages > 1 ? 1 : 0) else {
                violations.append(Violation(page, "\(rows.count) language rows on a slide in \(languages) languages"))
                continue
            }
            guard let row = rows.first else { continue }
            let others = (page.texts + page.codes).filter { !isLanguageRow($0, safe: safe) }
            for other in others where overlap(row.box, other.box) > roundingPx {
                violations.append(Violation(page, "language row at \(row.box) meets \(name(other)) at \(other.box)"))
            }
        }
        return violations
    }

    /// How far two boxes reach into each other: the smaller of the overlap's width and height,
    /// zero when they do not meet.
    static func overlap(_ a: [Int], _ b: [Int]) -> Int {
        let width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
        let height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
        return max(0, min(width, height))
    }

    /// The part of `box` inside `safe` ([x, y, w, h]), or nil when none is.
    static func clip(_ box: [Int], to safe: [Int]) -> [Int]? {
        let left = max(box[0], safe[0])
        let top = max(box[1], safe[1])
        let right = min(box[0] + box[2], safe[0] + safe[2])
        let bottom = min(box[1] + box[3], safe[1] + safe[3])
        guard right > left, bottom > top else { return nil }
        return [left, top, right - left, bottom - top]
    }

    /// The code sizes of pages with one code, when there is more than one.
    static func codeSizes(_ pages: [Page]) -> [Violation] {
        var sizes: [Int: [String]] = [:]
        for page in pages where page.codes.count == 1 { sizes[page.codes[0].box[2], default: []].append(page.file) }
        guard sizes.count > 1 else { return [] }
        return sizes.keys.sorted().map { Violation(nil, "\($0) px: \(sizes[$0]!.joined(separator: ", "))") }
    }

    /// Right-to-left pages whose codes and images are not the mirror of their slide's first
    /// left-to-right page; also how many pages had such a twin.
    static func unmirrored(_ pages: [Page]) -> (violations: [Violation], compared: Int) {
        var violations: [Violation] = []
        var compared = 0
        for page in pages where page.layout.direction == "rtl" {
            let twin = pages.first {
                $0.playlist == page.playlist && $0.slideID == page.slideID && $0.layout.direction == "ltr"
            }
            guard let twin else { continue }
            compared += 1
            violations += mirrorViolations(page, twin)
        }
        return (violations, compared)
    }

    /// Poster pages whose poster (their largest image) is smaller than it could be, or a thumbnail.
    ///
    /// The rule was "at least 40% of the screen", but a poster is shown whole, so its shape
    /// limits it: an A4 page at the full safe height of a 16:9 screen is 687x972 px, 32%; a
    /// 16:9 poster across the safe width of a portrait screen, 26%. So a poster passes when it
    /// covers `posterShare` of the screen, or when it is as large as the template can make it
    /// without cropping: the full safe height (a shape taller than its area) or the full width
    /// of its area (a wider one). Either way it must cover `thumbnailShare`.
    static func smallPosters(_ pages: [Page]) -> [Violation] {
        pages.filter { $0.template == "poster" }.compactMap { page in
            let screen = Double(page.layout.size[0] * page.layout.size[1])
            guard let poster = page.images.max(by: { $0.box[2] * $0.box[3] < $1.box[2] * $1.box[3] }) else {
                return Violation(page, "poster page without an image")
            }
            let share = Double(poster.box[2] * poster.box[3]) / screen
            let percent = "\(Int(share * 100))% of the screen"
            if share < thumbnailShare {
                return Violation(page, "poster image \(poster.box) is a thumbnail: \(percent)")
            }
            let height = posterAreaHeight(page, poster: poster)
            let fullHeight = poster.box[3] >= height - roundingPx
            let fullWidth = poster.box[2] >= posterAreaWidth(page) - roundingPx
            guard share < posterShare, !fullHeight, !fullWidth else { return nil }
            return Violation(
                page,
                "poster image \(poster.box) covers \(percent), neither at the full height \(height) px nor across its area's \(posterAreaWidth(page)) px"
            )
        }
    }

    /// The height a poster may take: the safe height, less the language row and the gap below
    /// it (at most a margin, 5% of the short side) on a slide shown in several languages, and
    /// in portrait less the caption and code below it and the gap above them.
    static func posterAreaHeight(_ page: Page, poster: LayoutFile.Element) -> Int {
        let safe = page.layout.safeArea
        let margin = Int((Double(page.layout.size.min()!) * 0.05).rounded())
        let row = page.texts.first { isLanguageRow($0, safe: safe) }
        let top = row.map { $0.box[1] + $0.box[3] + margin } ?? safe[1]
        let below = (page.texts + page.codes).filter { $0.box[1] >= poster.box[1] + poster.box[3] }
        let bottom = below.map { $0.box[1] - margin }.min() ?? safe[1] + safe[3]
        return bottom - top
    }

    /// The width a poster may take: the safe width, less the side column (four of the twelve
    /// grid columns and a gutter of 2% of the frame's width) where a landscape page has a
    /// caption or a code beside it.
    static func posterAreaWidth(_ page: Page) -> Int {
        let safe = page.layout.safeArea
        let landscape = page.layout.size[0] > page.layout.size[1]
        guard landscape, !(page.texts + page.codes).isEmpty else { return safe[2] }
        let gutter = (Double(page.layout.size[0]) * 0.02).rounded()
        let column = (Double(safe[2]) - 11 * gutter) / 12
        return Int((8 * column + 7 * gutter).rounded(.down))
    }
}
