import StableConfigs
import Testing

@Suite struct TBNParsingTests {
    @Test(arguments: ExampleData.monomerFiles().filter { !["empty.txt", "error.txt"].contains($0) })
    func everyExampleInputParses(name: String) throws {
        let tbn = try ExampleData.tbn(name)
        #expect(!tbn.monomers.isEmpty)
        #expect(tbn.monomers.allSatisfy { !$0.sites.isEmpty })
    }

    @Test func sitesNamesAndComplementsAreRead() throws {
        let tbn = try TBN.parse(monomerText: "a b*:s1 c >m1 ignored\n# comment line\n\n  d e# f\n")
        #expect(tbn.monomers.count == 2)
        #expect(tbn.monomers[0].tokens == ["a", "b*:s1", "c", ">m1"])
        #expect(tbn.monomers[0].sites[1] == BindingSite(domain: "b", isComplement: true, name: "s1"))
        #expect(tbn.monomers[1].tokens == ["d", "e"])
        #expect(tbn.monomerIndex(named: "m1") == 0)
        #expect(tbn.site(named: "s1") == TBN.SiteReference(monomer: 0, site: 1))
    }

    @Test func exampleFilesKeepTheirMonomerCounts() throws {
        #expect(
            try ExampleData.tbn("comment.txt").monomers.map(\.tokens) == [["a", "b"], ["a*", "b*"], ["a"], ["b"]])
        #expect(try ExampleData.tbn("exponential_tree.txt").monomers.count == 63)
        #expect(try ExampleData.tbn("wraparound_sorting_network.txt").monomers.count == 97)
        let andGate = try ExampleData.tbn("and_gate.txt", constraints: "and_gate_constraints.txt")
        #expect(andGate.constraints.map(\.kind) == [.free])
        #expect(andGate.constraints.first?.arguments == ["output"])
    }

    @Test func lineWithOnlyANameAddsNoMonomer() throws {
        let tbn = try TBN.parse(monomerText: ">lonely\na")
        #expect(tbn.monomers.count == 1)
        #expect(tbn.monomerIndex(named: "lonely") == nil)
    }

    @Test(arguments: [
        ("", "Input contains no monomers."),
        ("# only a comment\n\n", "Input contains no monomers."),
        ("a b >t1\na* b* >t2\na:b5 >t3\nb >t2", "Duplicate Monomer name. 'b >t2'"),
        ("a *b", "Invalid BindingSite name. 'a *b'"),
        ("a :x", "Invalid BindingSite name. 'a :x'"),
        ("a b:", "Invalid BindingSite name. 'a b:'"),
        ("a:s1\nb:s1", "Duplicate BindingSite name. 'b:s1'"),
        ("a >", "Empty Monomer name. 'a >'. Note that any whitespace after the monomer name keyword is ignored."),
    ])
    func badMonomerInputIsRejected(text: String, message: String) {
        #expect(throws: TBNError.self) { try TBN.parse(monomerText: text) }
        do {
            _ = try TBN.parse(monomerText: text)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test(arguments: [
        ("FREE mon1", "Monomer 'mon1' does not exist. 'FREE mon1'"),
        ("FREE m1 m2", "Constraint 'FREE' takes 1 arguments, got 2. 'FREE m1 m2'"),
        ("NOTTOGETHER m1", "Constraint 'NOTTOGETHER' takes 2 arguments, got 1. 'NOTTOGETHER m1'"),
        ("TOGETHER m1", "Constraint 'TOGETHER' takes at least 2 arguments, got 1. 'TOGETHER m1'"),
        ("PAIRED s1 s9", "BindingSite 's9' does not exist. 'PAIRED s1 s9'"),
        ("ANYPAIRED m1", "BindingSite 'm1' does not exist. 'ANYPAIRED m1'"),
        ("SOMETIMES m1", "Invalid Constraint 'SOMETIMES'. 'SOMETIMES m1'"),
        ("free m1", "Invalid Constraint 'free'. 'free m1'"),
    ])
    func badConstraintsAreRejected(line: String, message: String) {
        do {
            let tbn = try TBN.parse(monomerText: "a b:s1 >m1\na* b* >m2", constraintText: "# fine\n" + line)
            Issue.record("parsed \(tbn.constraints)")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func constraintCommentsAndBlankLinesAreIgnored() throws {
        let tbn = try TBN.parse(
            monomerText: "a b:s1 >m1\na* b* >m2",
            constraintText: "\n# all comment\nTOGETHER m1 m2 # why\nNOTANYPAIRED s1#x\n"
        )
        #expect(tbn.constraints.map(\.kind) == [.together, .notAnyPaired])
        #expect(tbn.constraints[0].arguments == ["m1", "m2"])
        #expect(tbn.constraints[1].arguments == ["s1"])
    }

    @Test func errorExampleFailsOnItsDuplicateName() throws {
        for constraints in [nil, "error_constraints.txt"] {
            do {
                _ = try ExampleData.tbn("error.txt", constraints: constraints)
                Issue.record("error.txt parsed")
            } catch let error as TBNError {
                #expect(error.code == .duplicateMonomerName)
                #expect(error.message == "Duplicate Monomer name. 'b >t2'")
            }
        }
    }
}
