import FoundationEssentials
import StableConfigs

/// The result JSON of the job API: `{"configs": [{"polymers": …, "polymers_count": n}], "count": N,
/// "entropy": E}`, each polymer a list of monomers, each monomer its tokens.
struct ResultDocument: Encodable {
    struct Config: Encodable {
        var polymers: [[[String]]]
        var polymers_count: Int
    }

    var configs: [Config]
    var count: Int
    var entropy: Int

    init(result: SolveResult, tbn: TBN) {
        configs = result.configurations.map {
            Config(polymers: $0.polymerTokens(in: tbn), polymers_count: $0.polymerCount)
        }
        count = configs.count
        entropy = result.entropy
    }

    /// The document as one line of JSON.
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
