import Foundation
import SkyltCLI
import SkyltStudio

/// `skylt-studio init`.
enum InitCommand {
    static let help = """
        Usage: skylt-studio init --data DIR --site DIR --base-url URL

        Makes a studio data folder in DIR (created when missing):
          DIR/studio.json     the site folder and base URL below
          DIR/studio.sqlite   users, channels, slides and every revision, the audit log
          DIR/media/          media by their SHA-256
          DIR/keys/           each channel's secret signing key (folder 0700, files 0600)
        A folder that already holds a studio is refused, and the file found is named; so is
        any other DIR that is not empty. Folders that exist keep their modes.

        Options:
          --data DIR       the data folder
          --site DIR       where channels are published, one folder per channel (created
                           when missing); serve it with nginx or any static host
          --base-url URL   the public http(s) URL of the site folder, without query or
                           fragment; a channel's manifest is URL/CHANNEL/manifest.json
          -h, --help       show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--data", "--site", "--base-url"], switches: [])
        guard arguments.positional.isEmpty else { throw UsageError("init takes no positional arguments") }
        let data = try StudioCommandLine.dataFolder(arguments)
        guard let site = arguments.values["--site"], let baseURL = arguments.values["--base-url"] else {
            throw UsageError("init needs --site DIR and --base-url URL")
        }
        do throws(StudioError) {
            let studio = try Studio.create(data: data, site: URL(fileURLWithPath: site), baseURL: baseURL)
            Console.out("made a studio in \(studio.folder.url.path), publishing into \(studio.config.site)")
            Console.out("channels will be at \(studio.config.baseURL)/CHANNEL/manifest.json")
            return 0
        } catch {
            return StudioCommandLine.report(error)
        }
    }
}

/// `skylt-studio user add`.
enum UserCommand {
    static let help = """
        Usage: skylt-studio user add NAME --role ROLE [--email ADDRESS] --password-stdin --data DIR

        Adds a user who can sign in to the studio. The password is read from the first line
        of standard input (at least \(Users.minPasswordCharacters) characters), never from the command line, where
        other users of the machine could see it; it is stored only as an Argon2id hash.
        A name that is taken already is refused.

        Options:
          --role ROLE        one of: \(Role.listed)
          --email ADDRESS    where the studio mails about contributions (optional)
          --password-stdin   read the password from standard input (required)
          --data DIR         the studio's data folder
          -h, --help         show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--data", "--role", "--email"], switches: ["--password-stdin"])
        guard arguments.positional.count == 2, arguments.positional[0] == "add" else {
            throw UsageError("the user command is: user add NAME --role ROLE --password-stdin")
        }
        let data = try StudioCommandLine.dataFolder(arguments)
        guard let roleName = arguments.values["--role"], let role = Role(rawValue: roleName) else {
            throw UsageError("--role takes one of: \(Role.listed)")
        }
        guard arguments.has("--password-stdin") else {
            throw UsageError("give the password on standard input, with --password-stdin")
        }
        guard var password = readLine(strippingNewline: true) else {
            Console.error("no password on standard input; no user was added")
            return 1
        }
        // A line typed or saved on Windows ends in "\r\n"; the "\r" is not part of the password.
        if password.hasSuffix("\r") { password.removeLast() }
        let name = arguments.positional[1]
        let email = arguments.values["--email"]
        if let email, (try? Users.checkedEmail(email)) == nil {
            throw UsageError("--email takes a mail address such as name@example.org")
        }
        return StudioCommandLine.withStudio(data) { studio throws(StudioError) in
            let id = try studio.addUser(name: name, role: role, password: password)
            if let email { try studio.setEmail(email, userID: id) }
            Console.out("added user '\(name)' with role \(role.rawValue)")
        }
    }
}

/// `skylt-studio channel key`.
enum ChannelCommand {
    static let help = """
        Usage: skylt-studio channel key CHANNEL --data DIR

        Prints the channel's public signing key: the base64 line of a minisign .pub file, as
        kiosk configs list it under the channel's "keys". Kiosks accept only bundles signed
        with the matching secret key, which stays in the data folder.

        Options:
          --data DIR   the studio's data folder
          -h, --help   show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(words, valued: ["--data"], switches: [])
        guard arguments.positional.count == 2, arguments.positional[0] == "key" else {
            throw UsageError("the channel command is: channel key CHANNEL")
        }
        let data = try StudioCommandLine.dataFolder(arguments)
        return StudioCommandLine.withStudio(data) { studio throws(StudioError) in
            Console.out(try studio.channel(named: arguments.positional[1]).publicKey)
        }
    }
}
