import FoundationEssentials

@testable import SkyltCore

/// Any bytes through the JSON parser every reader uses, and the scanner that says where a
/// document that failed goes wrong. The two need not agree: Foundation's JSONDecoder takes a
/// trailing comma (`[1, 2,]`), which the stricter scanner calls an error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONSyntax(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    _ = JSONSyntax.problem(in: bytes)
    if let value = try? JSONValue.parse(Data(bytes)) { _ = value.canonicalData() }
    return 0
}
