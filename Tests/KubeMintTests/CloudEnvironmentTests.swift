import Testing

@testable import KubeMint

/// Issue 16, item 3: `cloud.env` is sourced by `sh`, and its values come from annotations any
/// client may write. Plain values stay bare (the README's file is unchanged); anything else is
/// single-quoted; control characters are refused.
@Suite struct CloudEnvironmentTests {
    @Test func plainValuesStayBare() {
        for value in [
            "arn:aws:iam::111122223333:role/web", "https://login.microsoftonline.com/", "/tmp/k/a-b_c.d/token",
        ] {
            #expect(CloudEnvironment.shellQuoted(value) == value)
        }
    }

    @Test func everythingElseIsSingleQuoted() {
        #expect(CloudEnvironment.shellQuoted("") == "''")
        #expect(CloudEnvironment.shellQuoted("$(touch /tmp/pwned)") == "'$(touch /tmp/pwned)'")
        #expect(CloudEnvironment.shellQuoted("a b") == "'a b'")
        #expect(CloudEnvironment.shellQuoted("it's") == "'it'\\''s'")
        #expect(CloudEnvironment.shellQuoted("`id`;x=1") == "'`id`;x=1'")
        #expect(CloudEnvironment.shellQuoted("~root") == "'~root'")
        #expect(
            CloudEnvironment.render([("AWS_ROLE_ARN", "x'; id; '"), ("BAD NAME", "v")])
                == "AWS_ROLE_ARN='x'\\''; id; '\\'''\n")
    }

    @Test func annotationsWithControlCharactersAreLeftOut() {
        let pod: JSONObject = [
            "metadata": ["annotations": ["eks.amazonaws.com/role-arn": "arn:x\nEVIL=1"]]
        ]
        let account: JSONObject = ["metadata": ["annotations": ["azure.workload.identity/client-id": "id\u{0}"]]]
        let tokens: [(audience: String?, path: String)] = [
            ("sts.amazonaws.com", "/k/aws/token"), ("api://AzureADTokenExchange", "/k/azure/token"),
        ]
        let variables = CloudEnvironment.variables(tokens: tokens, pod: pod, serviceAccount: account)
        #expect(
            variables.map(\.0) == ["AWS_WEB_IDENTITY_TOKEN_FILE", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST"])
        #expect(
            CloudEnvironment.unusableAnnotations(pod: pod, serviceAccount: account) == [
                "eks.amazonaws.com/role-arn on the pod", "azure.workload.identity/client-id on the service account",
            ])
    }

    @Test func logTextEscapesControlCharacters() {
        #expect(LogText.escaped("plain \\ text é") == "plain \\ text é")
        #expect(
            LogText.escaped("a\nfake line\r\t\u{0}\u{1b}[31m\u{7f}\u{85}\u{2028}")
                == "a\\nfake line\\r\\t\\x00\\x1b[31m\\x7f\\u{85}\\u{2028}")
    }
}
