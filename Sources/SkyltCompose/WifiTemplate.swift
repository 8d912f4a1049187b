import Foundation
import SkyltCore

/// The shop's Wi-Fi: a code that joins the network, and the name and password to type.
extension Templates {
    func wifi(title: LocalizedText?, ssid: String, password: String?, security: WifiSecurity, hidden: Bool)
        throws(ComposeError)
    {
        _ = painter.paintBackground()
        let payload = WifiPayload.make(ssid: ssid, password: password, security: security, hidden: hidden)
        try painter.qrBlock("ssid", payload: payload, label: painter.builtIn(.wifiScan))
        // In landscape the title at the top; the network and password, what people copy, at
        // the bottom on the code's line, a size above body text.
        var details: [SlidePainter.Block] = [
            .init(field: "ssid", text: "\(painter.builtIn(.wifiNetwork)): \(ssid)", role: .subtitle)
        ]
        if security != .open, let password {
            details.append(
                .init(field: "password", text: "\(painter.builtIn(.wifiPassword)): \(password)", role: .subtitle))
        } else {
            details.append(.init(field: "password", text: painter.builtIn(.wifiOpen), role: .subtitle))
        }
        let area = textArea(image: nil, hasCode: true)
        let title = painter.resolve(title) ?? painter.builtIn(.wifiTitle)
        if portrait {
            // Above a code that spans the width, the texts read as one group from the top.
            try painter.column([.init(field: "title", text: title, role: .title)] + details, in: area)
            return
        }
        let used = try painter.column(details, in: area, anchor: .bottom)
        try painter.column(
            [.init(field: "title", text: title, role: .title)], in: area.sliceBottom(used, gap: gap * 2).1)
    }
}
