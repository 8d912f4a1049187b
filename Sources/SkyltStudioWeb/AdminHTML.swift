import Foundation
import SkyltHTML
import SkyltStudio

/// Pieces the admin pages share: tables with a caption and column headers, selects, and
/// status lines.
enum AdminHTML {
    /// A table with a caption, `th scope="col"` headers and one `tr` per row.
    static func table(caption: String, headers: [String], rows: [[HTML]]) -> HTML {
        HTML.table(caption: caption) {
            HTML.element(.thead) {
                HTML.element(.tr) {
                    for header in headers { HTML.element(.th, [.scope("col")]) { header } }
                }
            }
            HTML.element(.tbody) {
                for row in rows {
                    HTML.element(.tr) {
                        for cell in row { HTML.element(.td) { cell } }
                    }
                }
            }
        }
    }

    /// A labelled select; `options` are (value, text).
    static func select(
        id: String, name: String, label: String, options: [(String, String)], selected: String,
        error: String? = nil
    ) throws -> HTML {
        var attributes: [HTMLAttribute] = [.id(id), .name(name)]
        if error != nil {
            attributes += [try .aria("invalid", "true"), try .aria("describedby", id + "-error")]
        }
        let choices = try options.map { value, text in
            HTML.element(.option, [.value(value)] + (value == selected ? [try HTMLAttribute("selected", "")] : [])) {
                text
            }
        }
        return HTML.element(.div, [.class(error == nil ? "field" : "field field-error")]) {
            HTML.element(.label, [.for(id)]) { label }
            if let error { HTML.element(.p, [.id(id + "-error"), .class("error")]) { error } }
            HTML.element(.select, attributes) { HTML.join(choices) }
        }
    }

    /// A line announced to screen readers when it appears (after a change).
    static func notice(_ text: String) throws -> HTML {
        HTML.element(.p, [.class("notice"), try HTMLAttribute("role", "status")]) { text }
    }

    /// A link.
    static func link(_ path: String, _ text: String) throws -> HTML {
        HTML.element(.a, [try .href(path)]) { text }
    }

    /// A percentage such as "33 %".
    static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded())) %"
    }
}
