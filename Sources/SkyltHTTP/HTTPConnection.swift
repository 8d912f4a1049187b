internal import CMicroHTTPD
import FoundationEssentials

/// What libmicrohttpd knows of a connection, read into Swift values.
extension HTTPDispatcher {
    static func headers(_ connection: OpaquePointer) -> HTTPHeaders {
        HTTPHeaders(values(connection, kind: .HEADER_KIND).map { ($0.name, $0.value) })
    }

    /// Every value of one kind (headers, query arguments), in the order the client sent them.
    /// libmicrohttpd has already percent-decoded query arguments.
    static func values(_ connection: OpaquePointer, kind: MHD_ValueKind) -> [HTTPQueryItem] {
        var items: [HTTPQueryItem] = []
        withUnsafeMutablePointer(to: &items) { pointer in
            _ = MHD_get_connection_values(
                connection, kind,
                { context, _, key, value in
                    guard let context, let key else { return MHD_Result.YES }
                    let items = context.assumingMemoryBound(to: [HTTPQueryItem].self)
                    items.pointee.append(
                        HTTPQueryItem(name: String(cString: key), value: value.map { String(cString: $0) } ?? ""))
                    return MHD_Result.YES
                }, pointer)
        }
        return items
    }

    /// The client's address as text; empty when libmicrohttpd does not know it.
    static func clientAddress(_ connection: OpaquePointer) -> String {
        var client = [CChar](repeating: 0, count: 64)
        skylt_mhd_client_address(connection, &client, client.count)
        return String(decoding: client.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
