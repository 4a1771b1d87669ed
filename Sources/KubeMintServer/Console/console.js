// kubemint console: plain JavaScript, no dependencies. Every action is a call to kubemint's HTTP
// API (the same paths kubectl and client libraries use); the page itself holds no data.
"use strict";

// The only API paths the console calls, with their methods ({ns} and {name} are filled in).
// A Swift test (ConsoleTests) checks that kubemint answers each of them.
// API-PATHS-BEGIN
const API = {
  discovery: ["GET", "/.well-known/openid-configuration"],
  jwks: ["GET", "/openid/v1/jwks"],
  clock: ["GET", "/kubemint/v1/clock"],
  keys: ["GET", "/kubemint/v1/keys"],
  namespaces: ["GET", "/api/v1/namespaces"],
  serviceAccounts: ["GET", "/api/v1/namespaces/{ns}/serviceaccounts"],
  pods: ["GET", "/api/v1/namespaces/{ns}/pods"],
  tokenRequest: ["POST", "/api/v1/namespaces/{ns}/serviceaccounts/{name}/token"],
  tokenReview: ["POST", "/apis/authentication.k8s.io/v1/tokenreviews"],
  clusterRoleBindings: ["GET", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings"],
  roleBindings: ["GET", "/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings"],
  rulesReview: ["POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews"],
  ciIssuers: ["GET", "/kubemint/v1/ci"],
  ciToken: ["POST", "/kubemint/v1/ci/{name}/token"],
};
// API-PATHS-END

const TOKEN_KEY = "kubemint.console.token";
const $ = (id) => document.getElementById(id);

// ---- state ---------------------------------------------------------------------------------------
const state = {
  clock: null,      // {unix, mode, fetchedAt (ms, browser clock)}
  keys: [],         // [{kid, alg, signing}]
  objects: { sa: [], pods: [] },
  ci: [],           // [{name, issuer, discovery, jwks, signingKey, keys}]
};

// ---- HTTP ----------------------------------------------------------------------------------------

/** An error carrying the Kubernetes Status (or the raw text) the API answered. */
class APIError extends Error {
  constructor(status, body, text) {
    const message = body && body.kind === "Status"
      ? `${status} ${body.reason || ""}: ${body.message || "(no message)"}`
      : `${status}: ${text.trim() || "(empty body)"}`;
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** Call one entry of API; returns the parsed JSON or throws APIError. */
async function call(entry, params = {}, body = undefined, extraHeaders = {}) {
  const [method, template] = API[entry];
  const path = template.replace(/\{(\w+)\}/g, (_, key) => encodeURIComponent(params[key] || ""));
  const headers = { Accept: "application/json", ...extraHeaders };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store", credentials: "omit",
    });
  } catch (e) {
    throw new APIError(0, null, `kubemint is not reachable (${e.message})`);
  }
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch (_) { /* not JSON: keep the text */ }
  if (response.status === 401) showAuthHint(true);
  if (!response.ok) throw new APIError(response.status, json, text);
  return json;
}

function showError(id, error) {
  const el = $(id);
  if (!error) { el.hidden = true; el.textContent = ""; return; }
  el.hidden = false;
  el.textContent = error.message || String(error);
}

// ---- small helpers -------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function setRows(tbody, rows, columns, emptyText) {
  tbody.replaceChildren();
  if (rows.length === 0) {
    tbody.append(el("tr", {}, el("td", { class: "empty", colspan: String(columns), text: emptyText })));
    return;
  }
  for (const cells of rows) tbody.append(el("tr", {}, ...cells));
}

function splitList(text) {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

/** kubemint's clock now, in Unix seconds (ticks with the browser unless the clock is fixed). */
function kubemintNow() {
  if (!state.clock) return Date.now() / 1000;
  if (state.clock.mode === "fixed") return state.clock.unix;
  // `unix` is whole seconds (rounded down): add half a second, the expected lost fraction.
  return state.clock.unix + 0.5 + (Date.now() - state.clock.fetchedAt) / 1000;
}

function rfc3339(seconds) {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** "1h 2m 3s" for a number of seconds (sign ignored). */
function span(seconds) {
  let s = Math.round(Math.abs(seconds));
  const parts = [];
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]]) {
    if (s >= size) { parts.push(`${Math.floor(s / size)}${unit}`); s %= size; }
  }
  if (s || parts.length === 0) parts.push(`${s}s`);
  return parts.slice(0, 2).join(" ");
}

function relative(seconds, now) {
  const d = seconds - now;
  if (Math.abs(d) < 1) return "now";
  return d > 0 ? `in ${span(d)}` : `${span(d)} ago`;
}

