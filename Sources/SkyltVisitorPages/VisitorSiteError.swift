/// Writing the visitor pages failed. The pages already served stay as they were: nothing
/// replaces them until the new site is complete.
public struct VisitorSiteError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// A file or folder of the new site could not be written, or the site not put in place.
        case cannotWrite
        /// A visitor file of the playlist could not be read.
        case cannotRead
        /// A page could not be built (the HTML builder refused a value).
        case invalidPage
    }

    public var code: Code
    /// The file or folder concerned.
    public var path: String
    /// What went wrong, for people.
    public var reason: String

    public init(_ code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
