import FoundationEssentials
import SkyltCore

/// The shop's Wi-Fi: a code that joins the network, and the name and password to type, drawn
/// large as data under small labels, the password in a monospaced face so that l, 1 and I,
/// and 0 and O, differ.
extension Templates {
    func wifi(title: LocalizedText?, ssid: String, password: String?, security: WifiSecurity, hidden: Bool)
        throws(ComposeError)
    {
        _ = painter.paintBackground()
        let payload = WifiPayload.make(ssid: ssid, password: password, security: security, hidden: hidden)
        try painter.qrBlock("ssid", payload: payload, label: painter.builtIn(.wifiScan))
        let title = stacked("title", painter.resolve(title) ?? painter.builtIn(.wifiTitle), .title)
        let details = wifiDetails(ssid: ssid, password: security == .open ? nil : password)
        let area = textArea(image: nil, hasCode: true)
        let between = painter.spacing(after: .title)
        if portrait {
            // The code keeps the kiosk's one place at the bottom; the title and the details
            // share the room above it, so that nothing is left piled at the top.
            try spread([title], details, in: area, between: between)
            return
        }
        // In landscape the title at the top; the network and password at the bottom, on the
        // line the code's block ends on.
        let sizes = try fitLevel([[title], details], in: area, between: between)
        try draw(details, in: area.sliceBottom(sizes.heights[1] + 1).0, level: sizes.level)
        try draw([title], in: area.sliceTop(sizes.heights[0] + 1).0, level: sizes.level)
    }

    /// Each value under its label: the label small, in the page's language; the value at the
    /// title's size (or a step down to the subtitle's when long), as data that runs left to right.
    func wifiDetails(ssid: String, password: String?) -> [StackedText] {
        let between = painter.spacing(after: .title)
        let label = painter.style(.caption)
        var value = painter.style(.title)
        let steps = painter.typeScale.title.steps + painter.typeScale.subtitle.steps
        value.bold = false
        value.balanced = false
        value.leftToRightText = true
        value.steps = steps
        value.maximumCapHeight = steps[0]
        value.minimumCapHeight = steps.last!
        var texts = [
            StackedText(field: "ssidLabel", text: painter.builtIn(.wifiNetwork), style: label, gapAfter: gap / 4),
            StackedText(field: "ssid", text: ssid, style: value, gapAfter: between),
        ]
        guard let password, !password.isEmpty else {
            texts.append(
                StackedText(
                    field: "passwordLabel", text: painter.builtIn(.wifiOpen),
                    style: painter.style(.subtitle)))
            return texts
        }
        var secret = value
        secret.family = TextRoles.family(of: "password")
        texts.append(
            StackedText(field: "passwordLabel", text: painter.builtIn(.wifiPassword), style: label, gapAfter: gap / 4))
        texts.append(StackedText(field: "password", text: password, style: secret))
        return texts
    }
}
