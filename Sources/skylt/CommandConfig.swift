import SkyltCLI
import SkyltCore
import SkyltKiosk

/// The kiosk's config for a command: the one given, the system one, or the demo's.
enum CommandConfig {
    /// The config, or nil after printing every problem with it.
    static func load(path: String?) -> KioskConfig? {
        do {
            return try KioskConfigFile.load(path: path)
        } catch {
            Console.error(error.description)
            return nil
        }
    }
}
