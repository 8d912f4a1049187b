/// An executable's subcommands and how a command line reaches them, the same for `skylt` and
/// `skylt-studio`: `--help` and `help COMMAND`, `--version`, `COMMAND --help`, and a usage
/// error said on stderr with a pointer to the command's help, exit status 2.
public struct CommandSet: Sendable {
    /// What a command does with its words; a `UsageError` is a mistake on the command line.
    public typealias Run = @Sendable ([String]) throws(UsageError) -> Int32

    public let program: String
    public let version: String
    public let topHelp: String
    public let commands: [String: (help: String, run: Run)]

    public init(program: String, version: String, topHelp: String, commands: [String: (help: String, run: Run)]) {
        self.program = program
        self.version = version
        self.topHelp = topHelp
        self.commands = commands
    }

    /// Runs the command `words` name; returns the exit status.
    public func main(_ words: [String]) -> Int32 {
        guard let first = words.first else {
            Console.error(topHelp)
            return 2
        }
        switch first {
        case "-h", "--help":
            Console.out(topHelp)
            return 0
        case "--version":
            Console.out("\(program) \(version)")
            return 0
        case "help":
            Console.out(words.count > 1 ? commands[words[1]]?.help ?? topHelp : topHelp)
            return 0
        default:
            break
        }
        guard let command = commands[first] else {
            Console.error("\(program): unknown command '\(first)'. See \(program) --help.")
            return 2
        }
        let rest = Array(words.dropFirst())
        if rest.contains("-h") || rest.contains("--help") {
            Console.out(command.help)
            return 0
        }
        do {
            return try command.run(rest)
        } catch {
            Console.error("\(program) \(first): \(error.message). See \(program) \(first) --help.")
            return 2
        }
    }
}
