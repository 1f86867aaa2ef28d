// The live console: the calls of this instance (and of the others sharing its Redis), and one call followed as it
// happens. One stream per tab (Server-Sent Events read with fetch, so that a token can go in a header); no polling.
"use strict";

const TOKEN_KEY = "audiohook-console-token";
const ROLE = { END_USER: "customer", HUMAN_AGENT: "agent" };
const $ = (id) => document.getElementById(id);

let info = { tokenRequired: false, demoCalls: false };
let selected = null;          // the session followed in the detail pane
let stream = null;            // the AbortController of the current stream
let retry = 500;

function token() { return sessionStorage.getItem(TOKEN_KEY); }

function headers() {
  const t = token();
  return t ? { Authorization: "Bearer " + t } : {};
}

async function start() {
  const answer = await fetch("/console/api/info");
  info = await answer.json();
  $("instance").textContent = "instance " + info.instance;
  $("demo-call").hidden = !info.demoCalls;
  if (info.tokenRequired && !token()) {
    showLogin(false);
  } else {
    connect();
  }
}

function showLogin(refused) {
  if (stream) { stream.abort(); stream = null; }
  $("board").hidden = true;
  $("login").hidden = false;
  $("login-error").hidden = !refused;
  $("connection").textContent = "signed out";
  $("connection").className = "badge bad";
}

$("login-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
  $("token").value = "";
  connect();
});

$("demo-call").addEventListener("click", async () => {
  const button = $("demo-call");
  button.disabled = true;
  try {
    const answer = await fetch("/console/api/demo-calls", { method: "POST", headers: headers() });
    if (answer.status === 401) { sessionStorage.removeItem(TOKEN_KEY); showLogin(true); return; }
    const placed = await answer.json();
    if (answer.ok && placed.sessionId) {
      notice("");
      select(placed.sessionId);
    } else {
      notice(placed.message || "the demo call was refused (" + answer.status + ")");
    }
  } catch (error) {
    notice("the demo call could not be placed: " + error.message);
  } finally {
    setTimeout(() => { button.disabled = false; }, 1000);
  }
});

function notice(text) {
  $("notice").textContent = text;
  $("notice").hidden = !text;
}

async function connect() {
  if (stream) { stream.abort(); }
  const controller = new AbortController();
  stream = controller;
  const url = "/console/api/stream" + (selected ? "?call=" + encodeURIComponent(selected) : "");
  try {
    const answer = await fetch(url, { headers: headers(), signal: controller.signal });
    if (answer.status === 401) { sessionStorage.removeItem(TOKEN_KEY); showLogin(true); return; }
    if (!answer.ok) { throw new Error("stream answered " + answer.status); }
    $("login").hidden = true;
    $("board").hidden = false;
    $("connection").textContent = "live";
    $("connection").className = "badge ok";
    retry = 500;
    await read(answer.body.getReader());
  } catch (error) {
    if (controller.signal.aborted) { return; }
  }
  if (stream === controller) {   // the server went away: try again, more slowly each time
    $("connection").textContent = "reconnecting…";
    $("connection").className = "badge bad";
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 10000);
  }
}

async function read(reader) {
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) { return; }
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
      if (data) { handle(JSON.parse(data)); }
    }
  }
}

function handle(message) {
  switch (message.type) {
    case "calls": renderCalls(message); break;
    case "call": if (message.session === selected) { renderDetail(message); } break;
    case "entry": if (message.session === selected) { appendEntry(message.entry); } break;
    case "interim": if (message.session === selected) { setInterim(message.role, message.text); } break;
    case "resync": $("timeline").replaceChildren(); $("interim").replaceChildren(); break;
    case "full": retry = 10000; break;   // as many viewers as allowed watch: the stream ends, try again later
  }
}

function select(session) {
  if (selected === session) { return; }
  selected = session;
  $("timeline").replaceChildren();
  $("interim").replaceChildren();
  $("detail-empty").hidden = true;
  $("detail").hidden = false;
  $("detail-title").textContent = "session " + session;
  document.querySelectorAll(".call").forEach((li) => li.classList.toggle("selected", li.dataset.session === session));
  connect();
}

