// Fuzz target: the Kubernetes protobuf decoder (envelope and schemas), against every kind an
// endpoint takes and without one. Any bytes decode to JSON or throw a 400-mapped error.
import FuzzSupport
import KubeMint

let kinds = KubeProtobuf.supportedKinds.sorted { $0.description < $1.description }

Fuzz.run { body in
    do throws(KubeProtobufError) {
        _ = try KubeProtobuf.decode(body).jsonString
    } catch {
        _ = error.kubeError(expecting: "Unknown").message
    }
    for kind in kinds {
        do throws(KubeError) {
            _ = try KubeProtobuf.decodeRequest(body, expecting: kind).jsonString
        } catch {
            if error.code != 400 { Fuzz.fail("protobuf refusal with code \(error.code): \(error.message)") }
        }
    }
}
