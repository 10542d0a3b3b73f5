extension Double {
    /// `2`, `0.5`: a number of seconds as a user writes it.
    var secondsText: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
