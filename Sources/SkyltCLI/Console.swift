@preconcurrency import Glibc

/// Output for people at a terminal: results on stdout, diagnostics on stderr.
public enum Console {
    public static func out(_ line: String) {
        print(line)
        fflush(stdout)
    }

    public static func error(_ line: String) {
        fputs(line + "\n", stderr)
    }
}
