import Foundation

// The studio's command line: one command per run, its exit status the process's.
exit(StudioCommandLine.main(Array(CommandLine.arguments.dropFirst())))
