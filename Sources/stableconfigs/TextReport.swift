import StableConfigs

/// The human-readable result: the entropy, then each configuration's polymers.
struct TextReport {
    var result: SolveResult
    var tbn: TBN

    func text() -> String {
        var lines = ["Entropy: \(result.entropy) polymers."]
        if result.configurations.isEmpty {
            lines.append("No saturated configuration meets the constraints.")
        }
        for (index, configuration) in result.configurations.enumerated() {
            lines.append("")
            lines.append("Configuration \(index + 1): \(configuration.polymerCount) polymers")
            for (number, polymer) in configuration.polymerTokens(in: tbn).enumerated() {
                lines.append("  Polymer \(number + 1)")
                for monomer in polymer { lines.append("    " + monomer.joined(separator: " ")) }
            }
        }
        return lines.joined(separator: "\n")
    }
}
