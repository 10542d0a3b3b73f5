/// How a published method is called: how many parameters it takes, its signature for
/// `system.methodSignature`, and whether it is refused while the daemon stops.
struct XMLRPCMethod: Sendable {
    /// The parameter counts accepted; any other count is `INCORRECT_PARAMETERS`, as Python's `TypeError` is.
    let arity: ClosedRange<Int>
    /// `[return type, parameter types…]`.
    let signature: [String]
    /// Refuse the call with `SHUTDOWN_STATE` while the daemon stops or restarts (supervisord's `_update`).
    let refusedWhileStopping: Bool

    /// - Parameters:
    ///   - signature: `[return type, parameter types…]`.
    ///   - optional: how many of the last parameters have defaults.
    ///   - refusedWhileStopping: see the property.
    init(_ signature: [String], optional: Int = 0, refusedWhileStopping: Bool = true) {
        let count = signature.count - 1
        self.arity = (count - optional)...count
        self.signature = signature
        self.refusedWhileStopping = refusedWhileStopping
    }
}
