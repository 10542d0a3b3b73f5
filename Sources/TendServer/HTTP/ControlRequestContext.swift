import Hummingbird

/// The request context of the control plane's router: Hummingbird's basic context with a 1 MiB limit
/// on request bodies (a larger body gets 413).
struct ControlRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    /// The largest request body accepted, in bytes.
    static let maxBodySize = 1 << 20

    var maxUploadSize: Int { Self.maxBodySize }
}
