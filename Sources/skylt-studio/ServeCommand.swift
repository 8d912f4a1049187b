import Foundation
@preconcurrency import Glibc
import SkyltCLI
import SkyltCore
import SkyltHTTP
import SkyltStudio
import SkyltStudioWeb

/// `skylt-studio serve`.
enum ServeCommand {
    static let help = """
        Usage: skylt-studio serve --data DIR [--listen ADDR:PORT] [--public-url URL] [--no-auto-publish]

        Runs the studio's web interface until SIGTERM or SIGINT. Editors make slides and see
        them exactly as the screens will; publishers approve and publish; admins manage users,
        channels, screens and keys. Pages are in Swedish and English.

        Listen on loopback and put nginx (or another proxy) in front for HTTPS; the README
        has an example. Behind it, give --public-url so that the session cookie is Secure
        (with the __Host- prefix) and the proxy's host name is answered.

        Channels published before are published again on their own when a slide's validity
        starts or ends (expired slides are archived), and the mail of the outbox is sent with
        the `mail` command of studio.json.

        Options:
          --data DIR          the studio's data folder
          --listen ADDR:PORT  the IPv4 address and port to listen on (default 127.0.0.1:8090)
          --public-url URL    the URL people use, e.g. https://studio.example.org
          --no-auto-publish   do not publish when slides become valid or expire
          -h, --help          show this help
        """

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(
            words, valued: ["--data", "--listen", "--public-url"], switches: ["--no-auto-publish"])
        guard arguments.positional.isEmpty else { throw UsageError("serve takes no positional arguments") }
        let data = try StudioCommandLine.dataFolder(arguments)
        let (address, port) = try listenAddress(arguments.values["--listen"] ?? "127.0.0.1:8090")
        let publicURL = arguments.values["--public-url"]
        if let publicURL {
            guard let parts = URLComponents(string: publicURL), ["http", "https"].contains(parts.scheme ?? ""),
                parts.host?.isEmpty == false
            else { throw UsageError("--public-url must be an http(s) URL with a host: \(publicURL)") }
        }
        // Blocked before any thread starts, so that every thread inherits the mask and the
        // signals wait for `sigwait` below instead of killing the process mid-write.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        do throws(StudioError) {
            let web = try StudioWeb(data: data, options: StudioWeb.Options(publicURL: publicURL))
            let server = HTTPServer(
                name: "studio", settings: web.httpSettings(address: address, port: port), handler: web.handle)
            do throws(HTTPServerError) {
                try server.start()
            } catch {
                Console.error("cannot listen on \(address):\(port): \(error)")
                return 1
            }
            Console.out("Skylt Studio on http://\(address):\(server.port)/ (data \(web.data.path))")
            sweepMediaNowAndThen(data)
            var services: [PeriodicService] = [MailSender(data: data, clock: SystemClock()).service()]
            if !arguments.flags.contains("--no-auto-publish") {
                services.append(AutoPublisher(data: data, clock: SystemClock()).service())
            }
            for service in services { service.start() }
            var received: Int32 = 0
            sigwait(&signals, &received)
            Console.out("stopping on signal \(received)")
            server.stop()
            for service in services.reversed() { service.stop() }
            return 0
        } catch {
            return StudioCommandLine.report(error)
        }
    }

    /// Removes uploads no revision refers to, now and every six hours, with a studio of its
    /// own (a failure is only logged: the next round tries again).
    static func sweepMediaNowAndThen(_ data: URL) {
        Thread.detachNewThread {
            while true {
                do throws(StudioError) {
                    let removed = try Studio.open(data: data, actor: "studio (media sweep)").sweepUnreferencedMedia()
                    if removed > 0 { Console.out("removed \(removed) uploads no slide uses") }
                } catch {
                    Console.error("sweeping unused uploads: \(error)")
                }
                Thread.sleep(forTimeInterval: 6 * 3600)
            }
        }
    }

    /// `ADDR:PORT` split and checked.
    static func listenAddress(_ text: String) throws(UsageError) -> (String, UInt16) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            throw UsageError("--listen must be ADDR:PORT, such as 127.0.0.1:8090: \(text)")
        }
        let address = String(text[..<colon])
        var probe = in_addr()
        guard inet_pton(AF_INET, address, &probe) == 1 else {
            throw UsageError("--listen needs an IPv4 address, such as 127.0.0.1: \(address)")
        }
        return (address, port)
    }
}
