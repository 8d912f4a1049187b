internal import CICUShim

/// Calls into the ICU shim that answer with text: ICU writes UTF-16 into a buffer the caller
/// gives, and says how long the answer is when the buffer was too short.
enum ICUText {
    /// The canonical id of `zone` ("Europe/Stockholm"), or nil when ICU knows no such zone.
    static func canonicalZone(_ zone: String) -> String? {
        let units = Array(zone.utf16)
        var isSystem: Int32 = 0
        return read { skylt_icu_canonical_zone(units, Int32(units.count), $0, $1, &isSystem) }
    }

    /// The id of the system's zone.
    static func defaultZone() -> String? {
        read { skylt_icu_default_zone($0, $1) }
    }

    /// Whether `language` is written right to left (Arabic, Persian, Hebrew).
    static func isRightToLeft(_ language: String) -> Bool {
        skylt_icu_is_right_to_left(language) != 0
    }

    /// The text a shim call writes: `call(buffer, capacity)` returns the full length, or a
    /// negative number on failure; a longer answer is asked for again with room for it.
    static func read(_ call: (UnsafeMutablePointer<UInt16>, Int32) -> Int32) -> String? {
        var capacity: Int32 = 64
        for _ in 0..<2 {
            var buffer = [UInt16](repeating: 0, count: Int(capacity))
            let length = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress!, capacity) }
            if length < 0 { return nil }
            if length <= capacity { return String(decoding: buffer[..<Int(length)], as: UTF16.self) }
            capacity = length
        }
        return nil
    }
}
