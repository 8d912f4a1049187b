public import FoundationEssentials
import SkyltCore

/// One file of a `multipart/form-data` body. `filename` is what the browser said and is for
/// showing only: it is never used as a path.
public struct HTTPUploadedFile: Sendable, Equatable {
    public var fieldName: String
    public var filename: String
    /// The type the browser claimed; callers decide by the content, not by this.
    public var claimedType: String
    public var data: Data
}

/// The fields and files of an HTML form's body, whichever encoding the form used.
public struct HTTPFormBody: Sendable {
    public var fields: [HTTPQueryItem] = []
    public var files: [HTTPUploadedFile] = []

    /// More parts than a form of the studio has is not a form but an attack on the parser.
    public static let maxParts = 256
    /// The headers of one part are a few lines.
    static let maxPartHeaderBytes = 4096

    public init(fields: [HTTPQueryItem] = [], files: [HTTPUploadedFile] = []) {
        self.fields = fields
        self.files = files
    }

    /// The first value of field `name`.
    public func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The form of `request`: URL-encoded or multipart, else empty. A malformed multipart body
    /// gives the parts read before the fault, so a form that lost its CSRF token is refused.
    public init(_ request: HTTPRequest) {
        let type = request.headers["Content-Type"] ?? ""
        let mediaType = type.split(separator: ";").first?.trimmedSpaces.lowercased()
        if mediaType == "multipart/form-data", let boundary = Self.parameter("boundary", of: type) {
            self = Self.multipart(request.body, boundary: boundary)
        } else {
            fields = request.formItems
        }
    }

    /// A parameter of a header value (`boundary=...`, `name="..."`), quotes removed.
    static func parameter(_ name: String, of header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmedSpaces }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    /// Splits a multipart body at its boundary lines and reads each part.
    static func multipart(_ body: Data, boundary: String) -> HTTPFormBody {
        var form = HTTPFormBody()
        let delimiter = Data("\r\n--\(boundary)".utf8)
        // The first boundary has no CRLF before it; add one so every part is found alike.
        let whole = Data("\r\n".utf8) + body
        var cursor = whole.startIndex
        var parts = 0
        while let start = whole[cursor..<whole.endIndex].firstRange(of: delimiter), parts < maxParts {
            let afterDelimiter = start.upperBound
            if whole[afterDelimiter...].starts(with: Data("--".utf8)) { break }
            guard let next = whole[afterDelimiter..<whole.endIndex].firstRange(of: delimiter) else { break }
            // The CRLF that ends the boundary line is the part's only when the part has one:
            // a boundary line right before the next has none, as that CRLF is the next's.
            let part = whole[afterDelimiter..<next.lowerBound]
            form.read(part: part.starts(with: Data("\r\n".utf8)) ? part.dropFirst(2) : part)
            parts += 1
            cursor = next.lowerBound
        }
        return form
    }

    /// Reads one part's headers and body into a field or a file.
    private mutating func read(part: Data) {
        let separator = Data("\r\n\r\n".utf8)
        guard let end = part.firstRange(of: separator), end.lowerBound - part.startIndex <= Self.maxPartHeaderBytes
        else { return }
        let headerText = String(decoding: part[part.startIndex..<end.lowerBound], as: UTF8.self)
        var disposition = ""
        var type = "application/octet-stream"
        for line in headerText.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmedSpaces }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "content-disposition": disposition = pair[1]
            case "content-type": type = pair[1]
            default: break
            }
        }
        guard disposition.lowercased().hasPrefix("form-data"), let name = Self.parameter("name", of: disposition)
        else { return }
        let content = Data(part[end.upperBound...])
        if let filename = Self.parameter("filename", of: disposition) {
            // A file input left empty still sends a part, with no name and no bytes.
            guard !filename.isEmpty || !content.isEmpty else { return }
            files.append(HTTPUploadedFile(fieldName: name, filename: filename, claimedType: type, data: content))
        } else {
            fields.append(HTTPQueryItem(name: name, value: String(decoding: content, as: UTF8.self)))
        }
    }
}
