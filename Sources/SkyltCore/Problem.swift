import FoundationEssentials

/// One thing wrong with an input file, said so that an editor can find and fix it:
/// the file, the slide (when there is one) and the field, as a JSON path.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var slide: String?
    public var field: String
    public var message: String
    /// The kind of problem, where a caller may act on it; nil for problems without one.
    public var code: ProblemCode?

    public init(file: String, slide: String? = nil, field: String, message: String, code: ProblemCode? = nil) {
        self.file = file
        self.slide = slide
        self.field = field
        self.message = message
        self.code = code
    }

    public var description: String {
        var text = file + ": "
        if let slide { text += "slide '\(slide)': " }
        if !field.isEmpty { text += "field '\(field)': " }
        return text + message
    }
}

/// Every problem found in one file or folder. Thrown when there is at least one.
public struct ProblemList: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [Problem]

    public init(_ problems: [Problem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
