import CoreMetrics
import TendAPI

/// The job queue's counters and histograms, recorded through swift-metrics as jobs are submitted, start and end
/// (never sampled on a timer); the daemon's factory (swift-prometheus) makes them `/metrics`.
///
/// - `tend_jobs_submitted_total{task}`, `tend_jobs_finished_total{task,state}`
/// - `tend_job_start_latency_seconds{task}`: from submit to the job's start (a histogram)
/// - `tend_job_duration_seconds{task}`: from start to end (a histogram)
public struct JobMetrics: Sendable {
    let factory: any MetricsFactory

    /// Metrics made by `factory`; the default records nothing.
    public init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.factory = factory
    }

    func submitted(task: String) {
        Counter(label: "tend_jobs_submitted_total", dimensions: [("task", task)], factory: factory).increment()
    }

    func started(_ job: Job) {
        guard let started = job.startedAt else { return }
        Timer(label: "tend_job_start_latency_seconds", dimensions: [("task", job.task)], factory: factory)
            .recordMilliseconds(max(0, started.milliseconds - job.submittedAt.milliseconds))
    }

    func finished(_ job: Job, state: JobState, at end: JobTimestamp) {
        Counter(
            label: "tend_jobs_finished_total", dimensions: [("task", job.task), ("state", state.rawValue)],
            factory: factory
        )
        .increment()
        if let started = job.startedAt {
            Timer(label: "tend_job_duration_seconds", dimensions: [("task", job.task)], factory: factory)
                .recordMilliseconds(max(0, end.milliseconds - started.milliseconds))
        }
    }
}
