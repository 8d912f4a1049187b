public import Foundation
@preconcurrency import Glibc

extension FaultyHTTPServer {
    /// One request as the server saw it: the method, the path (without scheme and host when a
    /// proxy sent the absolute form), the headers (names lowercased) and a POST's body.
    public struct Request: Sendable, Equatable {
        public var path: String
        public var headers: [String: String]
        public var method = "GET"
        public var body = Data()
    }
}

extension FaultyHTTPServer.Request {
    /// Reads a request head from `fd` and parses it; nil when the client closes first, sends
    /// more than 64 KiB of head, or the request line has no target.
    init?(readingFrom fd: Int32) {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while buffer.firstRange(of: [13, 10, 13, 10]) == nil {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { return nil }
            buffer += chunk[0..<count]
            if buffer.count > 65536 { return nil }
        }
        let head = buffer.firstRange(of: [13, 10, 13, 10])!.upperBound
        let lines = String(decoding: buffer[..<head], as: UTF8.self).components(separatedBy: "\r\n")
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
        self.init(path: target, headers: headers, method: String(parts[0]))
        // A body follows the head only with a length (no chunked uploads in tests); capped.
        var body = Array(buffer[head...])
        let length = min(Int(headers["content-length"] ?? "") ?? 0, 1 << 20)
        while body.count < length {
            let count = recv(fd, &chunk, min(chunk.count, length - body.count), 0)
            if count <= 0 { break }
            body += chunk[0..<count]
        }
        self.body = Data(body.prefix(length))
    }
}
