import Foundation
import SkyltHTTP
import Testing

@Suite("HTTP form bodies: URL-encoded and multipart")
struct HTTPFormBodyTests {
    static func multipart(_ body: String, boundary: String = "XyZ") -> HTTPRequest {
        HTTPRequest(
            method: "POST", path: "/",
            headers: HTTPHeaders([("Content-Type", "multipart/form-data; boundary=\"\(boundary)\"")]),
            body: Data(body.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    @Test("fields and files are read, a file's bytes exactly, its name only as text")
    func fieldsAndFiles() {
        let form = HTTPFormBody(
            Self.multipart(
                """
                --XyZ
                Content-Disposition: form-data; name="csrf_token"

                abc
                --XyZ
                Content-Disposition: form-data; name="title.sv"

                Julmarknad på torget
                --XyZ
                Content-Disposition: form-data; name="image"; filename="../../etc/passwd.png"
                Content-Type: image/png

                PNGDATA
                --XyZ--

                """))
        #expect(form.value("csrf_token") == "abc")
        #expect(form.value("title.sv") == "Julmarknad på torget")
        #expect(form.files.count == 1)
        #expect(form.files.first?.fieldName == "image")
        #expect(form.files.first?.filename == "../../etc/passwd.png")
        #expect(form.files.first?.data == Data("PNGDATA".utf8))
    }

    @Test("an empty file input sends no file; a body cut short keeps the parts before the cut")
    func emptyAndTruncated() {
        let form = HTTPFormBody(
            Self.multipart(
                """
                --XyZ
                Content-Disposition: form-data; name="image"; filename=""
                Content-Type: application/octet-stream


                --XyZ
                Content-Disposition: form-data; name="a"

                1
                --XyZ
                Content-Disposition: form-data; name="b"

                2 and no closing boundary
                """))
        #expect(form.files.isEmpty)
        #expect(form.value("a") == "1")
        #expect(form.value("b") == nil)
    }

    @Test("more parts than the cap are not read")
    func partCap() {
        var body = ""
        for index in 0..<(HTTPFormBody.maxParts + 10) {
            body += "--XyZ\nContent-Disposition: form-data; name=\"f\(index)\"\n\nv\n"
        }
        body += "--XyZ--\n"
        let form = HTTPFormBody(Self.multipart(body))
        #expect(form.fields.count == HTTPFormBody.maxParts)
    }

    @Test("a URL-encoded body reads as fields; any other type reads as nothing")
    func otherTypes() {
        let encoded = HTTPRequest(
            method: "POST", path: "/",
            headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]),
            body: Data("a=1&b=two+words".utf8))
        #expect(HTTPFormBody(encoded).value("b") == "two words")
        let json = HTTPRequest(
            method: "POST", path: "/", headers: HTTPHeaders([("Content-Type", "application/json")]),
            body: Data("{\"a\":1}".utf8))
        #expect(HTTPFormBody(json).fields.isEmpty)
    }
}
