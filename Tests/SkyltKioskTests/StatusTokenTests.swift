import Foundation
import SkyltCore
import SkyltStatus
import SkyltTestSupport
import Testing

@testable import SkyltKiosk

/// The status page's token when the state directory cannot keep one: the page starts all the
/// same, and the log says where the token is and what to do.
@Suite("Status page token", .serialized)
struct StatusTokenTests {
    /// A config without a token whose state directory cannot be made (its parent is a file).
    func unwritable() throws -> (config: KioskConfig, folder: TemporaryFolder) {
        let folder = TemporaryFolder()
        _ = folder.write("blocker", "a file where the state directory's parent should be")
        let file = folder.write(
            "config.json",
            #"""
            {"id": "k", "name": "Ängsby", "stateDirectory": "\#(folder.file("blocker").path)/state",
             "channels": [{"name": "demo", "folder": "\#(Repository.demoPlaylist.path)"}]}
            """#)
        return (try KioskConfig.load(from: file), folder)
    }

    @Test(
        "with an unwritable state directory and no token in the config, the page starts with a token kept in the runtime directory"
    )
    func runtimeToken() throws {
        let (config, folder) = try unwritable()
        let log = InMemoryLogHandler()
        let state = StateDirectory.prepare(config.stateDirectory, logger: log.logger)
        #expect(state == nil)
        let runtime = folder.file("run")
        try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true)
        let (token, kept) = StatusWiring.token(config: config, state: state, runtime: runtime, logger: log.logger)
        let file = runtime.appendingPathComponent(StatusWiring.tokenFile)
        #expect(kept == .runtime(file))
        #expect(try String(contentsOf: file, encoding: .utf8) == token + "\n" && token.count >= 16)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let line = try #require(log.all.last)
        #expect(line.level == .warning && line.message.hasPrefix("status page: no status.token in the config"))
        #expect(line.message.contains(file.path) && line.message.contains("set status.token in the config"))
        #expect(!line.message.contains(token), "the token is never logged")
        // The page starts with it, and the token unlocks the actions.
        var settings = StatusSettings(token: token)
        settings.address = "127.0.0.1"
        settings.port = 0
        let hub = StatusHub()
        hub.beat()
        let server = StatusServer(settings: settings, sources: StatusSources(hub: hub), logger: log.logger)
        try server.start()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let health = try ExternalTool.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/healthz"])
        #expect(health.stdout == "200")
        let action = try ExternalTool.run([
            "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Authorization: Bearer \(token)",
            base + "/api/actions/identify",
        ])
        #expect(action.stdout == "202")
    }

    @Test("with nowhere to keep a token, the page still gets one, and the log says no action can be sent")
    func memoryToken() throws {
        let (config, _) = try unwritable()
        let log = InMemoryLogHandler()
        let (token, kept) = StatusWiring.token(config: config, state: nil, runtime: nil, logger: log.logger)
        #expect(kept == .memory && token.count >= 16)
        #expect(log.all.contains { $0.level == .warning && $0.message.contains("no action can be sent") })
    }

    @Test("a writable state directory keeps its token from one start to the next; the config's comes first")
    func keptToken() throws {
        let folder = TemporaryFolder()
        let file = folder.write(
            "config.json",
            #"""
            {"id": "k", "name": "Ängsby", "stateDirectory": "\#(folder.file("state").path)",
             "channels": [{"name": "demo", "folder": "\#(Repository.demoPlaylist.path)"}]}
            """#)
        let config = try KioskConfig.load(from: file)
        let log = InMemoryLogHandler()
        let state = try #require(StateDirectory.prepare(config.stateDirectory, logger: log.logger))
        let first = StatusWiring.token(config: config, state: state, runtime: nil, logger: log.logger)
        let second = StatusWiring.token(config: config, state: state, runtime: nil, logger: log.logger)
        #expect(first.kept == .stateDirectory(state.appendingPathComponent(StatusWiring.tokenFile)))
        #expect(first.token == second.token)
        var given = config
        given.status.token = "a-long-enough-token-123"
        #expect(
            StatusWiring.token(config: given, state: state, logger: log.logger) == ("a-long-enough-token-123", .config))
    }
}
