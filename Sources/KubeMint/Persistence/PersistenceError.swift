/// Why the data directory (`--data-dir`) cannot be opened, loaded or written. The message names
/// the file (and offset, for damage) and what to do; kubemint refuses to start rather than drop data.
package struct PersistenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong and what to do.
    package let message: String
    /// An error with this message.
    package init(_ message: String) { self.message = message }
    package var description: String { message }
}
