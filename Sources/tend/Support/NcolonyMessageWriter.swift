import TendConfig
import TendPlatform

/// Writes message files as `ncolony ctl` does: named `NNNMessage.PID` (a counter of this process from 000, then
/// its pid), written whole under another name and renamed.
enum NcolonyMessageWriter {
    /// Writes `messages` to `directory`, in order.
    /// - Throws: `CLIError` when the directory cannot be written.
    static func write(_ messages: [NcolonyMessage], to directory: String) throws(CLIError) {
        let pid = DaemonProcess.pid
        for (index, message) in messages.enumerated() {
            let number = String(index)
            let name = String(repeating: "0", count: max(0, 3 - number.count)) + number + "Message.\(pid)"
            do {
                try TextFile.writeAtomically(message.fileText, to: directory + "/" + name)
            } catch {
                throw CLIError("\(error)")
            }
        }
    }
}
