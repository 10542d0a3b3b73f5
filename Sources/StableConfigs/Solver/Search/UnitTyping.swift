/// How the search groups unconstrained units into interchangeable types.
enum UnitTyping {
    /// Units with equal balances in every domain are one type: the fastest search, and what the
    /// stable configuration needs; configurations that differ only by swapping such units look alike
    /// to it.
    case byBalance
    /// Only units that print identically (the same tokens) are one type: configurations that differ in
    /// output differ to the search, as distinct configurations require.
    case byTokens
}
