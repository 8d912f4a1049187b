import Foundation
import SkyltHTTP
import Testing

/// Bodies that the form fuzz target (Fuzz/FormFuzz.swift) found crashing the parser; each is
/// also a seed in Fuzz/Corpus/form.
@Suite("HTTP form bodies found by fuzzing")
struct HTTPFormBodyFuzzTests {
    /// A request as the fuzz target makes it from a corpus file: the first line is the
    /// Content-Type, the rest the body.
    static func request(corpusFile text: String) -> HTTPRequest {
        let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return HTTPRequest(
            method: "POST", path: "/", headers: HTTPHeaders([("Content-Type", String(lines[0]))]),
            body: Data(lines[1].utf8))
    }

    @Test("a boundary line followed at once by another is an empty part, not a crash")
    func boundaryAfterBoundary() {
        // Fuzz/Corpus/form/boundary-after-boundary: the part after "abc" has no headers and
        // no CRLF of its own, as the next boundary's CRLF follows the boundary line at once.
        let form = HTTPFormBody(
            Self.request(
                corpusFile:
                    "multipart/form-data; boundary=\"XyZ\"\n--XyZ\r\nContent-Disposition: form-data; "
                    + "name=\"csrf_token\"\r\n\r\nabc\r\n--XyZ\r\n--XyZ--\r\n"))
        #expect(form.value("csrf_token") == "abc")
        #expect(form.fields.count == 1)
        #expect(form.files.isEmpty)
    }

    @Test("boundary lines one after another, with and without the closing one, read as no parts")
    func boundariesOnly() {
        for body in ["--b\r\n--b\r\n--b--\r\n", "--b\r\n--b\r\n--b\r\n", "--b\r\n--b"] {
            let form = HTTPFormBody(Self.request(corpusFile: "multipart/form-data; boundary=b\n" + body))
            #expect(form.fields.isEmpty, "\(body.debugDescription)")
            #expect(form.files.isEmpty, "\(body.debugDescription)")
        }
    }
}
