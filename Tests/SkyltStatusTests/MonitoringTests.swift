import Foundation
import SkyltCore
import SkyltStatus
import SkyltTestSupport
import Testing

/// The fleet's Prometheus config, alerting rules and Grafana dashboard under monitoring/: promtool
/// accepts them, the rules fire when their unit tests say, and every metric they name is one a
/// real status server exports, so renaming a metric breaks this suite rather than the alerts.
@Suite("Fleet monitoring", .serialized, .timeLimit(.minutes(10)))
struct MonitoringTests {
    static let folder = Repository.root.appendingPathComponent("monitoring")
    /// Every file that names metrics.
    static let files = ["skylt-alerts.yml", "skylt-alerts.test.yml", "grafana-dashboard.json"]

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The families /metrics declares (its TYPE lines, even those without a sample yet) and the
    /// names of its samples (a summary's `_sum` and `_count`).
    static func exported(_ text: String) -> Set<String> {
        var names = Set<String>()
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("# TYPE "), words.count == 4 {
                names.insert(String(words[2]))
            } else if !line.hasPrefix("#"), let name = line.split(whereSeparator: { $0 == "{" || $0 == " " }).first {
                names.insert(String(name))
            }
        }
        return names
    }

    static func named(_ text: String) -> Set<String> {
        Set(text.matches(of: /skylt_[a-z_]+/).map { String($0.output) })
    }

    @Test("every metric the rules and the dashboard name is one a real status server exports")
    func metricNames() throws {
        let setup = try StatusServerTests.Setup()
        let exported = Self.exported(try setup.curl("/metrics").body)
        #expect(exported.contains("skylt_seconds_since_last_good_sync") && exported.contains("skylt_build_info"))
        var all = Set<String>()
        for file in Self.files {
            let named = Self.named(try Self.text(file))
            #expect(!named.isEmpty, "\(file) names no metric")
            #expect(
                named.subtracting(exported).isEmpty,
                "\(file) names metrics /metrics lacks: \(named.subtracting(exported).sorted())")
            all.formUnion(named)
        }
        // What the alerts stand on: each must stay exported under this name.
        let alerts = Self.named(try Self.text("skylt-alerts.yml"))
        for name in [
            "skylt_seconds_since_last_good_sync", "skylt_process_start_time_seconds", "skylt_disk_free_bytes",
            "skylt_disk_size_bytes", "skylt_clock_trusted", "skylt_version_number",
        ] {
            #expect(alerts.contains(name), "no alert reads \(name)")
        }
        #expect(all.count >= 10, "\(all.sorted())")
    }

    @Test("promtool accepts the config and the rules, and the rules' unit tests pass")
    func promtool() throws {
        for (command, file) in [
            (["check", "config"], "prometheus.yml"), (["check", "rules"], "skylt-alerts.yml"),
            (["test", "rules"], "skylt-alerts.test.yml"),
        ] {
            let result = try ExternalTool.run(["promtool"] + command + [Self.folder.appendingPathComponent(file).path])
            #expect(
                result.status == 0,
                "promtool \(command.joined(separator: " ")) \(file): \(result.stdout) \(result.stderr)")
        }
    }

    @Test("the rules' unit tests fail when an alert's threshold moves")
    func promtoolCatchesAChange() throws {
        let copy = TemporaryFolder()
        let rules = try Self.text("skylt-alerts.yml")
        #expect(rules.contains("skylt_seconds_since_last_good_sync{job=\"skylt\"} > 86400"))
        // Stale after two days instead of one: the test's 25 hours no longer alert.
        let moved = rules.replacingOccurrences(of: "> 86400", with: "> 172800")
        try Data(moved.utf8).write(to: copy.file("skylt-alerts.yml"))
        try Data(try Self.text("skylt-alerts.test.yml").utf8).write(to: copy.file("skylt-alerts.test.yml"))
        let result = try ExternalTool.run(["promtool", "test", "rules", copy.file("skylt-alerts.test.yml").path])
        #expect(result.status != 0)
        // promtool names the failing alert on stderr.
        #expect((result.stdout + result.stderr).contains("alertname: SkyltContentStale"), "\(result.stdout)")
    }

    @Test("the dashboard parses, asks for its Prometheus and kiosks, and every panel queries the chosen kiosks")
    func dashboard() throws {
        let data = Data(try Self.text("grafana-dashboard.json").utf8)
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let variables = (dashboard["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []
        #expect(
            variables.contains {
                $0["name"] as? String == "datasource" && $0["type"] as? String == "datasource"
                    && $0["query"] as? String == "prometheus"
            })
        #expect(variables.contains { $0["name"] as? String == "kiosk" && $0["type"] as? String == "query" })
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        var expressions: [String] = []
        for panel in panels {
            let title = panel["title"] as? String ?? "?"
            #expect((panel["datasource"] as? [String: Any])?["uid"] as? String == "${datasource}", "\(title)")
            let targets = panel["targets"] as? [[String: Any]] ?? []
            #expect(!targets.isEmpty, "\(title) has no query")
            for target in targets {
                let expression = target["expr"] as? String ?? ""
                #expect(expression.contains("kiosk=~\"$kiosk\""), "\(title): \(expression)")
                expressions.append(expression)
            }
        }
        // The panels the municipality asked for, each by what it reads.
        for needle in [
            "up{", "skylt_seconds_since_last_good_sync", "skylt_sync_failure_total", "skylt_missed_deadlines_total",
            "skylt_frame_compose_seconds_sum", "skylt_disk_free_bytes", "skylt_clock_trusted", "skylt_build_info",
        ] {
            #expect(expressions.contains { $0.contains(needle) }, "no panel reads \(needle)")
        }
    }
}
