"""Issue 3, "Done when": the official Python `kubernetes` client, configured from the kubeconfig
`kubemint serve` writes, runs the whole bound-token lifecycle against it — TokenRequest bound to a
pod, TokenReview with the right user/groups/extra, invalidation when the pod or the service account
is deleted or recreated, the apiserver's 422 for expirationSeconds 599, audience mismatch.
Every string is the apiserver's (docs/kubernetes-behaviour.md §4.3, §5.2, §5.4, §6)."""

from __future__ import annotations

import json
import uuid

import pytest

from kubemint_server import start_server


from kubernetes import client as k8s  # noqa: E402
from kubernetes import config as k8s_config  # noqa: E402
from kubernetes.client.rest import ApiException  # noqa: E402

from interop_helpers import UUID_RE, run, split_jws  # noqa: E402

pytestmark = pytest.mark.server

INVALIDATED = "[invalid bearer token, service account token has been invalidated]"


@pytest.fixture(scope="module", params=["http", "tls"])
def server(request, kubemint_bin, tmp_path_factory):
    # --nodes 0: pods stay as created, so the claims below are exactly those of an unscheduled pod
    # (scheduling and its node claim: test_nodes_and_lifecycle.py).
    s = start_server(kubemint_bin, tmp_path_factory.mktemp(f"serve-{request.param}"), "--nodes", "0",
                     tls=request.param == "tls")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def api(server):
    api_client = k8s_config.new_client_from_config(config_file=str(server.kubeconfig))
    yield api_client
    api_client.close()


@pytest.fixture
def core(api):
    return k8s.CoreV1Api(api)


@pytest.fixture
def authn(api):
    return k8s.AuthenticationV1Api(api)


@pytest.fixture
def ns(core):
    name = f"it-{uuid.uuid4().hex[:8]}"
    core.create_namespace(k8s.V1Namespace(metadata=k8s.V1ObjectMeta(name=name)))
    return name


# --- helpers ------------------------------------------------------------------------------------------

def create_sa(core, ns, name):
    sa = core.create_namespaced_service_account(
        ns, k8s.V1ServiceAccount(metadata=k8s.V1ObjectMeta(name=name)))
    assert UUID_RE.match(sa.metadata.uid), sa.metadata.uid
    return sa


def create_pod(core, ns, name, sa, node_name=None):
    pod = core.create_namespaced_pod(ns, k8s.V1Pod(
        metadata=k8s.V1ObjectMeta(name=name),
        spec=k8s.V1PodSpec(service_account_name=sa, node_name=node_name,
                           containers=[k8s.V1Container(name="app", image="nginx")])))
    assert UUID_RE.match(pod.metadata.uid), pod.metadata.uid
    return pod


def request_token(core, ns, sa, audiences, seconds=3600, bound=None):
    ref = None
    if bound is not None:
        ref = k8s.V1BoundObjectReference(api_version="v1", kind=bound.kind,
                                         name=bound.metadata.name, uid=bound.metadata.uid)
    tr = core.create_namespaced_service_account_token(sa, ns, k8s.AuthenticationV1TokenRequest(
        api_version="authentication.k8s.io/v1", kind="TokenRequest",
        spec=k8s.V1TokenRequestSpec(audiences=audiences, expiration_seconds=seconds,
                                    bound_object_ref=ref)))
    return tr


def review(authn, token, audiences):
    r = authn.create_token_review(k8s.V1TokenReview(
        api_version="authentication.k8s.io/v1", kind="TokenReview",
        spec=k8s.V1TokenReviewSpec(token=token, audiences=audiences)))
    assert r.spec.token == token  # the request is echoed back
    return r.status


def assert_rejected(status, error):
    assert not status.authenticated, status
    assert status.error == error


def groups(ns):
    return ["system:serviceaccounts", f"system:serviceaccounts:{ns}", "system:authenticated"]


def api_error(exc: ApiException) -> dict:
    return json.loads(exc.body)


# --- the lifecycle ------------------------------------------------------------------------------------

def test_pod_bound_token_lifecycle(core, authn, ns):
    sa = create_sa(core, ns, "web")
    pod = create_pod(core, ns, "web-0", "web")
    pod.kind = "Pod"

    tr = request_token(core, ns, "web", ["vault"], 3600, bound=pod)
    assert tr.spec.audiences == ["vault"]
    assert tr.spec.expiration_seconds == 3600
    claims = split_jws(tr.status.token).payload
    assert claims["aud"] == ["vault"]
    assert claims["exp"] - claims["iat"] == 3600
    assert claims["kubernetes.io"] == {
        "namespace": ns,
        "pod": {"name": "web-0", "uid": pod.metadata.uid},
        "serviceaccount": {"name": "web", "uid": sa.metadata.uid},
    }
    assert int(tr.status.expiration_timestamp.timestamp()) == claims["exp"]

    st = review(authn, tr.status.token, ["vault"])
    assert st.authenticated is True, st.error
    assert st.error in (None, "")
    assert st.audiences == ["vault"]
    assert st.user.username == f"system:serviceaccount:{ns}:web"
    assert st.user.uid == sa.metadata.uid
    assert st.user.groups == groups(ns)
    assert st.user.extra == {
        "authentication.kubernetes.io/credential-id": [f"JTI={claims['jti']}"],
        "authentication.kubernetes.io/pod-name": ["web-0"],
        "authentication.kubernetes.io/pod-uid": [pod.metadata.uid],
    }

    # Pod deleted -> the token is invalidated.
    core.delete_namespaced_pod("web-0", ns, grace_period_seconds=0)
    assert_rejected(review(authn, tr.status.token, ["vault"]), INVALIDATED)

    # Pod recreated with the same name -> the old token names both UIDs; a new token works.
    pod2 = create_pod(core, ns, "web-0", "web")
    pod2.kind = "Pod"
    assert pod2.metadata.uid != pod.metadata.uid
    assert_rejected(review(authn, tr.status.token, ["vault"]),
                    f"[invalid bearer token, pod UID ({pod2.metadata.uid}) does not match "
                    f"service account pod ref claim ({pod.metadata.uid})]")
    tr2 = request_token(core, ns, "web", ["vault"], 3600, bound=pod2)
    st2 = review(authn, tr2.status.token, ["vault"])
    assert st2.authenticated is True, st2.error
    assert st2.user.extra["authentication.kubernetes.io/pod-uid"] == [pod2.metadata.uid]