// ---- auth ----------------------------------------------------------------------------------------

function showAuthHint(needed) {
  $("auth-hint").hidden = !needed;
}

/** Name the kubeconfig this server wrote (the page's kubemint-kubeconfig meta tag) in the hint. */
function renderKubeconfigPath() {
  const meta = document.querySelector('meta[name="kubemint-kubeconfig"]');
  const path = meta && meta.content;
  if (!path) return;
  $("auth-kubeconfig").replaceChildren(el("code", { text: path }), " that this server wrote");
}

function renderAuthState() {
  const has = !!sessionStorage.getItem(TOKEN_KEY);
  const pill = $("auth-state");
  pill.textContent = has ? "token set" : "no token";
  pill.className = has ? "pill ok" : "pill";
}

function setupAuth() {
  $("auth-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = $("auth-token").value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
    $("auth-token").value = "";
    $("auth-hint").hidden = true;
    renderAuthState();
    loadAll();
  });
  $("auth-forget").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    renderAuthState();
    loadAll();
  });
  renderAuthState();
}

// ---- issuer and clock ----------------------------------------------------------------------------

async function loadIssuer() {
  try {
    const doc = await call("discovery");
    $("issuer-url").textContent = doc.issuer;
    $("issuer-url").classList.remove("loading");
    // Shown as discovery publishes it; the link stays on this origin (where the page was loaded).
    $("jwks-url").textContent = doc.jwks_uri;
    $("issuer-algs").textContent = (doc.id_token_signing_alg_values_supported || []).join(", ");
    $("issuer-algs").classList.remove("loading");
    const discovery = $("discovery-url");
    discovery.textContent = new URL("/.well-known/openid-configuration", location.href).href;
    showError("issuer-error", null);
  } catch (e) {
    for (const id of ["issuer-url", "issuer-algs"]) {
      if ($(id).classList.contains("loading")) { $(id).textContent = "not loaded"; $(id).classList.remove("loading"); }
    }
    showError("issuer-error", e);
  }
  await loadClock();
}

async function loadClock() {
  try {
    const clock = await call("clock");
    state.clock = { unix: Number(clock.unix), mode: clock.mode, offset: clock.offsetSeconds, fetchedAt: Date.now() };
    renderClock();
  } catch (e) {
    state.clock = null;
    $("clock-now").textContent = "unknown (" + e.message + ")";
    $("clock-now").classList.remove("loading");
    $("clock-mode").textContent = "browser clock used";
    $("clock-mode").hidden = false;
  }
}

function renderClock() {
  if (!state.clock) return;
  $("clock-now").textContent = rfc3339(Math.floor(kubemintNow()));
  $("clock-now").classList.remove("loading");
  $("clock-mode").hidden = false;
  const mode = state.clock.mode;
  const label = mode === "offset" ? `offset ${state.clock.offset >= 0 ? "+" : "-"}${span(state.clock.offset)}` : mode;
  $("clock-mode").textContent = label;
  $("clock-mode").className = mode === "real" ? "pill ok" : "pill warn";
}

// ---- keys ----------------------------------------------------------------------------------------

async function loadKeys() {
  try {
    const list = await call("keys");
    state.keys = list.keys || [];
    setRows($("keys-body"), state.keys.map((k) => [
      el("td", { class: "mono", text: k.kid }),
      el("td", { text: k.alg }),
      el("td", { text: k.type ? `${k.type} ${k.bits || ""}`.trim() : "" }),
      el("td", {}, el("span", { class: k.signing ? "pill ok" : "pill", text: k.signing ? "signs" : "verifies only" })),
    ]), 4, "no keys");
    showError("keys-error", null);
  } catch (e) {
    // Without the control API, fall back to the public JWKS (no signing flag there).
    try {
      const jwks = await call("jwks");
      state.keys = (jwks.keys || []).map((k) => ({ kid: k.kid, alg: k.alg, signing: null }));
      setRows($("keys-body"), state.keys.map((k) => [
        el("td", { class: "mono", text: k.kid }), el("td", { text: k.alg }), el("td", { text: "" }),
        el("td", { class: "muted", text: "unknown" }),
      ]), 4, "no keys");
    } catch (_) {
      setRows($("keys-body"), [], 4, "not loaded");  // keep the first error
    }
    showError("keys-error", e);
  }
}

// ---- namespaces, service accounts, pods ----------------------------------------------------------

