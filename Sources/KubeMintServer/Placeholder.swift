import KubeMint
/// Placeholder until the server lands.
enum KubeMintServerPlaceholder {}
