import FoundationEssentials
import SkyltHTTP

/// A studio form as a browser (or an attacker) posts it: the input's first line is the
/// Content-Type header, the rest the body, so one corpus covers URL-encoded and multipart
/// forms and the boundary parameter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForm(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let newline = data.firstIndex(of: 0x0A) ?? data.endIndex
    let type = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
    let body = newline < data.endIndex ? Data(data[(newline + 1)...]) : Data()
    let request = HTTPRequest(
        method: "POST", path: "/slides", headers: HTTPHeaders([("Content-Type", type)]), body: body)
    let form = HTTPFormBody(request)
    for file in form.files where file.data.count > body.count { fatalError("a part larger than the body") }
    _ = HTTPRequest.decodeForm(type)
    return 0
}
