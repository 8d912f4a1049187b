import FoundationEssentials
import SkyltCore

/// The bytes of a playlist.json, read as `skylt validate` reads a folder's: media names resolve
/// against the demo playlist's folder, so a name the fuzzer guesses can reach a real file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlaylist(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let folder = URL(fileURLWithPath: "Playlists/demo", isDirectory: true)
    let reading = PlaylistReader.read(data: data, folder: folder, visitorBaseURL: "https://example.org/demo/")
    // Every problem is printable: its description is what an editor reads.
    _ = reading.problems.map(\.description)
    return 0
}
