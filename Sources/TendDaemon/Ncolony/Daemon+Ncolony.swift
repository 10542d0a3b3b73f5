import TendConfig
import TendPlatform

extension Daemon {
    /// Applies ncolony's config directory as it is now, as one `update` of just the ncolony programs: a new file
    /// starts its program, a changed one restarts it with its new settings, a removed one stops it; the others
    /// are not touched. Runs one at a time with every reread, update and reload. A problem with a file is logged
    /// once, when it first appears, and the file is skipped.
    func applyNcolonyDirectory() async {
        await operations.run { [self] in
            let current = await supervisor.configuration
            guard let settings = current.ncolony else { return }
            let directory = NcolonyDirectory.read(settings: settings, environment: DaemonProcess.environment)
            var next = current
            let problems = Set(next.replaceNcolonyPrograms(with: directory))
            let fresh = ncolonyProblems.withLock { reported in
                defer { reported = problems }
                return problems.subtracting(reported)
            }
            for problem in fresh.sorted(by: { $0.description < $1.description }) {
                logger.warning("ncolony: \(problem)")
            }
            let names = Array(Set(current.ncolonyGroupNames).union(next.ncolonyGroupNames))
            for result in await supervisor.update(to: next, only: names) {
                if let error = result.error {
                    logger.error("ncolony: \(result.group) \(result.action.rawValue) failed: \(error)")
                } else {
                    logger.info("ncolony: \(result.group) \(result.action.rawValue)")
                }
            }
        }
    }
}
