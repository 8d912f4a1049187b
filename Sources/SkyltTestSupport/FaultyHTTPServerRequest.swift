import Foundation
@preconcurrency import Glibc

extension FaultyHTTPServer {
    /// One request as the server saw it: the path (without scheme and host when a proxy sent
    /// the absolute form) and the headers, names lowercased.
    public struct Request: Sendable, Equatable {
        public var path: String
        public var headers: [String: String]
    }
}

extension FaultyHTTPServer.Request {
    /// Reads a request head from `fd` and parses it; nil when the client closes first, sends
    /// more than 64 KiB of head, or the request line has no target.
    init?(readingFrom fd: Int32) {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !buffer.suffix(4).elementsEqual([13, 10, 13, 10]) {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            buffer += chunk[0..<count]
            if buffer.count > 65536 { return nil }
        }
        let lines = String(decoding: buffer, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2 else { return nil }
        // A proxy gets the absolute form (http://host/path); keep the path and note the host.
        var target = String(parts[1])
        if target.hasPrefix("http://"), let slash = target.dropFirst(7).firstIndex(of: "/") {
            target = String(target[slash...])
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        if target != String(parts[1]) { headers["x-absolute-form"] = String(parts[1]) }
        self.init(path: target, headers: headers)
    }
}
