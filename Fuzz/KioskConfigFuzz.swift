import FoundationEssentials

@testable import SkyltCore

/// The bytes of a kiosk's config.json, parsed and checked as `KioskConfig.load` does after
/// reading the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKioskConfig(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    guard data.count <= KioskConfig.maxConfigBytes, let json = try? JSONValue.parse(data) else { return 0 }
    let sink = ProblemSink(file: "/etc/skylt/config.json")
    _ = KioskConfig.decode(json, base: URL(fileURLWithPath: "/etc/skylt", isDirectory: true), sink: sink)
    _ = sink.problems.map(\.description)
    return 0
}
