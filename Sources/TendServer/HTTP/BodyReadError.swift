/// The request body could not be read (a malformed chunk, a connection closed mid-body). It is passed
/// through to Hummingbird, which answers 400 or drops the connection, rather than being turned into JSON.
struct BodyReadError: Error {
    let underlying: any Error
}
