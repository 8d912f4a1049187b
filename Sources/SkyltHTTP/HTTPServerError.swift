import FoundationEssentials
@preconcurrency import Glibc

/// A server failed to start: a caller can tell a bad address (a config to fix) from a port it
/// cannot listen on (in use, or privileged), whose errno is kept as the cause.
public struct HTTPServerError: Error, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The address is not an IPv4 address.
        case address
        /// libmicrohttpd could not listen there.
        case listen
        /// The system gave no thread for the server's deadlines.
        case thread
    }

    public var code: Code
    /// The address, or the address and port.
    public var location: String
    /// The system's error number when listening failed.
    public var errno: Int32?

    public init(code: Code, location: String, errno: Int32? = nil) {
        self.code = code
        self.location = location
        self.errno = errno
    }

    public var description: String {
        switch code {
        case .address: "address '\(location)' is not an IPv4 address"
        case .listen: "cannot listen on \(location)" + (errno.map { ": \(String(cString: strerror($0)))" } ?? "")
        case .thread: "cannot start the thread that keeps the deadlines of \(location)"
        }
    }
}
