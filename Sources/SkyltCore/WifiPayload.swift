import FoundationEssentials

/// The `WIFI:` string that phone cameras turn into "join this network".
///
/// Format: `WIFI:T:<WPA|WEP|nopass>;S:<ssid>;P:<password>;H:true;;`. In the SSID and the
/// password, `\`, `;`, `,`, `:` and `"` are escaped with a backslash. An open network has
/// `T:nopass` and no `P:` field.
public enum WifiPayload {
    public static func make(ssid: String, password: String?, security: WifiSecurity, hidden: Bool = false) -> String {
        var text = "WIFI:T:\(security.rawValue);S:\(escape(ssid));"
        if security != .open, let password, !password.isEmpty {
            text += "P:\(escape(password));"
        }
        if hidden { text += "H:true;" }
        return text + ";"
    }

    public static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            if "\\;,:\"".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
