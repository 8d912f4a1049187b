import SkyltTestSupport
import Testing

extension LayoutInvariantTests {
    /// Whether `box` lies inside `safe`, allowing for rounding outwards.
    static func contains(_ safe: [Int], _ box: [Int]) -> Bool {
        box[0] >= safe[0] - roundingPx && box[1] >= safe[1] - roundingPx
            && box[0] + box[2] <= safe[0] + safe[2] + roundingPx && box[1] + box[3] <= safe[1] + safe[3] + roundingPx
    }

    /// An element as a message names it: its role and text, or its payload.
    static func name(_ element: LayoutFile.Element) -> String {
        switch element.kind {
        case "text": "\(element.role ?? "text") '\(element.text?.prefix(30) ?? "")'"
        case "qr": "QR \(element.payload ?? "")"
        default: element.kind
        }
    }

    /// The violations as one message, the first few in full.
    static func report(_ violations: [String]) -> Comment {
        let shown = violations.prefix(12).joined(separator: "\n")
        return Comment(rawValue: violations.count > 12 ? "\(shown)\n… and \(violations.count - 12) more" : shown)
    }

    /// The QR and image boxes of `page` (right to left) that are not the mirror, about the safe
    /// area's vertical centre line, of the same element on `twin` (left to right).
    static func mirrorViolations(_ page: LayoutRenders.Page, _ twin: LayoutRenders.Page) -> [String] {
        let safe = page.layout.safeArea
        var violations: [String] = []
        for kind in ["qr", "image"] {
            let mine = page.layout.elements.filter { $0.kind == kind }
            let theirs = twin.layout.elements.filter { $0.kind == kind }
            guard mine.count == theirs.count else {
                violations.append("\(page.file): \(mine.count) \(kind) boxes, \(twin.stem) has \(theirs.count)")
                continue
            }
            for (rtl, ltr) in zip(mine, theirs) {
                let box = ltr.box
                let mirrored = [2 * safe[0] + safe[2] - box[0] - box[2], box[1], box[2], box[3]]
                if zip(rtl.box, mirrored).contains(where: { abs($0 - $1) > mirrorTolerancePx }) {
                    violations.append(
                        "\(page.file): \(name(rtl)) at \(rtl.box), the mirror of \(twin.stem)'s is \(mirrored)")
                }
            }
        }
        return violations
    }
}

/// The checks the layout of today does not pass, by screen size: each is asserted inside
/// `withKnownIssue`, so the suite passes now and reports when the layout starts to meet it
/// (then remove the entry here).
enum Known {
    enum Check {
        case languages, capHeights, balance, codeSize, mirror, posterCoverage
    }

    /// Why each check fails today, and at which sizes.
    static let issues: [Check: (sizes: Set<String>, reason: String)] = [:]

    /// Asserts that there are no violations, as a known issue where `issues` lists one.
    static func check(
        _ check: Check, size: String, _ violations: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let message = LayoutInvariantTests.report(violations)
        guard let known = issues[check], known.sizes.contains(size) else {
            #expect(violations.isEmpty, message, sourceLocation: sourceLocation)
            return
        }
        withKnownIssue(Comment(rawValue: known.reason)) {
            #expect(violations.isEmpty, message, sourceLocation: sourceLocation)
        }
    }
}
