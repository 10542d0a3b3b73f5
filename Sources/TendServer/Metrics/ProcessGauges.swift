import Prometheus
import TendAPI

/// The series of one process in the scrape registry, made once (the first scrape that sees the process) and only set
/// on later scrapes: making a series in swift-prometheus copies its whole family, so making every series again on
/// each scrape cost 180 ms for 500 programs (measured, release build); setting them costs microseconds.
final class ProcessGauges: Sendable {
    let up: Gauge
    let states: [ProcessState: Gauge]
    let startTime: Gauge
    let restarts: Counter
    let cpu: Counter
    let rss: Gauge

    init(group: String, name: String, registry: PrometheusCollectorRegistry) {
        let labels = [("group", group), ("name", name)]
        up = registry.makeGauge(
            descriptor: MetricsRoutes.name("process_up", "", "1 while the process is RUNNING"), labels: labels)
        var states: [ProcessState: Gauge] = [:]
        for state in ProcessState.allCases {
            states[state] = registry.makeGauge(
                descriptor: MetricsRoutes.name("process_state", "", "1 for the state the process is in"),
                labels: labels + [("state", state.name)])
        }
        self.states = states
        startTime = registry.makeGauge(
            descriptor: MetricsRoutes.name(
                "process_start_time", "seconds", "When the process last started (seconds since the epoch; 0 if never)"),
            labels: labels)
        restarts = registry.makeCounter(
            descriptor: MetricsRoutes.name("process_restarts", "total", "Spawns after the first"), labels: labels)
        cpu = registry.makeCounter(
            descriptor: MetricsRoutes.name("process_cpu", "seconds_total", "CPU time of the running child"),
            labels: labels)
        rss = registry.makeGauge(
            descriptor: MetricsRoutes.name("process_resident_memory", "bytes", "Resident memory of the running child"),
            labels: labels)
    }

    /// Sets every series from `status`. The counters hold the figure as it is now: set by a reset and an increment
    /// (a smaller CPU figure is a new child, which Prometheus reads as a counter reset).
    func set(from status: ProcessStatus) {
        up.set(Int64(status.state == .running ? 1 : 0))
        for (state, gauge) in states { gauge.set(Int64(state == status.state ? 1 : 0)) }
        startTime.set(Int64(status.start))
        restarts.reset()
        restarts.increment(by: Int64(status.restarts))
        cpu.reset()
        cpu.increment(by: status.usage?.cpuSeconds ?? 0)
        rss.set(Int64(status.usage?.rssBytes ?? 0))
    }

    /// Takes the series out of `registry` (the process is gone).
    func unregister(from registry: PrometheusCollectorRegistry) {
        registry.unregisterGauge(up)
        for gauge in states.values { registry.unregisterGauge(gauge) }
        registry.unregisterGauge(startTime)
        registry.unregisterCounter(restarts)
        registry.unregisterCounter(cpu)
        registry.unregisterGauge(rss)
    }
}
