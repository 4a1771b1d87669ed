import KubeMint
import Logging

/// A log handler that passes every entry on to another one with the control characters in its
/// message and metadata values escaped (``LogText/escaped(_:)``): the one place that keeps
/// client-chosen text (a newline in a projected path, a NUL in a name) from forging or
/// corrupting log lines. `kubemint serve` installs it around swift-log's standard-error handler.
///
/// ```swift
/// LoggingSystem.bootstrap { EscapingLogHandler(StreamLogHandler.standardError(label: $0)) }
/// ```
package struct EscapingLogHandler: LogHandler {
    private var wrapped: any LogHandler

    /// Escapes what it passes on to `wrapped`.
    package init(_ wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    /// The wrapped handler's level.
    package var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    /// The wrapped handler's metadata.
    package var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    /// One metadata value of the wrapped handler.
    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    /// Logs through the wrapped handler with the message and metadata escaped.
    package func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        wrapped.log(
            level: level, message: "\(LogText.escaped(message.description))",
            metadata: metadata?.mapValues(Self.escaped), source: source, file: file, function: function, line: line)
    }

    static func escaped(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(LogText.escaped(text))
        case .stringConvertible(let item): .string(LogText.escaped(item.description))
        case .array(let items): .array(items.map(escaped))
        case .dictionary(let members): .dictionary(members.mapValues(escaped))
        }
    }
}
