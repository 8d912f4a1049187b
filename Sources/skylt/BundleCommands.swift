import FoundationEssentials
@preconcurrency import Glibc
import SkyltBundle
import SkyltCLI
import SkyltCompose
import SkyltCore

/// Reads keys for the bundle commands, asking for a password only when a key is encrypted.
enum KeyFiles {
    static let passwordVariable = "SKYLT_KEY_PASSWORD"

    /// The password from SKYLT_KEY_PASSWORD, or typed at a terminal without echo.
    static func password(prompt: String) -> String? {
        if let value = ProcessInfo.processInfo.environment[passwordVariable] { return value }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass(prompt) else { return nil }
        return String(cString: typed)
    }

    /// A new key's password, as given.
    enum NewPassword {
        /// None in SKYLT_KEY_PASSWORD, and none typed (or no terminal to type it at).
        case missing
        /// The two typed differ.
        case mismatch
        case given(String)
    }

    /// A password for a new key: from SKYLT_KEY_PASSWORD, or typed twice at a terminal, since
    /// a typo in a password that nobody can recover would lock the editor out of the key.
    static func newPassword() -> NewPassword {
        if let value = ProcessInfo.processInfo.environment[passwordVariable] {
            return value.isEmpty ? .missing : .given(value)
        }
        guard let first = password(prompt: "Password for the new key: "), !first.isEmpty else { return .missing }
        return password(prompt: "The same password again: ") == first ? .given(first) : .mismatch
    }

    static func secretKey(at path: String) throws(BundleCommandError) -> SecretKey {
        let text: String
        do {
            text = try ConfigFile.text(path, limit: keyFileMaxBytes)
        } catch {
            throw BundleCommandError(error.description)
        }
        do {
            return try SecretKey(fileText: text) { password(prompt: "Password for \(path): ") }
        } catch {
            throw BundleCommandError("\(path): \(error)")
        }
    }

    /// A public key file, or the key's base64 line itself.
    static func publicKey(_ argument: String) throws(BundleCommandError) -> PublicKey {
        if FileManager.default.fileExists(atPath: argument) {
            let text: String
            do {
                text = try ConfigFile.text(argument, limit: keyFileMaxBytes)
            } catch {
                throw BundleCommandError(error.description)
            }
            do {
                return try PublicKey(fileText: text)
            } catch {
                throw BundleCommandError("\(argument): \(error)")
            }
        }
        do {
            return try PublicKey(base64: argument)
        } catch {
            throw BundleCommandError("'\(argument)' is neither a public key file nor a key: \(error)")
        }
    }
}

struct BundleCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `skylt keygen`.
enum KeygenCommand {
    static let help = """
        Usage: skylt keygen --out PREFIX [--encrypt] [--force]

        Makes a signing key pair for a channel in minisign's formats: PREFIX.key (the secret
        key, mode 0600) and PREFIX.pub (the public key, which kiosks list in their config).
        Keys made by `minisign -G` work with skylt, and keys made here work with minisign.

        Options:
          --out PREFIX   where to write PREFIX.key and PREFIX.pub
          --encrypt      encrypt the secret key with a password (scrypt, as minisign does),
                         taken from SKYLT_KEY_PASSWORD or typed at the terminal
          --force        replace existing files
          -h, --help     show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--out"], switches: ["--encrypt", "--force"])
        guard let prefix = arguments.values["--out"], arguments.positional.isEmpty else {
            throw UsageError("keygen needs --out PREFIX")
        }
        let secretPath = prefix + ".key"
        let publicPath = prefix + ".pub"
        for path in [secretPath, publicPath]
        where FileManager.default.fileExists(atPath: path) && !arguments.has("--force") {
            Console.error("\(path): already exists; use --force to replace it")
            return 1
        }
        var password: String?
        if arguments.has("--encrypt") {
            switch KeyFiles.newPassword() {
            case .missing:
                Console.error("--encrypt needs a password in \(KeyFiles.passwordVariable) or typed at a terminal")
                return 1
            case .mismatch:
                Console.error("the two passwords differ; no key was written")
                return 1
            case .given(let typed):
                password = typed
            }
        }
        let (secret, publicKey) = SecretKey.generate()
        do {
            try AtomicFile.write(
                Data(secret.fileText(password: password).utf8), to: URL(fileURLWithPath: secretPath),
                mode: AtomicFile.secretMode)
            try AtomicFile.write(Data(publicKey.fileText.utf8), to: URL(fileURLWithPath: publicPath))
        } catch {
            Console.error(error.description)
            return 1
        }
        Console.out("wrote \(secretPath) and \(publicPath); key id \(publicKey.keyIDHex)")
        Console.out("public key for kiosk configs: \(publicKey.base64)")
        return 0
    }
}

/// `skylt verify`.
enum VerifyCommand {
    static let help = """
        Usage: skylt verify DIR --pub PUB

        Checks a bundle as a kiosk would: the manifest's signature against PUB (a public key
        file or the key's base64 line; repeat --pub for several), the manifest's fields, and
        every asset's size and SHA-256. Exits 0 when all is well; otherwise prints every
        problem and exits 1.

        Options:
          --pub PUB    a public key (file or base64)
          -h, --help   show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        var keys: [String] = []
        var rest: [String] = []
        var index = 0
        while index < words.count {
            if words[index] == "--pub", index + 1 < words.count {
                keys.append(words[index + 1])
                index += 2
            } else {
                rest.append(words[index])
                index += 1
            }
        }
        let arguments = try Arguments(rest, valued: [], switches: [])
        guard arguments.positional.count == 1, !keys.isEmpty else {
            throw UsageError("verify takes a bundle folder and --pub PUB")
        }
        let publicKeys: [PublicKey]
        do {
            publicKeys = try keys.map { (key) throws(BundleCommandError) in try KeyFiles.publicKey(key) }
        } catch {
            Console.error(error.description)
            return 1
        }
        let folder = URL(fileURLWithPath: arguments.positional[0])
        let (manifest, problems) = BundleCheck.verify(folder: folder, keys: publicKeys)
        for problem in problems { Console.out(problem.description) }
        guard let manifest, problems.isEmpty else { return 1 }
        Console.out(
            "\(folder.path): valid, channel '\(manifest.channel)' version \(manifest.version), \(manifest.assets.count) assets, expires \(ISO8601.format(manifest.expires))"
        )
        return 0
    }
}