function duration(millis) {
  const s = Math.floor(millis / 1000);
  return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}

function renderCalls(message) {
  const list = $("calls");
  $("call-count").textContent = message.calls.length ? "(" + message.calls.length + ")" : "";
  $("no-calls").hidden = message.calls.length > 0;
  const items = message.calls.map((call) => callItem(call));
  list.replaceChildren(...items);
  const shown = message.calls.find((c) => c.sessionId === selected);
  if (shown) {
    $("detail-meta").textContent = [shown.state, shown.mode, shown.media, duration(shown.durationMillis),
      shown.outcome ? "ended: " + shown.outcome : null].filter(Boolean).join(" · ");
  }
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) { e.className = className; }
  if (text !== undefined && text !== null) { e.textContent = text; }
  return e;
}

function callItem(call) {
  const li = element("li", "call" + (call.sessionId === selected ? " selected" : ""));
  li.dataset.session = call.sessionId;
  li.dataset.state = call.state;
  li.addEventListener("click", () => select(call.sessionId));
  const top = element("div", "top");
  const id = element("span", "id", call.conversationId || call.sessionId);
  id.title = call.conversationId ? "the Genesys conversation (session " + call.sessionId + ")" : "the session";
  top.append(id, element("span", "state " + call.state, call.state));
  li.append(top);
  li.append(element("div", "line", [call.mode, call.media, duration(call.durationMillis),
    call.droppedFrames ? call.droppedFrames + " frames dropped" : null,
    call.instance !== info.instance ? "on " + call.instance : null].filter(Boolean).join(" · ")));
  if (call.state !== "ended" && call.channels.length) {
    const meters = element("div", "meters");
    call.channels.forEach((channel, i) => {
      const level = call.levels[i];
      const bar = element("span");
      bar.style.width = level === null || level === undefined ? "0" : Math.max(0, Math.min(100, (level + 60) * 100 / 60)) + "%";
      const meter = element("div", "meter");
      meter.title = level === null || level === undefined ? "silence" : level + " dBFS";
      meter.append(bar);
      meters.append(element("span", null, channel), meter);
    });
    li.append(meters);
  }
  const streams = Object.entries(call.streams || {}).map(([role, s]) =>
    ROLE[role] + ": " + s.state + (s.recycles ? ", " + s.recycles + " recycled" : "") +
    (s.restarts ? ", " + s.restarts + " restarted" : "") + (s.droppedBytes ? ", " + s.droppedBytes + " B dropped" : ""));
  if (streams.length) { li.append(element("div", "line", "Dialogflow · " + streams.join(" · "))); }
  if (call.state !== "ended") { li.append(element("div", "line", "desktop · " + call.desktop)); }
  if (call.outcome) { li.append(element("div", "line outcome", "ended · " + call.outcome)); }
  return li;
}

function renderDetail(message) {
  $("timeline").replaceChildren();
  message.timeline.forEach(appendEntry);
  $("interim").replaceChildren();
  message.interim.forEach((line) => setInterim(line.role, line.text));
}

function appendEntry(entry) {
  const li = element("li", "entry " + entry.kind);
  li.dataset.kind = entry.kind;
  if (entry.role) { li.dataset.role = entry.role; }
  li.append(element("time", null, new Date(entry.atMillis).toLocaleTimeString()));
  const who = entry.kind === "suggestion" ? "for the " + ROLE[entry.role] : ROLE[entry.role] || entry.kind;
  li.append(element("span", "who " + (entry.role || ""), who));
  const what = element("span", "what", entry.text);
  if (entry.detail) { what.append(element("span", "detail", entry.detail)); }
  li.append(what);
  $("timeline").append(li);
  if (entry.kind === "transcript" && entry.role) { setInterim(entry.role, null); }
  li.scrollIntoView({ block: "nearest" });
}

function setInterim(role, text) {
  let line = document.querySelector('#interim .line[data-role="' + role + '"]');
  if (!text) { if (line) { line.remove(); } return; }
  if (!line) {
    line = element("div", "line");
    line.dataset.role = role;
    $("interim").append(line);
  }
  line.textContent = ROLE[role] + " is saying: " + text + "…";
}

start();
