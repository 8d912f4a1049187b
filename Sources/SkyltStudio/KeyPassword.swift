public import Foundation
import SkyltStore

/// The password that encrypts the channels' secret key files, when the operator gives one:
/// the environment variable `SKYLT_STUDIO_KEY_PASSWORD`, or the systemd credential
/// `key-password` (`LoadCredential=` puts it under `$CREDENTIALS_DIRECTORY`, readable by the
/// service alone and never in its environment). Without one, keys are written unencrypted,
/// since the studio signs unattended.
public enum KeyPassword {
    public static let environmentVariable = "SKYLT_STUDIO_KEY_PASSWORD"
    public static let credentialName = "key-password"
    /// A password file is one line; anything larger is a mistake.
    static let maxBytes = 4096

    /// The password from `environment`: the variable first, then the credential file, with
    /// one trailing line break dropped; nil when neither is given or it is empty.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String?
    {
        if let text = environment[environmentVariable], !text.isEmpty { return text }
        guard let folder = environment["CREDENTIALS_DIRECTORY"], !folder.isEmpty,
            let data = try? RegularFile.read(folder + "/" + credentialName, maxBytes: maxBytes)
        else { return nil }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        if text.hasSuffix("\r") { text.removeLast() }
        return text.isEmpty ? nil : text
    }
}