// A pod's phase (Terminating while its deletion waits) and the node it is bound to, if any.
function podStatus(pod) {
  const phase = pod.metadata.deletionTimestamp ? "Terminating" : ((pod.status && pod.status.phase) || "Pending");
  const node = pod.spec && pod.spec.nodeName;
  return node ? `${phase} on ${node}` : phase;
}

async function loadNamespaces() {
  const select = $("ns-select");
  const previous = select.value || "default";
  try {
    const list = await call("namespaces");
    const items = list.items || [];
    select.replaceChildren(...items.map((ns) => el("option", { value: ns.metadata.name, text: ns.metadata.name })));
    const names = items.map((ns) => ns.metadata.name);
    select.value = names.includes(previous) ? previous : (names[0] || "");
    state.namespaces = items;
    showError("objects-error", null);
    await loadNamespace();
  } catch (e) {
    setRows($("sa-body"), [], 3, "not loaded");
    setRows($("pod-body"), [], 6, "not loaded");
    showError("objects-error", e);
  }
}

async function loadNamespace() {
  const ns = $("ns-select").value;
  const nsObject = (state.namespaces || []).find((n) => n.metadata.name === ns);
  $("ns-uid").textContent = nsObject ? `uid ${nsObject.metadata.uid}` : "";
  if (!ns) {
    setRows($("sa-body"), [], 3, "no namespace");
    setRows($("pod-body"), [], 6, "no namespace");
    return;
  }
  try {
    const [accounts, pods] = await Promise.all([call("serviceAccounts", { ns }), call("pods", { ns })]);
    state.objects.sa = accounts.items || [];
    state.objects.pods = pods.items || [];
    setRows($("sa-body"), state.objects.sa.map((sa) => [
      el("td", { text: sa.metadata.name }),
      el("td", { class: "mono", text: sa.metadata.uid }),
      el("td", {}, el("button", {
        type: "button", class: "secondary small", text: "Mint",
        "aria-label": `Mint a token for ${sa.metadata.name}`,
        onclick: () => fillMint(ns, sa.metadata.name, "", ""),
      }), el("button", {
        type: "button", class: "secondary small", text: "Permissions",
        "aria-label": `Show the bindings and permissions of ${sa.metadata.name}`,
        onclick: () => loadPermissions(ns, sa.metadata.name),
      })),
    ]), 3, "no service accounts");
    setRows($("pod-body"), state.objects.pods.map((pod) => {
      const account = (pod.spec && pod.spec.serviceAccountName) || "default";
      // The volume ServiceAccount admission added (docs/kubernetes-behaviour.md §20.1), if any.
      const injected = ((pod.spec && pod.spec.volumes) || []).find((v) => v.name.startsWith("kube-api-access-"));
      return [
        el("td", { text: pod.metadata.name }),
        el("td", { class: "mono", text: pod.metadata.uid }),
        el("td", { text: account }),
        el("td", { text: podStatus(pod) }),
        el("td", { class: "mono", text: injected ? injected.name : "none" }),
        el("td", {}, el("button", {
          type: "button", class: "secondary small", text: "Mint bound",
          "aria-label": `Mint a token bound to pod ${pod.metadata.name}`,
          onclick: () => fillMint(ns, account, "Pod", pod.metadata.name),
        })),
      ];
    }), 6, "no pods");
    $("sa-names").replaceChildren(...state.objects.sa.map((sa) => el("option", { value: sa.metadata.name })));
    showError("objects-error", null);
  } catch (e) {
    setRows($("sa-body"), [], 3, "not loaded");
    setRows($("pod-body"), [], 6, "not loaded");
    showError("objects-error", e);
  }
}

// ---- RBAC: a service account's bindings and effective permissions (docs/kubernetes-behaviour.md §21) ----

/** Whether a binding subject names the service account ns/name or one of its groups. */
function subjectMatches(subject, bindingNs, ns, name) {
  if (subject.kind === "ServiceAccount") return subject.name === name && (subject.namespace || bindingNs) === ns;
  if (subject.kind === "Group") {
    return ["system:serviceaccounts", `system:serviceaccounts:${ns}`, "system:authenticated"].includes(subject.name);
  }
  return subject.kind === "User" && subject.name === `system:serviceaccount:${ns}:${name}`;
}

