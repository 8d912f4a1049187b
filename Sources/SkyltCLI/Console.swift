@preconcurrency import Glibc
import SkyltCore

/// Output for people at a terminal: results on stdout, diagnostics on stderr.
///
/// Lines often quote a playlist, a manifest or a server: control characters in them are
/// written as `\u{1B}` (`ControlCharacters.escaped`), so that no input can move the cursor,
/// recolour the terminal or fake a line. Line feeds and tabs, which the commands use to lay
/// out their output, pass.
public enum Console {
    public static func out(_ line: String) {
        print(ControlCharacters.escaped(line, keepingLineBreaks: true))
        fflush(stdout)
    }

    public static func error(_ line: String) {
        fputs(ControlCharacters.escaped(line, keepingLineBreaks: true) + "\n", stderr)
    }
}
