import Foundation
import SkyltHTML
import SkyltStudio

/// Problems placed at the form's fields. A problem's path (`title`, `qr.url`,
/// `schedule.times[1].from`) goes to the control of that name, else to the default language's
/// control of a text field (`title` → `title.sv`), else to the nearest enclosing field; what
/// has no field stays with the slide as a whole, in the summary.
struct SlideProblems {
    var errors: [String: String] = [:]
    var warnings: [String: String] = [:]
    /// In order: the field (nil for the slide as a whole), the message, whether a warning.
    var listed: [(field: String?, message: String, isWarning: Bool)] = []

    init(_ problems: [FieldProblem], fields: Set<String>, defaultLanguage: String) {
        var seen: Set<String> = []
        for problem in problems where seen.insert("\(problem.field)\u{0}\(problem.message)").inserted {
            let field = Self.place(problem.field, fields: fields, defaultLanguage: defaultLanguage)
            listed.append((field, problem.message, problem.isWarning))
            guard let field else { continue }
            if problem.isWarning {
                warnings[field] = warnings[field].map { $0 + " " + problem.message } ?? problem.message
            } else {
                errors[field] = errors[field].map { $0 + " " + problem.message } ?? problem.message
            }
        }
    }

    static func place(_ path: String, fields: Set<String>, defaultLanguage: String) -> String? {
        var path = path
        while !path.isEmpty {
            if fields.contains(path) { return path }
            if fields.contains("\(path).\(defaultLanguage)") { return "\(path).\(defaultLanguage)" }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = String(path[..<cut])
        }
        return nil
    }

    var hasErrors: Bool { listed.contains { !$0.isWarning } }

    /// The list at the top of the form, each problem a link to its field that names the
    /// field by its label (`labels`, by control name), so that the list alone says where each
    /// problem is: a slide has a title in every language.
    func summaryHTML(_ context: WebContext, labels: [String: String]) throws -> HTML {
        guard !listed.isEmpty else { return .empty }
        let errorsFirst = listed.filter { !$0.isWarning } + listed.filter(\.isWarning)
        return try HTML.element(
            .div, [.class(hasErrors ? "error-summary" : "warning"), try HTMLAttribute("role", "alert")]
        ) {
            HTML.element(.h2) {
                hasErrors
                    ? context.t("Rätta det här innan du sparar", "Fix this before you save")
                    : context.t("Kontrollera det här", "Check this")
            }
            try HTML.element(.ul) {
                for item in errorsFirst {
                    try HTML.element(.li) {
                        if item.isWarning { context.t("Varning: ", "Warning: ") }
                        if let field = item.field {
                            HTML.element(.a, [try .href("#" + SlideFormHTML.id(field))]) {
                                labels[field].map { "\($0): " } ?? ""
                                item.message
                            }
                        } else {
                            item.message
                        }
                    }
                }
            }
        }
    }
}
