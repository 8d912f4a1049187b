public import Foundation
public import SkyltCompose

/// Crops of a frame as binary PPM, which zbarimg reads like a PNG: tests cut a box a layout
/// file names out of the rendered pixels and check what is there.
public enum PPM {
    /// The pixels of `box` ([x, y, w, h], clamped to the frame) as a P6 image.
    public static func crop(_ frame: Frame, _ box: [Int]) -> Data {
        let x0 = max(0, box[0])
        let y0 = max(0, box[1])
        let x1 = min(frame.width, box[0] + box[2])
        let y1 = min(frame.height, box[1] + box[3])
        var data = Data("P6\n\(x1 - x0) \(y1 - y0)\n255\n".utf8)
        for y in y0..<y1 {
            for x in x0..<x1 {
                let pixel = frame.pixel(x: x, y: y)
                data += [UInt8((pixel >> 16) & 0xFF), UInt8((pixel >> 8) & 0xFF), UInt8(pixel & 0xFF)]
            }
        }
        return data
    }

    /// How many different colours the box holds (1 when blank).
    public static func colors(_ frame: Frame, _ box: [Int]) -> Int {
        var seen: Set<UInt32> = []
        for y in max(0, box[1])..<min(frame.height, box[1] + box[3]) {
            for x in max(0, box[0])..<min(frame.width, box[0] + box[2]) { seen.insert(frame.pixel(x: x, y: y)) }
        }
        return seen.count
    }
}
