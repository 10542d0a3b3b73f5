import Prometheus
import Synchronization
import TendAPI

/// The registry of `/metrics`' scrape-time figures, kept across scrapes with the series of every process in it
/// (`ProcessGauges`): a scrape sets them, makes the series of new processes and drops those of removed ones.
final class ScrapeRegistry: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let processes = Mutex<[String: ProcessGauges]>([:])

    /// Sets the series of every process of `statuses` (all the daemon's processes).
    func update(_ statuses: [ProcessStatus]) {
        processes.withLock { known in
            var seen: Set<String> = []
            for status in statuses {
                let key = "\(status.group):\(status.name)"
                seen.insert(key)
                let gauges = known[key] ?? ProcessGauges(group: status.group, name: status.name, registry: registry)
                known[key] = gauges
                gauges.set(from: status)
            }
            for (key, gauges) in known where !seen.contains(key) {
                gauges.unregister(from: registry)
                known[key] = nil
            }
        }
    }
}