async function loadPermissions(ns, name) {
  $("perm-title").textContent = `Bindings and permissions of ${ns}/${name}`;
  $("permissions").hidden = false;
  try {
    const user = `system:serviceaccount:${ns}:${name}`;
    const [cluster, local, review] = await Promise.all([
      call("clusterRoleBindings"), call("roleBindings", { ns }),
      // The rules RBAC grants the account here, asked as the account (impersonation).
      call("rulesReview", {}, { kind: "SelfSubjectRulesReview", apiVersion: "authorization.k8s.io/v1", spec: { namespace: ns } },
        { "Impersonate-User": user }),
    ]);
    const bindings = [...(cluster.items || []), ...(local.items || [])].flatMap((b) => {
      const via = (b.subjects || []).find((s) => subjectMatches(s, b.metadata.namespace, ns, name));
      return via ? [[b, via]] : [];
    });
    setRows($("perm-bindings"), bindings.map(([b, via]) => [
      el("td", { text: b.metadata.namespace ? `RoleBinding ${b.metadata.namespace}/${b.metadata.name}` : `ClusterRoleBinding ${b.metadata.name}` }),
      el("td", { text: `${b.roleRef.kind}/${b.roleRef.name}` }),
      el("td", { text: `${via.kind} ${via.name}` }),
    ]), 3, "no bindings");
    const status = review.status || {};
    const rules = [
      ...(status.resourceRules || []).map((r) => [r.verbs, (r.apiGroups || []).map((g) => g || '""'), r.resources || [], r.resourceNames || []]),
      ...(status.nonResourceRules || []).map((r) => [r.verbs, [], r.nonResourceURLs || [], []]),
    ];
    setRows($("perm-rules"), rules.map((cells) => cells.map((list) => el("td", { class: "mono", text: list.join(", ") }))),
      4, "no permissions");
    showError("perm-error", status.evaluationError ? new Error(status.evaluationError) : null);
  } catch (e) {
    setRows($("perm-bindings"), [], 3, "not loaded");
    setRows($("perm-rules"), [], 4, "not loaded");
    showError("perm-error", e);
  }
}

function fillMint(ns, sa, kind, name) {
  $("mint-ns").value = ns;
  $("mint-sa").value = sa;
  $("mint-kind").value = kind;
  syncBoundName();
  $("mint-bound").value = name;
  $("mint").scrollIntoView({ behavior: "smooth", block: "start" });
  $("mint-aud").focus();
}

// ---- mint ----------------------------------------------------------------------------------------

async function mint(event) {
  event.preventDefault();
  const ns = $("mint-ns").value.trim();
  const name = $("mint-sa").value.trim();
  const spec = {};
  const audiences = splitList($("mint-aud").value);
  if (audiences.length) spec.audiences = audiences;
  const exp = $("mint-exp").value.trim();
  if (exp) spec.expirationSeconds = Number(exp);
  const kind = $("mint-kind").value;
  if (kind) spec.boundObjectRef = { kind, apiVersion: "v1", name: $("mint-bound").value.trim() };
  const body = { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec };
  $("mint-result").hidden = true;
  try {
    const response = await call("tokenRequest", { ns, name }, body);
    $("mint-token").value = response.status.token;
    $("mint-expiry").textContent = `expirationTimestamp ${response.status.expirationTimestamp}`;
    $("mint-result").hidden = false;
    showError("mint-error", null);
    loadClock();  // the timeline compares against a fresh reading
  } catch (e) {
    showError("mint-error", e);
  }
}

function syncBoundName() {
  const none = !$("mint-kind").value;
  $("mint-bound").disabled = none;
  if (none) $("mint-bound").value = "";
}

function setupMint() {
  $("mint-form").addEventListener("submit", mint);
  $("mint-kind").addEventListener("change", syncBoundName);
  syncBoundName();
  $("mint-to-decoder").addEventListener("click", () => {
    $("decoder-input").value = $("mint-token").value;
    decode();
    $("decoder").scrollIntoView({ behavior: "smooth", block: "start" });
  });
  $("mint-to-review").addEventListener("click", () => {
    $("review-token").value = $("mint-token").value;
    const aud = $("mint-aud").value;
    if (aud.trim()) $("review-aud").value = aud;
    $("review").scrollIntoView({ behavior: "smooth", block: "start" });
  });
  $("mint-copy").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText($("mint-token").value); } catch (_) {
      $("mint-token").select();
    }
  });
}

// ---- CI ID tokens --------------------------------------------------------------------------------

// The job a profile's form starts with (the example repository and project of GitHub's and GitLab's docs).
const CI_EXAMPLE = {
  "github-actions": "repository=octo-org/octo-repo\nref=refs/heads/main",
  "gitlab-ci": "project_path=my-group/my-project\nref=main",
};

