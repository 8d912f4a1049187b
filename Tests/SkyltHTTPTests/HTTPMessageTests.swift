import Foundation
import SkyltHTTP
import Testing

/// Requests and responses as values, without a socket.
@Suite("HTTP messages")
struct HTTPMessageTests {
    @Test("header names match without case; set replaces, add keeps")
    func headers() {
        var headers = HTTPHeaders([("Content-Type", "text/plain"), ("Set-Cookie", "a=1")])
        #expect(headers["content-type"] == "text/plain" && headers["CONTENT-TYPE"] == "text/plain")
        headers.add("set-cookie", "b=2")
        #expect(headers.values("Set-Cookie") == ["a=1", "b=2"])
        headers.set("SET-COOKIE", "c=3")
        #expect(headers.values("set-cookie") == ["c=3"] && headers["Content-Type"] == "text/plain")
        #expect(headers["Content-Length"] == nil)
    }

    @Test("form bodies decode plus signs, escapes and empty values; a bad escape is kept as sent")
    func form() {
        #expect(
            HTTPRequest.decodeForm("a=1&b=two+words&c=%C3%A5%26&d&e=") == [
                HTTPQueryItem(name: "a", value: "1"), HTTPQueryItem(name: "b", value: "two words"),
                HTTPQueryItem(name: "c", value: "å&"), HTTPQueryItem(name: "d", value: ""),
                HTTPQueryItem(name: "e", value: ""),
            ])
        #expect(HTTPRequest.decodeForm("x=100%") == [HTTPQueryItem(name: "x", value: "100%")])
    }

    @Test("the response helpers set the type, the body and a redirect's Location")
    func responses() throws {
        #expect(HTTPResponse.text(404, "not found").body == Data("not found\n".utf8))
        #expect(HTTPResponse.html("<p>x</p>").headers["content-type"] == "text/html; charset=utf-8")
        let json = try HTTPResponse.json(encoding: ["b": 2, "a": 1], status: 201)
        #expect(json.status == 201 && json.headers["Content-Type"] == "application/json")
        #expect(
            String(decoding: json.body, as: UTF8.self).replacingOccurrences(of: " ", with: "")
                == "{\n\"a\":1,\n\"b\":2\n}")
        let redirect = HTTPResponse.redirect(to: "/slides/4")
        #expect(redirect.status == 303 && redirect.headers["location"] == "/slides/4")
    }
}
