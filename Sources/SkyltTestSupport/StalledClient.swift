import Foundation
@preconcurrency import Glibc

/// A client on 127.0.0.1 that sends half a request and then nothing: a slow or hostile phone
/// on the shop's Wi-Fi. Closed when released.
public final class StalledClient {
    private let fd: Int32
    /// True when the TCP connection was accepted.
    public let connected: Bool

    /// `source` is the loopback address to connect from (all of 127.0.0.0/8 is the machine's
    /// own), so that one test can be many clients, each under a per-address limit.
    public init(port: Int, from source: String = "127.0.0.1") {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        _ = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        connected =
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            } == 0
        _ = "GET / HTTP/1.1\r\nHost: local".withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    deinit { close(fd) }

    /// Sends one more header byte, as a slowloris client does to stay clear of an idle timeout;
    /// false once the server has closed the connection.
    @discardableResult
    public func trickle() -> Bool {
        "x".withCString { send(fd, $0, 1, Int32(MSG_NOSIGNAL)) } == 1
    }

    /// Whether the server has closed the connection, waiting up to `seconds` for it.
    public func closedByServer(within seconds: Double) -> Bool {
        var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&poll, 1, Int32(seconds * 1000)) == 1 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) <= 0
    }
}
