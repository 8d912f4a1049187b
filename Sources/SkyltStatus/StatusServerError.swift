public import SkyltHTTP

/// The status server failed to start: the HTTP server's own error, whose codes tell a bad
/// address (a config to fix) from a port it cannot listen on (with its errno).
public typealias StatusServerError = HTTPServerError
