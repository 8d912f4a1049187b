import Foundation
@preconcurrency import Glibc
import SkyltHTTP

/// The server failed to start: a caller can tell a bad address (a config to fix) from a port it
/// cannot listen on (in use, or privileged), whose errno is kept.
public struct StatusServerError: Error, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The address is not an IPv4 address.
        case address
        /// libmicrohttpd could not listen there.
        case listen
    }

    public var code: Code
    /// The address and port.
    public var location: String
    /// The system's error number when listening failed.
    public var errno: Int32?

    public var description: String {
        switch code {
        case .address: "status address '\(location)' is not an IPv4 address"
        case .listen: "cannot listen on \(location)" + (errno.map { ": \(String(cString: strerror($0)))" } ?? "")
        }
    }

    init(code: Code, location: String, errno: Int32? = nil) {
        self.code = code
        self.location = location
        self.errno = errno
    }

    /// The same failure in the status page's words, for callers that switch on this type.
    init(_ error: HTTPServerError) {
        let code: Code =
            switch error.code {
            case .address: .address
            case .listen: .listen
            }
        self.init(code: code, location: error.location, errno: error.errno)
    }
}
