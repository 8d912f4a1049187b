import Foundation
import SkyltHTTP
import SkyltStudio

/// `GET /previews/{id}.png`: a preview PNG the slide editor rendered, to the user it was
/// rendered for. Anyone else, an unknown or an expired id gets the same 404, so that ids
/// cannot be probed.
enum PreviewRoutes {
    static let routes: [WebRoute] = [WebRoute("GET", "/previews/{id}", .signedIn, serve)]

    /// How long the browser may keep a preview: its id never names another picture, and it
    /// is private to the signed-in user.
    static let cacheControl = "private, max-age=600"

    static func serve(_ context: inout WebContext) throws -> HTTPResponse {
        guard let session = context.session,
            let png = context.web.previewer.png(
                at: SlidePreviewer.pathPrefix + context.parameter("id"), owner: session.userID)
        else { return WebPage.plain(context.language, status: 404, WebPage.notFound) }
        var response = HTTPResponse(status: 200, type: "image/png", body: png)
        response.headers.set("Cache-Control", cacheControl)
        return response
    }
}
