import TendPlatform

/// When each scheduled program last had a tick, kept in a small file beside the pidfile (`KEY<TAB>seconds` lines)
/// so that a daemon started again knows which ticks it missed while it was down (`misfire = run_once`, as
/// systemd's `Persistent=true` keeps its stamp files).
///
/// The file is written whole (atomically) at each tick; a file that cannot be read is an empty record.
final class TickRecords {
    let path: String
    private var ticks: [String: Double]

    init(path: String) {
        self.path = path
        var ticks: [String: Double] = [:]
        for line in (TextFile.read(path) ?? "").split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 2, let seconds = Double(fields[1]) { ticks[String(fields[0])] = seconds }
        }
        self.ticks = ticks
    }

    /// The last tick of `key` that the file holds.
    func lastTick(of key: String) -> Double? { ticks[key] }

    /// Records a tick of `key` and writes the file.
    /// - Throws: `TextFile.WriteError` when the file cannot be written (the tick is still kept in memory).
    func record(tick seconds: Double, of key: String) throws(TextFile.WriteError) {
        ticks[key] = seconds
        let text = ticks.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined()
        try TextFile.writeAtomically(text, to: path)
    }
}
