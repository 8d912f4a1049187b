import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb

/// A file part of a multipart form, as a browser sends it.
struct UploadPart {
    var field: String
    var filename: String
    var type: String
    var data: Data
}

extension WebHarness {
    /// Posts a `multipart/form-data` body as `user`, with the session's CSRF token among the
    /// fields, as the slide form's browser does.
    func sendMultipart(
        _ path: String, as user: String, form: [(String, String)], files: [UploadPart] = []
    ) throws -> HTTPResponse {
        let session = try session(user)
        let boundary = "----skylt-test-\(UUID().uuidString)"
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        for (name, value) in form + [(HTML.csrfFieldName, session.csrfToken)] {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            add(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\n"
                    + "Content-Type: \(file.type)\r\n\r\n")
            body.append(file.data)
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.add("Host", "127.0.0.1")
        headers.add("Cookie", "\(web.sessionCookieName)=\(session.token)")
        headers.add("Content-Type", "multipart/form-data; boundary=\(boundary)")
        let (plain, query) = Self.split(path)
        return web.handle(
            HTTPRequest(
                method: "POST", path: plain, query: query, headers: headers, body: body, remoteAddress: "127.0.0.1"))
    }

    /// The user's id, for checks on the database.
    func userID(_ name: String) throws -> Int64 {
        let rows = try studio.database.query("SELECT id FROM users WHERE name = ?", [.text(name)])
        return Int64(rows.first?[0].int ?? 0)
    }
}