def test_service_account_deleted_and_recreated(core, authn, ns):
    sa = create_sa(core, ns, "robot")
    tr = request_token(core, ns, "robot", ["vault"])
    st = review(authn, tr.status.token, ["vault"])
    assert st.authenticated is True, st.error
    assert st.user.uid == sa.metadata.uid
    # unbound token with a jti: only the credential-id extra
    jti = split_jws(tr.status.token).payload["jti"]
    assert st.user.extra == {"authentication.kubernetes.io/credential-id": [f"JTI={jti}"]}

    core.delete_namespaced_service_account("robot", ns)
    assert_rejected(review(authn, tr.status.token, ["vault"]),
                    '[invalid bearer token, serviceaccounts "robot" not found]')

    sa2 = create_sa(core, ns, "robot")
    assert sa2.metadata.uid != sa.metadata.uid
    assert_rejected(review(authn, tr.status.token, ["vault"]),
                    f"[invalid bearer token, service account UID ({sa2.metadata.uid}) "
                    f"does not match claim ({sa.metadata.uid})]")
    tr2 = request_token(core, ns, "robot", ["vault"])
    st2 = review(authn, tr2.status.token, ["vault"])
    assert st2.authenticated is True, st2.error
    assert st2.user.uid == sa2.metadata.uid


def test_pod_on_a_node_adds_node_claim_and_extra(core, authn):
    node = core.create_node(k8s.V1Node(metadata=k8s.V1ObjectMeta(name=f"node-{uuid.uuid4().hex[:6]}")))
    ns = f"it-{uuid.uuid4().hex[:8]}"
    core.create_namespace(k8s.V1Namespace(metadata=k8s.V1ObjectMeta(name=ns)))
    create_sa(core, ns, "web")
    pod = create_pod(core, ns, "web-0", "web", node_name=node.metadata.name)
    pod.kind = "Pod"
    tr = request_token(core, ns, "web", ["vault"], bound=pod)
    claims = split_jws(tr.status.token).payload
    assert claims["kubernetes.io"]["node"] == {"name": node.metadata.name, "uid": node.metadata.uid}
    st = review(authn, tr.status.token, ["vault"])
    assert st.authenticated is True, st.error
    assert st.user.extra["authentication.kubernetes.io/node-name"] == [node.metadata.name]
    assert st.user.extra["authentication.kubernetes.io/node-uid"] == [node.metadata.uid]


def test_expiration_599_is_the_apiservers_422(core, ns):
    create_sa(core, ns, "web")
    with pytest.raises(ApiException) as e:
        request_token(core, ns, "web", ["vault"], 599)
    assert e.value.status == 422
    body = api_error(e.value)
    assert (body["kind"], body["status"], body["reason"], body["code"]) == \
        ("Status", "Failure", "Invalid", 422)
    assert body["message"] == ('TokenRequest.authentication.k8s.io "" is invalid: '
                               'spec.expirationSeconds: Invalid value: 599: '
                               'may not specify a duration less than 10 minutes')


def test_token_request_for_missing_service_account_is_404(core, ns):
    with pytest.raises(ApiException) as e:
        request_token(core, ns, "nope", ["vault"])
    assert e.value.status == 404
    body = api_error(e.value)
    assert body["reason"] == "NotFound"
    assert body["message"] == 'serviceaccounts "nope" not found'


def test_audience_mismatch_is_not_authenticated(core, authn, ns):
    create_sa(core, ns, "web")
    tr = request_token(core, ns, "web", ["vault"])
    assert_rejected(review(authn, tr.status.token, ["other"]),
                    '[invalid bearer token, token audiences ["vault"] is invalid for the '
                    'target audiences ["other"]]')


def test_default_audiences_are_the_issuer(server, core, authn, ns):
    create_sa(core, ns, "web")
    tr = request_token(core, ns, "web", [])
    issuer = server.get("/.well-known/openid-configuration").json()["issuer"]
    claims = split_jws(tr.status.token).payload
    assert claims["aud"] == [issuer]
    assert claims["iss"] == issuer
    st = review(authn, tr.status.token, [])
    assert st.authenticated is True, st.error
    assert st.audiences == [issuer]


def test_garbage_token_is_invalid_bearer_token(authn):
    assert_rejected(review(authn, "not-a-jwt", ["vault"]), "invalid bearer token")


def test_kubemint_create_token_through_the_kubeconfig(server, core, authn, ns, kubemint_bin):
    """`kubemint create token --kubeconfig` goes through TokenRequest on the running server."""
    sa = create_sa(core, ns, "web")
    p = run([kubemint_bin, "create", "token", "web", "-n", ns, "--audience", "vault",
             "--kubeconfig", server.kubeconfig], cwd=server.dir)
    token = p.stdout.strip()
    st = review(authn, token, ["vault"])
    assert st.authenticated is True, st.error
    assert st.user.uid == sa.metadata.uid
