public import Foundation
import Synchronization

/// Runs a program to its end and gives back its exit status and output.
public enum ExternalTool {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `arguments[0]` (looked up in PATH when not a path). Output is read as it comes, so
    /// a chatty child never blocks on a full pipe.
    public static func run(_ arguments: [String], environment: [String: String]? = nil, input: Data? = nil)
        throws -> Result
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let collector = OutputCollector()
        let group = DispatchGroup()
        for (index, pipe) in [out, err].enumerated() {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collector.set(index, data)
                group.leave()
            }
        }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: collector.stdout, as: UTF8.self),
            stderr: String(decoding: collector.stderr, as: UTF8.self))
    }

    /// Standard output (0) and standard error (1), each filled by its own reader.
    private final class OutputCollector: Sendable {
        private let outputs = Mutex([Data(), Data()])

        func set(_ index: Int, _ data: Data) { outputs.withLock { $0[index] = data } }
        var stdout: Data { outputs.withLock { $0[0] } }
        var stderr: Data { outputs.withLock { $0[1] } }
    }

    /// Decodes every barcode in a PNG with zbarimg and returns the texts, one per symbol.
    public static func zbarDecode(_ png: URL) throws -> [String] {
        let result = try run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png.path])
        // zbarimg exits 4 when it finds nothing.
        guard result.status == 0 || result.status == 4 else {
            throw ToolError(tool: "zbarimg", message: result.stderr)
        }
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    public struct ToolError: Error, CustomStringConvertible {
        public var tool: String
        public var message: String
        public var description: String { "\(tool): \(message)" }
    }
}
