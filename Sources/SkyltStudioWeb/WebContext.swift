import Foundation
public import SkyltHTTP
public import SkyltStudio

/// Everything a route's handler gets for one request: the request and its form, the
/// signed-in user, the page language, the path's parameters, and a studio of its own.
public struct WebContext {
    public let request: HTTPRequest
    public let form: HTTPFormBody
    /// The signed-in user's session; nil on routes open to everyone when nobody is signed in.
    public let session: Session?
    public let language: WebLanguage
    /// The `{name}` parts of the route's pattern.
    public let parameters: [String: String]
    /// A studio no other request uses meanwhile; its `actor` is the signed-in user.
    public let studio: Studio
    /// For the route's channel (`{channel}`) when the route has one: the channel and the
    /// user's role in it, checked before the handler runs.
    public let channel: VisibleChannel?
    public let web: StudioWeb
    /// Set-Cookie values the handler adds, sent with its response.
    public var cookies: [String] = []

    /// Text in the page's language: Swedish first, English second, side by side where it is
    /// used, so that no page has a string missing in one language.
    public func t(_ swedish: String, _ english: String) -> String {
        language == .sv ? swedish : english
    }

    /// The value of path parameter `name`; routes only ever ask for names of their pattern.
    public func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// The first value of form field `name` (URL-encoded or multipart), else of query `name`
    /// for a GET.
    public func field(_ name: String) -> String? {
        form.value(name) ?? (request.method == "GET" ? request.queryValue(name) : nil)
    }

    /// The session's CSRF token for the page's forms; empty when nobody is signed in.
    public var csrfToken: String { session?.csrfToken ?? "" }

    /// Whether the signed-in user is an admin.
    public var isAdmin: Bool { session?.role == .admin }
}
