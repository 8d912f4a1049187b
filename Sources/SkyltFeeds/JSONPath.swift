public import SkyltCore

/// A small path into a JSON document, to find a sensor's value in any JSON an API returns.
///
/// Syntax: an optional `$`, then steps: `.name` (or `name` first) picks an object's member,
/// `[n]` an array's item counted from 0. Names hold letters, digits, `_` and `-`.
/// Examples: `$.data.temperature`, `items[0].value`, `$[0].v`, `sensors[2].readings[0]`.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    public enum Step: Sendable, Equatable {
        case member(String)
        case item(Int)
    }

    public let steps: [Step]
    public let description: String

    /// At most this many steps: no real API nests deeper.
    public static let maxSteps = 32

    /// Parses `text`; nil when it is not a path of this syntax.
    public init?(_ text: String) {
        var rest = Substring(text)
        if rest.hasPrefix("$") { rest = rest.dropFirst() }
        var steps: [Step] = []
        var first = true
        while let next = rest.first {
            if next == "[" {
                guard let close = rest.firstIndex(of: "]"),
                    let index = Int(rest[rest.index(after: rest.startIndex)..<close]),
                    index >= 0
                else { return nil }
                steps.append(.item(index))
                rest = rest[rest.index(after: close)...]
            } else {
                if next == "." { rest = rest.dropFirst() } else if !first || text.hasPrefix("$") { return nil }
                let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
                guard !name.isEmpty else { return nil }
                steps.append(.member(String(name)))
                rest = rest.dropFirst(name.count)
            }
            first = false
        }
        guard !steps.isEmpty, steps.count <= Self.maxSteps else { return nil }
        self.steps = steps
        self.description = text
    }

    /// The value the path leads to, and the object that holds it when the last step names a
    /// member (where a `time` beside the value is looked for); nil when nothing is there.
    public func resolve(_ root: JSONValue) -> (value: JSONValue, holder: [String: JSONValue]?)? {
        var value = root
        var holder: [String: JSONValue]?
        for step in steps {
            switch (step, value) {
            case (.member(let name), .object(let fields)):
                guard let found = fields[name] else { return nil }
                holder = fields
                value = found
            case (.item(let index), .array(let items)):
                guard index < items.count else { return nil }
                holder = nil
                value = items[index]
            default:
                return nil
            }
        }
        return (value, holder)
    }

    /// The last member's name, a fallback label for the figure.
    public var lastName: String? {
        for step in steps.reversed() { if case .member(let name) = step { return name } }
        return nil
    }
}