async function loadCI() {
  try {
    state.ci = (await call("ciIssuers")).profiles || [];
  } catch (_) {
    state.ci = [];  // no control API, or a caller without it: no section
  }
  $("ci").hidden = state.ci.length === 0;
  const dl = $("ci-issuers");
  dl.replaceChildren();
  const select = $("ci-profile");
  const chosen = select.value;
  select.replaceChildren();
  for (const p of state.ci) {
    dl.append(el("dt", { text: p.name }), el("dd", {},
      el("code", { text: p.issuer }), " ", el("a", { href: p.discovery, text: "discovery" }), " ",
      el("a", { href: p.jwks, text: "JWKS" })));
    select.append(el("option", { value: p.name, text: p.name }));
  }
  if (chosen) select.value = chosen;
  if (!$("ci-claims").value && select.value) $("ci-claims").value = CI_EXAMPLE[select.value] || "";
}

async function mintCI(event) {
  event.preventDefault();
  const claims = {};
  for (const line of $("ci-claims").value.split("\n")) {
    const text = line.trim();
    if (!text) continue;
    const at = text.indexOf("=");
    if (at <= 0) { showError("ci-error", new Error(`"${text}": give a claim as name=value`)); return; }
    claims[text.slice(0, at).trim()] = text.slice(at + 1).trim();
  }
  $("ci-result").hidden = true;
  try {
    const body = { claims, audience: $("ci-aud").value.trim() };
    const response = await call("ciToken", { name: $("ci-profile").value }, body);
    $("ci-token").value = response.token;
    $("ci-result").hidden = false;
    showError("ci-error", null);
  } catch (e) {
    showError("ci-error", e);
  }
}

function setupCI() {
  $("ci-form").addEventListener("submit", mintCI);
  $("ci-profile").addEventListener("change", () => { $("ci-claims").value = CI_EXAMPLE[$("ci-profile").value] || ""; });
  $("ci-to-decoder").addEventListener("click", () => {
    $("decoder-input").value = $("ci-token").value;
    decode();
    $("decoder").scrollIntoView({ behavior: "smooth", block: "start" });
  });
}

// ---- decoder -------------------------------------------------------------------------------------

function base64urlJSON(part, what) {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) {
    throw new Error(`The ${what} is not base64url: it contains characters outside A–Z a–z 0–9 - _ (padding "=" is not allowed in a JWS).`);
  }
  let b64 = part.replace(/-/g, "+").replace(/_/g, "/");
  if (b64.length % 4 === 1) throw new Error(`The ${what} has an impossible base64url length (${part.length}).`);
  while (b64.length % 4) b64 += "=";
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  let text;
  try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch (_) {
    throw new Error(`The ${what} decodes to bytes that are not UTF-8 text.`);
  }
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
    return value;
  } catch (_) {
    throw new Error(`The ${what} is not a JSON object: ${text.slice(0, 80)}`);
  }
}

/** Split and decode a compact JWS; throws an Error with a message for people. */
function parseJWT(raw) {
  const token = raw.trim().replace(/^Bearer\s+/i, "");
  if (!token) throw new Error("Paste a token to decode it.");
  const parts = token.split(".");
  if (parts.length !== 3) {
    throw new Error(`Not a JWT: a signed token has three parts separated by dots (header.claims.signature); this has ${parts.length}.`);
  }
  const header = base64urlJSON(parts[0], "header (part 1)");
  const claims = base64urlJSON(parts[1], "claims (part 2)");
  if (!parts[2]) throw new Error("The signature (part 3) is empty: this token is unsigned.");
  return { header, claims };
}

function decode() {
  const raw = $("decoder-input").value;
  let parsed;
  try {
    parsed = parseJWT(raw);
  } catch (e) {
    $("decoder-output").hidden = true;
    showError("decoder-error", raw.trim() ? e : null);
    state.decoded = null;
    return;
  }
  showError("decoder-error", null);
  state.decoded = parsed;
  $("decoder-header").textContent = JSON.stringify(parsed.header, null, 2);
  $("decoder-claims").textContent = JSON.stringify(parsed.claims, null, 2);
  renderIdentity(parsed);
  renderTimeline();
  $("decoder-output").hidden = false;
}

