/*
 * The moderator console: the moderation API and nothing else, from the same origin. The session is a bearer
 * token (POST /api/v1/auth/tokens) kept in sessionStorage, so the password is sent once. Comment text and
 * names are untrusted: they only ever reach the page through textContent.
 */
(function () {
  "use strict";
  var STATES = ["held", "flagged", "spam", "published", "rejected"];
  var state = "held";
  var items = [];
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function api(method, path, body, headers) {
    var all = Object.assign({ Authorization: "Bearer " + sessionStorage.getItem("talkback:token") }, headers || {});
    if (body) all["Content-Type"] = "application/json";
    return fetch(path, { method: method, headers: all, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        if (response.status === 401) { signOut(); throw new Error("signed out"); }
        return response.status === 204 ? {} : response.json().then(function (json) {
          if (!response.ok) throw new Error(json.detail || json.title || ("HTTP " + response.status));
          return json;
        });
      });
  }

  function notice(text) { $("notice").textContent = text; }

  function signOut() {
    sessionStorage.removeItem("talkback:token");
    $("console").hidden = true;
    $("login").hidden = false;
  }

  function signedIn() {
    $("login").hidden = true;
    $("console").hidden = false;
    load();
  }

  $("login").addEventListener("submit", function (event) {
    event.preventDefault();
    var user = $("username").value;
    fetch("/api/v1/auth/tokens", { method: "POST",
        headers: { Authorization: "Basic " + btoa(unescape(encodeURIComponent(user + ":" + $("password").value))) } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status === 403 ? "This account may not moderate." : "Wrong username or password.");
        return response.json();
      })
      .then(function (token) {
        sessionStorage.setItem("talkback:token", token.token);
        $("password").value = "";
        signedIn();
      })
      .catch(function (error) { $("login-error").textContent = error.message; });
  });

  STATES.forEach(function (name) {
    var tab = el("button", { type: "button", role: "tab", "aria-selected": String(name === state), "data-state": name }, name);
    tab.addEventListener("click", function () {
      state = name;
      Array.prototype.forEach.call($("states").children, function (t) { t.setAttribute("aria-selected", String(t === tab)); });
      load();
    });
    $("states").appendChild(tab);
  });
  $("site").addEventListener("change", load);

  function load() {
    api("GET", "/api/v1/moderation/queue?site=" + encodeURIComponent($("site").value) + "&state=" + state + "&limit=100")
      .then(function (page) {
        items = page.items;
        render();
      }).catch(function (error) { notice(error.message); });
  }

  function render() {
    var list = $("items");
    list.textContent = "";
    $("empty").hidden = items.length > 0;
    $("select-all").checked = false;
    items.forEach(function (item, index) {
      var c = item.comment;
      var li = el("li", { "class": "item", tabindex: "0", "data-comment-id": c.id, "aria-label": "Comment by " + c.author.name });
      var head = el("p");
      head.appendChild(el("input", { type: "checkbox", "class": "pick", "aria-label": "Select comment by " + c.author.name }));
      head.appendChild(el("strong", {}, " " + c.author.name));
      head.appendChild(document.createTextNode(" " + (c.author.email || "") + " · " + new Date(c.createdAt).toLocaleString()
          + " · published " + item.author.published + ", rejected " + item.author.rejected));
      li.appendChild(head);
      li.appendChild(el("p", { "class": "thread" }, c.threadUrl));
      li.appendChild(el("div", { "class": "body" }, c.body));
      if (item.verdict && item.verdict.verdict) {
        li.appendChild(el("p", { "class": "reasons" }, "spam-check: " + item.verdict.verdict
            + (item.verdict.score != null ? " (" + item.verdict.score.toFixed(2) + ")" : "") + " — "
            + (item.verdict.reasons || []).map(function (r) { return r.code + (r.detail ? ": " + r.detail : ""); }).join("; ")));
      }
      if (item.flags && item.flags.length) {
        li.appendChild(el("p", { "class": "flags" }, item.flags.length + " reader reports: "
            + item.flags.map(function (f) { return f.reason; }).join(", ")));
      }
      var actions = el("p");
      ["approve", "reject", "spam", "ham"].forEach(function (action) {
        var button = el("button", { type: "button", "data-action": action }, action);
        button.addEventListener("click", function () { decide(index, action); });
        actions.appendChild(button);
      });
      var history = el("button", { type: "button" }, "history");
      history.addEventListener("click", function () { showHistory(li, c.id); });
      actions.appendChild(history);
      var close = el("button", { type: "button" }, "close thread");
      close.addEventListener("click", function () { threadState(c.threadUrl, "closed"); });
      var open = el("button", { type: "button" }, "reopen thread");
      open.addEventListener("click", function () { threadState(c.threadUrl, "open"); });
      actions.appendChild(close);
      actions.appendChild(open);
      li.appendChild(actions);
      list.appendChild(li);
    });
  }

  function decide(index, action) {
    var c = items[index].comment;
    return api("POST", "/api/v1/moderation/comments/" + c.id + "/decision", { action: action },
        { "If-Match": '"' + c.version + '"' })
      .then(function (result) {
        notice(action + ": comment by " + c.author.name + " is now " + result.status + ".");
        load();
      }).catch(function (error) { notice(error.message); load(); });
  }

  function selected() {
    return Array.prototype.map.call(document.querySelectorAll("#items .pick"), function (box, i) {
      return box.checked ? items[i].comment : null;
    }).filter(Boolean);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-bulk]"), function (button) {
    button.addEventListener("click", function () {
      var chosen = selected();
      if (!chosen.length) { notice("Select some comments first."); return; }
      api("POST", "/api/v1/moderation/decisions", { action: button.getAttribute("data-bulk"),
          comments: chosen.map(function (c) { return { id: c.id, version: c.version }; }) })
        .then(function (results) {
          var done = results.filter(function (r) { return r.status; }).length;
          notice(done + " of " + results.length + " comments: " + button.getAttribute("data-bulk") + ".");
          load();
        }).catch(function (error) { notice(error.message); });
    });
  });
  $("select-all").addEventListener("change", function () {
    Array.prototype.forEach.call(document.querySelectorAll("#items .pick"), function (box) { box.checked = $("select-all").checked; });
  });

  function showHistory(li, id) {
    api("GET", "/api/v1/moderation/audit?site=" + encodeURIComponent($("site").value) + "&commentId=" + id)
      .then(function (audit) {
        var old = li.querySelector(".history");
        if (old) old.remove();
        var list = el("ol", { "class": "history" });
        audit.entries.forEach(function (e) {
          list.appendChild(el("li", {}, new Date(e.at).toLocaleString() + " " + e.actor + ": " + e.action
              + (e.from ? " " + e.from + " → " + e.to : "") + (e.reason ? " (" + e.reason + ")" : "")));
        });
        li.appendChild(list);
      });
  }

  function threadState(url, newState) {
    api("PUT", "/api/v1/moderation/threads/state", { site: $("site").value, url: url, state: newState })
      .then(function () { notice("Thread " + (newState === "closed" ? "closed" : "reopened") + ": " + url); })
      .catch(function (error) { notice(error.message); });
  }

  // Keyboard: work through the queue without the mouse.
  document.addEventListener("keydown", function (event) {
    if ($("console").hidden || /INPUT|TEXTAREA/.test(document.activeElement.tagName) || event.ctrlKey || event.metaKey) return;
    var nodes = Array.prototype.slice.call(document.querySelectorAll("#items .item"));
    var at = nodes.indexOf(document.activeElement);
    var actions = { a: "approve", r: "reject", s: "spam", h: "ham" };
    if (event.key === "j" || event.key === "k") {
      var next = nodes[Math.max(0, Math.min(nodes.length - 1, at + (event.key === "j" ? 1 : -1)))];
      if (next) next.focus();
    } else if (actions[event.key] && at >= 0) {
      decide(at, actions[event.key]);
    } else if (event.key === "x" && at >= 0) {
      var box = nodes[at].querySelector(".pick");
      box.checked = !box.checked;
    } else {
      return;
    }
    event.preventDefault();
  });

  if (sessionStorage.getItem("talkback:token")) signedIn();
})();
