"""The web console at /kubemint/ (issue 9) in a real browser: Debian's headless Chromium, driven by
Selenium through Debian's chromedriver (no downloads). A test mints a token through the form,
decodes it, reviews it, deletes the bound pod and reviews again, then saves a full-page screenshot
to $KUBEMINT_ARTIFACTS/console.png (default: artifacts/ at the repository root, gitignored).
The browser log must hold no errors and no Content-Security-Policy violations.

Needs `apt-get install chromium chromium-driver` (.ci/run installs them). Without them the tests
skip on a workstation and FAIL under CI=true."""

from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path

import pytest
import requests

from interop_helpers import require
from kubemint_server import Server, start_server

pytestmark = [pytest.mark.server]

REPO = Path(__file__).resolve().parents[2]
WAIT = 15.0


def artifacts_dir() -> Path:
    d = Path(os.environ.get("KUBEMINT_ARTIFACTS") or REPO / "artifacts")
    d.mkdir(parents=True, exist_ok=True)
    return d


def chromium_paths() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    missing = " and ".join(n for n, p in [("chromium", chromium), ("chromedriver", driver)] if not p)
    require(chromium and driver, missing, "the console browser test needs Debian's chromium and "
            "chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)")
    assert chromium and driver
    return chromium, driver


@pytest.fixture
def browser(tmp_path):
    chromium, chromedriver = chromium_paths()
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never try to download
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver,
                                              log_output=str(tmp_path / "chromedriver.log")),
                              options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


# ---- helpers -----------------------------------------------------------------------------------

def api(server: Server, method: str, path: str, body=None) -> requests.Response:
    return requests.request(method, server.url + path, json=body, verify=server.ca, headers=server.headers,
                            timeout=10)


def wait_for(driver, condition, what: str):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait
    try:
        return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(lambda d: condition(d))
    except TimeoutException:
        raise AssertionError(f"timed out waiting for {what}; browser log: {driver.get_log('browser')}") from None


def by_id(driver, element_id: str):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.ID, element_id)


def text(driver, element_id: str) -> str:
    return by_id(driver, element_id).text


