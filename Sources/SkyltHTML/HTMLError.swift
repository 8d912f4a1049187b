/// An attribute or identifier the HTML builder refuses. `code` says why; `name` is the attribute
/// or parameter concerned, and `value` the refused value (kept for logs, never put into a page).
public struct HTMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// An attribute name that is not lowercase ASCII letters, digits and '-' starting with a letter.
        case invalidAttributeName
        /// An attribute that runs code or sets inline style (`on*`, `style`, `srcdoc`, ...).
        case forbiddenAttribute
        /// A URL that is not http(s), a relative path or a fragment (`javascript:`, `data:`, ...).
        case unsafeURL
        /// An element id (or a name derived from it) with spaces or other characters ids cannot hold.
        case invalidIdentifier
        /// A `lang` value that is not a BCP 47 language tag.
        case invalidLanguage
    }

    public var code: Code
    public var name: String
    public var value: String?

    public init(_ code: Code, name: String, value: String? = nil) {
        self.code = code
        self.name = name
        self.value = value
    }

    public var description: String {
        switch code {
        case .invalidAttributeName: "\(name): not a valid attribute name"
        case .forbiddenAttribute: "\(name): this attribute is not allowed (no scripts or inline style)"
        case .unsafeURL: "\(name): only http(s) URLs, relative paths and fragments are allowed"
        case .invalidIdentifier: "\(name): an id is ASCII letters, digits, '-' and '_', starting with a letter"
        case .invalidLanguage: "\(name): not a language tag such as sv or en-GB"
        }
    }
}