function renderIdentity({ header, claims }) {
  const k8s = claims["kubernetes.io"] || {};
  const rows = [
    ["sub", claims.sub],
    ["aud", Array.isArray(claims.aud) ? claims.aud.join(", ") : claims.aud],
    ["iss", claims.iss],
    ["namespace", k8s.namespace || claims["kubernetes.io/serviceaccount/namespace"]],
    ["service account", k8s.serviceaccount ? k8s.serviceaccount.name : claims["kubernetes.io/serviceaccount/service-account.name"]],
    ["service account uid", k8s.serviceaccount ? k8s.serviceaccount.uid : claims["kubernetes.io/serviceaccount/service-account.uid"]],
    ["pod", k8s.pod && k8s.pod.name], ["pod uid", k8s.pod && k8s.pod.uid],
    ["secret", (k8s.secret && k8s.secret.name) || claims["kubernetes.io/serviceaccount/secret.name"]],
    ["secret uid", k8s.secret && k8s.secret.uid],
    ["node", k8s.node && k8s.node.name], ["node uid", k8s.node && k8s.node.uid],
    // GitHub Actions and GitLab CI ID tokens (docs/kubernetes-behaviour.md §27.3)
    ["repository", claims.repository], ["project", claims.project_path],
    ["ref", claims.ref], ["ref type", claims.ref_type], ["environment", claims.environment],
    ["event", claims.event_name], ["pipeline source", claims.pipeline_source],
    ["workflow", claims.job_workflow_ref], ["runner", claims.runner_environment],
    ["actor", claims.actor || claims.user_login],
    ["jti", claims.jti],
    ["kid", keyLabel(header.kid)],
  ];
  const dl = $("decoder-identity");
  dl.replaceChildren();
  for (const [label, value] of rows) {
    if (value === undefined || value === null || value === "") continue;
    dl.append(el("dt", { text: label }), el("dd", { class: "mono", "data-claim": label, text: String(value) }));
  }
  const profile = state.ci.find((p) => p.issuer === claims.iss);
  if (profile) dl.append(el("dt", { text: "kind" }), el("dd", { text: `${profile.name} ID token` }));
  if (!claims.exp && claims.iss === "kubernetes/serviceaccount") {
    dl.append(el("dt", { text: "kind" }), el("dd", { text: "legacy secret-based token (never expires)" }));
  }
}

function keyLabel(kid) {
  if (!kid) return "(none)";
  const key = state.keys.find((k) => k.kid === kid);
  const ci = state.ci.find((p) => (p.keys || []).includes(kid));
  if (!key && ci) return `${kid} — a key of the ${ci.name} issuer${ci.signingKey === kid ? " (signing)" : ""}`;
  if (!key) return `${kid} — not a key of this kubemint`;
  if (key.signing === true) return `${kid} — this kubemint's signing key`;
  if (key.signing === false) return `${kid} — a verification key of this kubemint (not signing)`;
  return kid;
}

function renderTimeline() {
  if (!state.decoded) return;
  const { claims } = state.decoded;
  const now = kubemintNow();
  const k8s = claims["kubernetes.io"] || {};
  const times = [
    ["iat", claims.iat, "issued"],
    ["nbf", claims.nbf, "valid from"],
    ["warnafter", k8s.warnafter, "the kubelet refreshes before this; later use is flagged as a stale token"],
    ["exp", claims.exp, "expires"],
  ].filter(([, v]) => typeof v === "number");
  const rows = times.map(([name, value, meaning]) => [
    el("td", { text: name === "warnafter" ? "kubernetes.io.warnafter" : name }),
    el("td", { text: `${rfc3339(value)}  (${value})` }),
    el("td", { class: value < now ? "past" : "", text: `${relative(value, now)} — ${meaning}` }),
  ]);
  rows.push([el("td", { text: "now" }), el("td", { text: rfc3339(Math.floor(now)) }),
    el("td", { text: state.clock ? `kubemint's clock (${state.clock.mode})` : "browser clock (kubemint clock unavailable)" })]);
  setRows($("decoder-times"), rows, 3, "");

  // Verdict, with the apiserver's 60 s leeway.
  const verdict = $("decoder-status");
  const exp = claims.exp, nbf = claims.nbf, iat = claims.iat;
  if (typeof exp !== "number") {
    verdict.textContent = claims.iss === "kubernetes/serviceaccount"
      ? "Legacy token: no exp, valid until its Secret is deleted."
      : "No exp claim: kube-apiserver treats such a bound token as invalid.";
    verdict.className = "verdict warn";
  } else if (exp < now - 60) {
    verdict.textContent = `Expired ${span(now - exp)} ago (kubemint's clock).`;
    verdict.className = "verdict bad";
  } else if (typeof nbf === "number" && nbf > now + 60) {
    verdict.textContent = `Not valid yet: valid ${relative(nbf, now)}.`;
    verdict.className = "verdict bad";
  } else if (typeof iat === "number" && iat > now + 60) {
    verdict.textContent = `Issued in the future (${relative(iat, now)}): kubemint's clock is behind the issuer's.`;
    verdict.className = "verdict bad";
  } else if (typeof k8s.warnafter === "number" && now > k8s.warnafter) {
    verdict.textContent = `Valid, expires in ${span(exp - now)}; past warnafter (extended token: the kubelet would have refreshed it).`;
    verdict.className = "verdict warn";
  } else {
    verdict.textContent = exp < now ? `Expired ${span(now - exp)} ago, still inside the 60 s leeway.` : `Valid: expires in ${span(exp - now)}.`;
    verdict.className = exp < now ? "verdict warn" : "verdict ok";
  }

  // Bar from the earliest to the latest time, with a marker per claim and one for now.
  const values = times.map(([, v]) => v);
  const markers = $("tl-markers");
  markers.replaceChildren();
  if (values.length === 0) { $("timeline").hidden = true; return; }
  $("timeline").hidden = false;
  const start = Math.min(...values, now), end = Math.max(...values, now);
  const width = Math.max(end - start, 1);
  const at = (v) => ((v - start) / width) * 100;
  const from = Math.min(...values), to = typeof exp === "number" ? exp : Math.max(...values);
  $("tl-fill").style.left = `${at(from)}%`;
  $("tl-fill").style.width = `${Math.max(at(to) - at(from), 0.5)}%`;
  const add = (v, label, cls) => {
    const pos = at(v);
    const edge = pos < 8 ? " edge-left" : pos > 92 ? " edge-right" : "";
    const m = el("div", { class: `marker ${cls}${edge}` }, el("span", { text: label }));
    m.style.left = `${pos}%`;
    markers.append(m);
  };
  // iat and nbf are usually equal: one marker for claims at the same spot.
  const groups = new Map();
  for (const [name, value] of times) {
    const key = Math.round(at(value) * 2);
    if (!groups.has(key)) groups.set(key, { value, names: [] });
    groups.get(key).names.push(name);
  }
  for (const g of groups.values()) add(g.value, g.names.join(" = "), g.names.includes("warnafter") ? "warnafter" : "");
  add(now, "now", "now");
}