def fill(driver, element_id: str, value: str):
    field = by_id(driver, element_id)
    field.clear()
    if value:
        # send_keys of a 1000-character token is slow; set the value and fire `input` like typing does.
        driver.execute_script("arguments[0].value = arguments[1];"
                              "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, value)


def click(driver, css: str):
    from selenium.webdriver.common.by import By
    element = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def claim_shown(driver, label: str) -> str:
    from selenium.webdriver.common.by import By
    return driver.find_element(By.CSS_SELECTOR, f'#decoder-identity dd[data-claim="{label}"]').text


def open_console(driver, server: Server):
    driver.get(server.url + "/kubemint")  # the bare path redirects to /kubemint/
    wait_for(driver, lambda d: d.find_element("tag name", "body").get_attribute("data-loaded") == "true",
             "the console to load")
    assert driver.current_url == server.url + "/kubemint/"
    assert driver.title == "kubemint console"


def jwt_part(token: str, index: int) -> dict:
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def problems(log: list[dict], allowed: tuple[str, ...] = ()) -> list[dict]:
    """Errors and CSP reports in a browser log, minus messages containing an allowed fragment."""
    return [e for e in log
            if (e["level"] == "SEVERE" or "Content Security Policy" in e["message"])
            and not any(a in e["message"] for a in allowed)]


def screenshot(driver, name: str, capsys) -> Path:
    """A full-page PNG (the whole document, not just the 1280×900 viewport)."""
    driver.execute_script("window.scrollTo(0, 0);")
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    path = artifacts_dir() / name
    path.write_bytes(base64.b64decode(shot["data"]))
    with capsys.disabled():
        print(f"\nconsole screenshot: {path}")
    return path


# ---- tests -------------------------------------------------------------------------------------

def test_console_mints_decodes_and_reviews_a_token(kubemint_bin, tmp_path, browser, capsys):
    s = start_server(kubemint_bin, tmp_path / "srv")
    try:
        assert api(s, "POST", "/api/v1/namespaces/default/serviceaccounts", {"metadata": {"name": "web"}}).ok
        pod = api(s, "POST", "/api/v1/namespaces/default/pods",
                  {"metadata": {"name": "web-0"}, "spec": {"serviceAccountName": "web",
                                                            "containers": [{"name": "app", "image": "nginx"}]}}).json()
        sa = api(s, "GET", "/api/v1/namespaces/default/serviceaccounts/web").json()
        discovery = api(s, "GET", "/.well-known/openid-configuration").json()
        keys = api(s, "GET", "/kubemint/v1/keys").json()["keys"]
        signing_kid = next(k["kid"] for k in keys if k["signing"])

        # The first paint (the page before its script ran) says it is loading, not `… …` and empty tables.
        browser.execute_cdp_cmd("Network.enable", {})
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/kubemint/console.js"]})
        browser.get(s.url + "/kubemint/")
        for element_id in ["issuer-url", "issuer-algs", "clock-now"]:
            assert text(browser, element_id) == "loading…", element_id
        for body in ["keys-body", "sa-body", "pod-body"]:
            assert text(browser, body) == "loading…", body
        assert "…" not in text(browser, "issuer").replace("loading…", "")
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        blocked = browser.get_log("browser")  # read (and so cleared): only the blocked script
        assert problems(blocked, allowed=("console.js - Failed to load resource",)) == [], blocked

        open_console(browser, s)

        # Issuer, discovery, JWKS and kubemint's clock; discovery and JWKS are both links.
        assert text(browser, "issuer-url") == discovery["issuer"]
        assert text(browser, "jwks-url") == discovery["jwks_uri"]
        assert by_id(browser, "jwks-url").tag_name == "a"
        assert by_id(browser, "jwks-url").get_attribute("href") == s.url + "/openid/v1/jwks"
        assert by_id(browser, "discovery-url").tag_name == "a"
        assert "loading" not in text(browser, "issuer") + text(browser, "keys-body")
        assert text(browser, "discovery-url") == s.url + "/.well-known/openid-configuration"
        assert text(browser, "clock-mode") == "real"
        # Keys: the signing kid with its algorithm and role.
        rows = [r.text for r in by_id(browser, "keys-body").find_elements("tag name", "tr")]
        assert any(signing_kid in r and "RS256" in r and "signs" in r for r in rows), rows
        # Objects with their UIDs.
        wait_for(browser, lambda d: "web-0" in text(d, "pod-body"), "the pod list")
        assert sa["metadata"]["uid"] in text(browser, "sa-body")
        assert pod["metadata"]["uid"] in text(browser, "pod-body")
        # Its phase and the volume ServiceAccount admission injected (issue 20).
        injected = next(v["name"] for v in pod["spec"]["volumes"] if v["name"].startswith("kube-api-access-"))
        # (the fake scheduler may have started it by now: Pending, or Running on its node).
        shown = text(browser, "pod-body")
        assert injected in shown and ("Pending" in shown or "Running on kubemint-node-0" in shown), shown

        # Mint a pod-bound token through the form ("Mint bound" fills namespace, SA and pod).
        click(browser, 'button[aria-label="Mint a token bound to pod web-0"]')
        assert by_id(browser, "mint-sa").get_attribute("value") == "web"
        fill(browser, "mint-aud", "vault")
        fill(browser, "mint-exp", "3600")
        click(browser, "#mint-submit")
        wait_for(browser, lambda d: by_id(d, "mint-result").is_displayed(), "the minted token")
        token = by_id(browser, "mint-token").get_attribute("value")
        claims = jwt_part(token, 1)
        assert claims["sub"] == "system:serviceaccount:default:web"
        assert claims["kubernetes.io"]["pod"]["uid"] == pod["metadata"]["uid"]
        assert jwt_part(token, 0)["kid"] == signing_kid

        # Decode it in the page.
        click(browser, "#mint-to-decoder")
        wait_for(browser, lambda d: by_id(d, "decoder-output").is_displayed(), "the decoded token")
        assert claim_shown(browser, "sub") == "system:serviceaccount:default:web"
        assert claim_shown(browser, "aud") == "vault"
        assert claim_shown(browser, "pod") == "web-0"
        assert claim_shown(browser, "pod uid") == pod["metadata"]["uid"]
        assert claim_shown(browser, "service account uid") == sa["metadata"]["uid"]
        assert claim_shown(browser, "kid") == f"{signing_kid} — this kubemint's signing key"
        assert json.loads(text(browser, "decoder-claims")) == claims
        assert text(browser, "decoder-status").startswith("Valid: expires in 59m") \
            or text(browser, "decoder-status").startswith("Valid: expires in 1h"), text(browser, "decoder-status")
        times = text(browser, "decoder-times")
        for name in ["iat", "nbf", "exp"]:
            assert f"\n{name} " in "\n" + times, times

        # Review it: authenticated, as the service account, for the audience.
        click(browser, "#mint-to-review")
        assert by_id(browser, "review-aud").get_attribute("value") == "vault"
        click(browser, "#review-submit")
        wait_for(browser, lambda d: by_id(d, "review-result").is_displayed(), "the TokenReview answer")
        assert text(browser, "review-verdict") == "authenticated: true"
        facts = text(browser, "review-facts")
        assert "system:serviceaccount:default:web" in facts and "vault" in facts, facts
        assert not by_id(browser, "review-error-box").is_displayed()

        # Delete the pod the token is bound to: the same review now fails, in the apiserver's words
        # and in plain ones.
        # Grace period 0: gone at once, not after the pod's 30 s (docs/kubernetes-behaviour.md §19.3).
        assert api(s, "DELETE", "/api/v1/namespaces/default/pods/web-0?gracePeriodSeconds=0").ok
        click(browser, "#review-submit")
        wait_for(browser, lambda d: text(d, "review-verdict") == "authenticated: false", "the failed review")
        assert text(browser, "review-error") == "[invalid bearer token, service account token has been invalidated]"
        explanation = text(browser, "review-explanation")
        assert "The pod web-0 this token is bound to no longer exists" in explanation, explanation

        # A failed TokenRequest shows the Status as kubemint sent it.
        expected = api(s, "POST", "/api/v1/namespaces/default/serviceaccounts/ghost/token", {"spec": {}}).json()
        fill(browser, "mint-sa", "ghost")
        fill(browser, "mint-aud", "")
        from selenium.webdriver.support.ui import Select
        Select(by_id(browser, "mint-kind")).select_by_value("")
        click(browser, "#mint-submit")
        wait_for(browser, lambda d: by_id(d, "mint-error").is_displayed(), "the TokenRequest error")
        assert text(browser, "mint-error") == f"404 NotFound: {expected['message']}"

        # The decoder explains input that is not a token, then shows the token again for the screenshot.
        fill(browser, "decoder-input", "not.a-token")
        assert text(browser, "decoder-error").startswith("Not a JWT: a signed token has three parts"), \
            text(browser, "decoder-error")
        fill(browser, "decoder-input", "%" + token)
        assert "not base64url" in text(browser, "decoder-error"), text(browser, "decoder-error")
        fill(browser, "decoder-input", token)
        wait_for(browser, lambda d: by_id(d, "decoder-output").is_displayed(), "the decoded token again")

        log = browser.get_log("browser")
        # The one error: Chromium logs the ghost TokenRequest's 404 as a failed load.
        assert problems(log, allowed=("serviceaccounts/ghost/token - Failed to load resource: the server "
                                      "responded with a status of 404",)) == [], log
        assert len(problems(log)) == 1, log
        path = screenshot(browser, "console.png", capsys)
        assert path.stat().st_size > 10_000
    finally:
        s.stop()


def test_console_under_auth_token_asks_for_and_uses_the_admin_token(kubemint_bin, tmp_path, browser, capsys):
    s = start_server(kubemint_bin, tmp_path / "auth", "--auth", "token", "--clock", "fixed:2030-01-01T00:00:00Z")
    admin = s.headers["Authorization"].split(" ", 1)[1]
    try:
        assert requests.get(s.url + "/kubemint/v1/keys", verify=s.ca, timeout=10).status_code == 401
        open_console(browser, s)
        # Without a token: the page says where to find one and shows the 401 Status as it came.
        assert by_id(browser, "auth-hint").is_displayed()
        # ... naming the kubeconfig this server wrote, not the default name.
        hint = text(browser, "auth-hint")
        assert f"{s.kubeconfig} that this server wrote" in hint, hint
        assert "by default" not in hint, hint
        assert text(browser, "keys-error") == "401 Unauthorized: Unauthorized"
        early = browser.get_log("browser")
        # The only errors so far are the API's own 401 answers (Chromium logs every failed fetch).
        assert problems(early, allowed=("status of 401",)) == [], early

        fill(browser, "auth-token", admin)
        click(browser, "#auth-form button[type=submit]")
        wait_for(browser, lambda d: "signs" in text(d, "keys-body"), "the keys after entering the token")
        assert not by_id(browser, "auth-hint").is_displayed()
        assert text(browser, "auth-state") == "token set"
        assert not by_id(browser, "keys-error").is_displayed()
        assert browser.execute_script("return sessionStorage.getItem('kubemint.console.token')") == admin

        click(browser, "#mint-submit")  # default/default, the API audiences
        wait_for(browser, lambda d: by_id(d, "mint-result").is_displayed(), "the minted token")
        click(browser, "#mint-to-decoder")
        wait_for(browser, lambda d: by_id(d, "decoder-output").is_displayed(), "the decoded token")
        assert claim_shown(browser, "sub") == "system:serviceaccount:default:default"
        click(browser, "#mint-to-review")
        click(browser, "#review-submit")
        wait_for(browser, lambda d: by_id(d, "review-result").is_displayed(), "the TokenReview answer")
        assert text(browser, "review-verdict") == "authenticated: true"
        assert text(browser, "clock-now") == "2030-01-01T00:00:00Z"
        assert text(browser, "clock-mode") == "fixed"
        assert text(browser, "decoder-status") == "Valid: expires in 1h."

        # Move kubemint's clock (not the browser's): the timeline and the review follow it.
        assert api(s, "POST", "/kubemint/v1/clock", {"advance": "2h"}).ok
        click(browser, "#clock-refresh")
        wait_for(browser, lambda d: text(d, "clock-now") == "2030-01-01T02:00:00Z", "the moved clock")
        wait_for(browser, lambda d: text(d, "decoder-status") == "Expired 1h ago (kubemint's clock).",
                 "the decoder to count from kubemint's clock")
        assert "1h ago — expires" in text(browser, "decoder-times")
        click(browser, "#review-submit")
        wait_for(browser, lambda d: text(d, "review-verdict") == "authenticated: false", "the failed review")
        assert text(browser, "review-error") == "[invalid bearer token, service account token has expired]"
        assert text(browser, "review-explanation").startswith(
            "The token's exp lies more than 60 seconds in the past on kubemint's clock.")

        # A 3607-second pod-bound token is extended to a year (--extend-token-expiration): the timeline
        # shows kubernetes.io.warnafter, one hour and seven seconds after the (moved) clock.
        pod = api(s, "POST", "/api/v1/namespaces/default/pods",
                  {"metadata": {"name": "app-0"}, "spec": {"serviceAccountName": "default"}}).json()
        click(browser, "#objects-refresh")
        wait_for(browser, lambda d: "app-0" in text(d, "pod-body"), "the new pod")
        assert pod["metadata"]["uid"] in text(browser, "pod-body")
        click(browser, 'button[aria-label="Mint a token bound to pod app-0"]')
        fill(browser, "mint-exp", "3607")
        click(browser, "#mint-submit")
        # status.expirationTimestamp is the requested expiry, as on a real apiserver; exp is a year out.
        wait_for(browser, lambda d: text(d, "mint-expiry") == "expirationTimestamp 2030-01-01T03:00:07Z",
                 "the extended token")
        click(browser, "#mint-to-decoder")
        wait_for(browser, lambda d: claim_shown(d, "pod") == "app-0", "the extended token decoded")
        times = text(browser, "decoder-times")
        assert "kubernetes.io.warnafter 2030-01-01T03:00:07Z" in times, times
        assert "in 1h 7s — the kubelet refreshes before this" in times, times
        assert text(browser, "decoder-status") == "Valid: expires in 365d."
        assert "exp 2031-01-01T02:00:00Z" in times, times

        # Issue 21: a service account's bindings and the rules RBAC grants it (asked by impersonation).
        assert api(s, "POST", "/api/v1/namespaces/default/serviceaccounts", {"metadata": {"name": "reader"}}).ok
        assert api(s, "POST", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", {
            "metadata": {"name": "reader-view"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
            "subjects": [{"kind": "ServiceAccount", "name": "reader", "namespace": "default"}]}).ok
        click(browser, "#objects-refresh")
        wait_for(browser, lambda d: "reader" in text(d, "sa-body"), "the new service account")
        click(browser, 'button[aria-label="Show the bindings and permissions of reader"]')
        wait_for(browser, lambda d: "RoleBinding default/reader-view" in text(d, "perm-bindings"), "the bindings")
        bindings = text(browser, "perm-bindings")
        assert "ClusterRoleBinding system:basic-user" in bindings, bindings
        assert "ClusterRole/view" in bindings and "ServiceAccount reader" in bindings, bindings
        rules = text(browser, "perm-rules")
        assert "get, list, watch" in rules and "configmaps" in rules, rules
        assert "/openid/v1/jwks" in rules, rules

        late = browser.get_log("browser")
        assert problems(late) == [], late
        screenshot(browser, "console-auth-token.png", capsys)
    finally:
        s.stop()


def test_ci_profiles_in_the_console(browser, kubemint_bin, tmp_path):
    """With `--issuer-profile github-actions`, the console lists the profile's issuer, mints a token
    for the job claims in its form, and the decoder names the token's kind, repository and key."""
    server = start_server(kubemint_bin, tmp_path / "serve", "--issuer-profile", "github-actions")
    try:
        open_console(browser, server)
        wait_for(browser, lambda d: by_id(d, "ci").is_displayed(), "the CI section")
        assert f"{server.url}/github-actions" in text(browser, "ci-issuers")
        fill(browser, "ci-claims", "repository=acme/api\nenvironment=prod")
        fill(browser, "ci-aud", "sts.amazonaws.com")
        click(browser, "#ci-submit")
        wait_for(browser, lambda d: by_id(d, "ci-result").is_displayed(), "the CI token")
        token = by_id(browser, "ci-token").get_attribute("value")
        claims = jwt_part(token, 1)
        assert (claims["sub"], claims["aud"]) == ("repo:acme/api:environment:prod", "sts.amazonaws.com"), claims
        click(browser, "#ci-to-decoder")
        wait_for(browser, lambda d: by_id(d, "decoder-output").is_displayed(), "the decoder")
        assert claim_shown(browser, "repository") == "acme/api"
        assert claim_shown(browser, "environment") == "prod"
        assert "a key of the github-actions issuer (signing)" in claim_shown(browser, "kid")
        assert "github-actions ID token" in text(browser, "decoder-identity")
        # A job without a repository: the server's 400, shown in the section.
        fill(browser, "ci-claims", "ref=refs/heads/main")
        click(browser, "#ci-submit")
        wait_for(browser, lambda d: by_id(d, "ci-error").is_displayed(), "the CI error")
        assert "needs the repository" in text(browser, "ci-error")
        assert problems(browser.get_log("browser"), allowed=("400 (Bad Request)",)) == []
    finally:
        server.stop()
