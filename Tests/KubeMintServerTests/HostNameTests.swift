import Testing

@testable import KubeMintServer

/// The `Host` header reading of ``HostPolicy`` (every request passes through it): what it answered
/// before it was rewritten over UTF-8, except that digits other than ASCII (`٣`) no longer make a port
/// or an IPv4 address.
@Suite struct HostNameTests {
    @Test(arguments: [
        ("127.0.0.1:8443", "127.0.0.1"), ("LocalHost", "localhost"), ("Example.COM.:80", "example.com"),
        ("example.com.", "example.com"), ("example.com:", "example.com"), ("[::1]:8443", "[::1]"),
        ("[::1]", "[::1]"), ("[::1]:", "[::1]"), ("::1", "[::1]"), ("fe80::1:8443", "[fe80::1:8443]"),
        ("", ""), ("kubemint.localhost:1", "kubemint.localhost"), ("émoji.example", "émoji.example"),
    ])
    func readsTheHostOfAHostHeader(value: String, expected: String) {
        #expect(HostPolicy.hostName(of: value) == expected)
    }

    @Test(arguments: ["[::1", "[::1]x", "[::1]:80a", "example.com:80a", "example.com:8 0", "example.com:٣"])
    func refusesWhatIsNotAHost(value: String) {
        #expect(HostPolicy.hostName(of: value) == nil)
    }

    @Test func tellsIPv4AddressesFromNames() {
        for address in ["1.2.3.4", "127.0.0.1", "255.255.255.255", "000.0.0.0"] {
            #expect(HostPolicy.isIPv4(address), "\(address)")
        }
        for name in ["1.2.3", "1.2.3.4.5", "1..3.4", "1234.1.1.1", "a.b.c.d", "1.2.3.4.", ".1.2.3", "", "١.٢.٣.٤"] {
            #expect(!HostPolicy.isIPv4(name), "\(name)")
        }
    }

    @Test func answersIPAddressesLocalhostAndItsNames() {
        let policy = HostPolicy(names: ["kubemint.example:8443"])
        for host in ["127.0.0.1:1", "[::1]:1", "localhost", "a.localhost:8", "KUBEMINT.example", "kubemint.example."] {
            #expect(policy.answers(host: host), "\(host)")
        }
        for host in ["evil.example", "kubemint.example.evil", "kubemint.example:x"] {
            #expect(!policy.answers(host: host), "\(host)")
        }
    }
}
