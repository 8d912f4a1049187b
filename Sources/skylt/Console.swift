@preconcurrency import Glibc

/// Output for people at a terminal: results on stdout, diagnostics on stderr.
enum Console {
    static func out(_ line: String) {
        print(line)
        fflush(stdout)
    }

    static func error(_ line: String) {
        fputs(line + "\n", stderr)
    }
}