function setupDecoder() {
  $("decoder-input").addEventListener("input", decode);
}

// ---- TokenReview ---------------------------------------------------------------------------------

/** Plain words for the status.error strings kube-apiserver (and kubemint) produce. */
const EXPLANATIONS = [
  [/^invalid bearer token$/, () =>
    "No authenticator recognised the token. It is not a JWT, or its issuer (iss) is not one this kubemint accepts " +
    "(a token from another cluster or issuer), or it was cut short when copied."],
  [/invalid signature, no keys found/, () =>
    "The token's key id (kid) names no key this issuer publishes: it was signed by another issuer's key, or by a key " +
    "that has since been retired."],
  [/error in cryptographic primitive/, () =>
    "The signature does not verify: the token was changed after signing, or signed by a different key under a known kid."],
  [/token audiences (\[.*?\]) is invalid for the target audiences (\[.*?\])/, (m) =>
    `The token was minted for the audiences ${m[1]}, but the review asked for ${m[2]} (the API audiences when none are given). ` +
    "Mint the token with the audience the relying party expects, or review it with the token's audience."],
  [/service account token has expired/, () =>
    "The token's exp lies more than 60 seconds in the past on kubemint's clock. Mint a new token (or move the clock back)."],
  [/service account token is not valid yet/, () =>
    "The token's nbf lies more than 60 seconds in the future on kubemint's clock: it was minted under a clock that is ahead."],
  [/service account token is issued in the future/, () =>
    "The token's iat lies more than 60 seconds in the future on kubemint's clock: the clock that minted it was ahead."],
  [/serviceaccounts "(.*?)" not found/, (m) =>
    `The service account ${m[1]} the token names no longer exists: it was deleted after the token was minted.`],
  [/^service account UID \((.*?)\) does not match claim \((.*?)\)/, () =>
    "The service account was deleted and created again under the same name: the live one has a new UID, so tokens " +
    "minted for the old one are rejected."],
  [/service account (\S+) has been deleted/, (m) => `The service account ${m[1]} is being deleted.`],
  [/service account token has been invalidated/, () => boundObjectGone()],
  [/pod UID \((.*?)\) does not match service account pod ref claim/, () =>
    "The pod the token is bound to was deleted and a new pod with the same name was created: its UID differs, so the old " +
    "token is rejected."],
  [/secret UID \((.*?)\) does not match service account secret ref claim/, () =>
    "The secret the token is bound to was deleted and created again under the same name (new UID)."],
  [/node UID \((.*?)\) does not match service account node ref claim/, () =>
    "The node the token is bound to was deleted and created again under the same name (new UID)."],
  [/feature gate is disabled/, () => "The token is bound to a Node, and node binding validation is switched off."],
  [/Token has been invalidated/, () =>
    "A legacy (secret-based) token: its Secret was deleted or is being deleted, so the token no longer works."],
  [/Token does not match server's copy/, () =>
    "A legacy token whose Secret now holds a different token: this one was replaced."],
  [/ServiceAccount (\S+) has been deleted/, (m) => `A legacy token whose service account ${m[1]} is being deleted.`],
  [/ServiceAccount UID \((.*?)\) does not match claim/, () =>
    "A legacy token whose service account was deleted and created again under the same name (new UID)."],
  [/has been marked invalid/, () =>
    "A legacy token whose Secret carries the kubernetes.io/legacy-token-invalid-since label: it was retired on purpose."],
  [/claim is (missing|invalid)/, () => "A legacy token missing one of the claims kube-apiserver requires."],
  [/failed to unmarshal NumericDate/, () => "A time claim (exp, nbf or iat) is not a number of seconds."],
  [/unmarshal to Audience/, () => "The aud claim is neither a string nor a list of strings."],
];

