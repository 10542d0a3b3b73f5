import StableConfigs
import Testing

@Suite struct ModelTests {
    @Test func sitesBindTheirComplementOnly() {
        let plain = BindingSite(domain: "a", isComplement: false)
        let star = BindingSite(domain: "a", isComplement: true, name: "s1")
        #expect(plain.isComplementary(to: star))
        #expect(star.isComplementary(to: plain))
        #expect(!plain.isComplementary(to: plain))
        #expect(!star.isComplementary(to: BindingSite(domain: "b", isComplement: false)))
        #expect(star.token == "a*:s1")
    }

    @Test func monomerTokensEndWithItsName() {
        let monomer = Monomer(sites: [BindingSite(domain: "x", isComplement: true)], name: "m")
        #expect(monomer.tokens == ["x*", ">m"])
        #expect(Monomer(sites: [BindingSite(domain: "x", isComplement: false)]).tokens == ["x"])
    }

    @Test func configurationOrdersItsPolymers() throws {
        let tbn = try TBN.parse(monomerText: "a\na*\nb")
        let configuration = Configuration(polymers: [[2], [1, 0]])
        #expect(configuration.polymers == [[0, 1], [2]])
        #expect(configuration.polymerCount == 2)
        #expect(configuration.polymerTokens(in: tbn) == [[["a"], ["a*"]], [["b"]]])
    }

    @Test func everyConstraintKindKnowsItsArguments() {
        #expect(ConstraintKind.allCases.count == 8)
        #expect(ConstraintKind.together.argumentCount == nil)
        #expect(ConstraintKind.free.argumentCount == 1)
        #expect(ConstraintKind.notPaired.argumentCount == 2)
        #expect(ConstraintKind.allCases.filter(\.refersToBindingSites).count == 4)
    }
}
