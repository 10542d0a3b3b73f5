/// Tend's version, as `tend version` and `GET /api/v1/daemon` report it.
public enum TendVersion {
    public static let current = "0.1.0"
}
