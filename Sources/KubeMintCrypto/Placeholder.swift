/// Placeholder until the signing module lands.
enum KubeMintCryptoPlaceholder {}
