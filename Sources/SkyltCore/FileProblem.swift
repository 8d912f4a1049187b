import FoundationEssentials
@preconcurrency import Glibc

/// Words file-system and other errors for people, in one place: the C library's reason
/// ("No such file or directory") rather than Foundation's long sentences, and never a type's
/// debug dump.
public enum FileProblem {
    public static func describe(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return reason(posix.code.rawValue) }
        if let regular = error as? RegularFileError { return regular.reason }
        if let cocoa = error as? CocoaError {
            if let posix = cocoa.underlying as? POSIXError { return reason(posix.code.rawValue) }
            switch cocoa.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileReadCorruptFile: return "the file is damaged"
            case .fileReadInapplicableStringEncoding: return "the file is not UTF-8 text"
            default: return "file error \(cocoa.code.rawValue)"
            }
        }
        return String(describing: error)
    }

    /// strerror's text for `code`.
    public static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
