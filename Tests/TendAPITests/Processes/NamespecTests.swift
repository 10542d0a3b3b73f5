import TendAPI
import Testing

struct NamespecTests {
    @Test func namespecsAreSplitAsSupervisordDoes() {
        #expect(Namespec("web") == Namespec(group: "web", process: "web"))
        #expect(Namespec("g:*") == Namespec(group: "g", process: nil))
        #expect(Namespec("g:") == Namespec(group: "g", process: nil))
        #expect(Namespec("g:p") == Namespec(group: "g", process: "p"))
    }

    @Test func namespecsAreJoinedAsSupervisordDoes() {
        #expect(Namespec.make(group: "web", process: "web") == "web")
        #expect(Namespec.make(group: "g", process: "p") == "g:p")
        #expect(Namespec.qualified(group: "web", process: "web") == "web:web")
        #expect(Namespec("g:*").description == "g:*")
        #expect(Namespec("p").description == "p:p")
    }
}
