/// Decides whether the sites of one special domain in one polymer can be bound as required.
///
/// By the Mendelsohn–Dulmage theorem a matching that covers every required site exists exactly when
/// one matching covers the required plain sites and another covers the required complementary ones,
/// so each side is checked on its own. Unconstrained ("generic") sites bind anything, so they are
/// counted rather than listed.
enum SiteMatcher {
    /// Whether every listed site in `required` and `requiredGeneric` more sites can each be bound to a
    /// distinct site among `candidates` and `generic` interchangeable ones, where listed pairs in
    /// `isForbidden` may not bind.
    static func canCover(
        required: [Int], requiredGeneric: Int, candidates: [Int], generic: Int,
        isForbidden: (Int, Int) -> Bool
    ) -> Bool {
        if required.count + requiredGeneric > candidates.count + generic { return false }
        if required.isEmpty { return true }
        // Any matching of the listed required sites leaves the rest of the candidates to the generic
        // required sites, which bind anything: only the listed ones need a real matching.
        let genericSlots = min(generic, required.count)
        let slotCount = candidates.count + genericSlots
        var owner = Array(repeating: -1, count: slotCount)
        for index in required.indices {
            var visited = Array(repeating: false, count: slotCount)
            if !augment(index, required, candidates, &owner, &visited, isForbidden) { return false }
        }
        return true
    }

    private static func augment(
        _ index: Int, _ required: [Int], _ candidates: [Int], _ owner: inout [Int], _ visited: inout [Bool],
        _ isForbidden: (Int, Int) -> Bool
    ) -> Bool {
        for slot in owner.indices where !visited[slot] {
            if slot < candidates.count && isForbidden(required[index], candidates[slot]) { continue }
            visited[slot] = true
            if owner[slot] == -1 || augment(owner[slot], required, candidates, &owner, &visited, isForbidden) {
                owner[slot] = index
                return true
            }
        }
        return false
    }
}