function boundObjectGone() {
  const claims = state.reviewed && state.reviewed.claims;
  const k8s = (claims && claims["kubernetes.io"]) || {};
  for (const kind of ["pod", "secret", "node"]) {
    if (k8s[kind]) {
      return `The ${kind} ${k8s[kind].name} this token is bound to no longer exists (it was deleted), so the token ` +
        "was invalidated with it. Mint a new token bound to a live object.";
    }
  }
  return "The object this token is bound to (pod, secret or node) no longer exists (it was deleted), so the token was " +
    "invalidated with it.";
}

/** The plain-words explanation of a status.error, or a generic line for unknown strings. */
function explain(error) {
  for (const [pattern, words] of EXPLANATIONS) {
    const m = error.match(pattern);
    if (m) return words(m);
  }
  return "kubemint rejected the token; the message above is what kube-apiserver would say.";
}

async function review(event) {
  event.preventDefault();
  const token = $("review-token").value.trim();
  const spec = { token };
  const audiences = splitList($("review-aud").value);
  if (audiences.length) spec.audiences = audiences;
  try { state.reviewed = parseJWT(token); } catch (_) { state.reviewed = null; }
  $("review-result").hidden = true;
  try {
    const response = await call("tokenReview", {}, { apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", spec });
    showError("review-http-error", null);
    renderReview(response.status || {});
  } catch (e) {
    showError("review-http-error", e);
  }
}

function renderReview(status) {
  const verdict = $("review-verdict");
  verdict.textContent = status.authenticated ? "authenticated: true" : "authenticated: false";
  verdict.className = status.authenticated ? "verdict ok" : "verdict bad";
  const user = status.user || {};
  const facts = $("review-facts");
  facts.replaceChildren();
  const add = (label, value) => {
    if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    facts.append(el("dt", { text: label }), el("dd", { class: "mono", "data-field": label, text: String(value) }));
  };
  add("user", user.username);
  add("uid", user.uid);
  add("groups", (user.groups || []).join(", "));
  for (const [key, values] of Object.entries(user.extra || {})) add(key.replace("authentication.kubernetes.io/", ""), values.join(", "));
  add("audiences", (status.audiences || []).join(", "));
  const box = $("review-error-box");
  if (status.error) {
    $("review-error").textContent = status.error;
    const inner = status.error.replace(/^\[invalid bearer token, (.*)\]$/s, "$1");
    $("review-explanation").textContent = explain(inner);
    box.hidden = false;
  } else {
    box.hidden = true;
  }
  $("review-result").hidden = false;
}

// ---- start ---------------------------------------------------------------------------------------

async function loadAll() {
  await Promise.all([loadIssuer(), loadKeys(), loadNamespaces(), loadCI()]);
  if (state.decoded) renderTimeline();
}

document.addEventListener("DOMContentLoaded", () => {
  renderKubeconfigPath();
  setupAuth();
  setupMint();
  setupCI();
  setupDecoder();
  $("review-form").addEventListener("submit", review);
  $("ns-select").addEventListener("change", loadNamespace);
  $("objects-refresh").addEventListener("click", () => { loadKeys(); loadClock(); loadNamespaces(); });
  $("clock-refresh").addEventListener("click", async () => { await loadClock(); if (state.decoded) renderTimeline(); });
  loadAll().then(() => document.body.setAttribute("data-loaded", "true"));
  setInterval(() => {
    renderClock();
    if (state.decoded) renderTimeline();
  }, 1000);
  setInterval(loadClock, 30000);
});
