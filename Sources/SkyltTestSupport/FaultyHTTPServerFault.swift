public import Foundation

extension FaultyHTTPServer {
    /// How one request misbehaves; `inject(_:_:)` queues them per path, one per request.
    public enum Fault: Sendable, Equatable {
        /// Answer with this status and no body.
        case status(Int)
        /// Read the request, then send nothing until the client gives up.
        case stall
        /// Announce the full length but close after this many body bytes.
        case cutAfter(Int)
        /// Serve these bytes instead of the file.
        case replace(Data)
        /// Send the body at this many bytes a second.
        case slow(bytesPerSecond: Int)
        /// Send this many body bytes (fewer if the body is shorter), then hold the transfer
        /// until `releaseHeld()`, `stop()` or the client going away. `heldTransfers` counts
        /// the holds reached, so a test knows for certain that a transfer is in progress.
        case hold(afterBytes: Int)
        /// Answer with this status, these extra header lines and this body, whatever was asked
        /// (a redirect, a compressed body, a captive portal's page).
        case respond(status: Int, headers: [String], body: Data)
        /// Send 200 without a length and then this byte for ever, until the client goes away.
        case endless(UInt8)
    }
}
