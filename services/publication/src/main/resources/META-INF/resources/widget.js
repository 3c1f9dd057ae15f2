/*
 * Talkback comment widget. One <script src=".../widget.js" defer> and a <div data-talkback-site="default"> give
 * an article its comment section; <a data-talkback-count-url="URL"> elements get "12 comments".
 *
 * Safety rule of this file: reader-written text only ever reaches the page through textContent or attributes set
 * with setAttribute; the one exception is bodyHtml, which the server rendered and escaped (publication's
 * BodyRenderer) for exactly this purpose.
 *
 * Attributes on the container: data-talkback-site (required), data-talkback-url (the article; default: the
 * canonical link, else this page without its fragment), data-talkback-api (where publication answers; default:
 * where this script came from), data-talkback-intake (where comment-intake answers; default: the same).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var scriptOrigin = script ? new URL(script.src, location.href).origin : location.origin;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function articleUrl(container) {
    var given = container.getAttribute("data-talkback-url");
    if (given) return given;
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href : location.href.split("#")[0];
  }

  function readerId() {
    var id = localStorage.getItem("talkback:reader");
    if (!id) {
      id = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("");
      localStorage.setItem("talkback:reader", id);
    }
    return id;
  }

  function problemText(problem) {
    if (problem && problem.errors && problem.errors.length) {
      return problem.errors.map(function (e) { return e.field + " " + e.message; }).join("; ");
    }
    return (problem && (problem.detail || problem.title)) || "Something went wrong; please try again.";
  }

  function Section(container) {
    this.root = container;
    this.site = container.getAttribute("data-talkback-site");
    this.url = articleUrl(container);
    this.api = (container.getAttribute("data-talkback-api") || scriptOrigin).replace(/\/$/, "");
    this.intake = (container.getAttribute("data-talkback-intake") || this.api).replace(/\/$/, "");
    this.mineKey = "talkback:mine:" + this.site + ":" + this.url;
    this.nodes = {};
    this.build();
    this.load();
  }

  Section.prototype.mine = function () {
    try { return JSON.parse(localStorage.getItem(this.mineKey)) || []; } catch (e) { return []; }
  };

  Section.prototype.saveMine = function (list) {
    localStorage.setItem(this.mineKey, JSON.stringify(list));
  };

  Section.prototype.build = function () {
    var root = this.root;
    root.classList.add("talkback");
    root.textContent = "";
    this.heading = el("h2", { "class": "talkback-heading", id: "talkback-heading-" + this.site }, "Comments");
    this.status = el("p", { "class": "talkback-live", "aria-live": "polite", role: "status" });
    this.list = el("ol", { "class": "talkback-comments", "aria-labelledby": this.heading.id });
    this.more = el("button", { type: "button", "class": "talkback-more", hidden: "" }, "Show more comments");
    root.appendChild(this.heading);
    root.appendChild(this.status);
    root.appendChild(this.list);
    root.appendChild(this.more);
    root.appendChild(this.form(null));
    var self = this;
    this.more.addEventListener("click", function () { self.load(self.nextCursor); });
  };

  /** The comment form; with a parent it is a reply form placed under that comment. */
  Section.prototype.form = function (parentId) {
    var self = this;
    var prefix = "talkback-" + (parentId || "new") + "-";
    var form = el("form", { "class": "talkback-form", novalidate: "" });
    form.appendChild(el("h3", {}, parentId ? "Reply" : "Leave a comment"));
    function field(name, label, type, required) {
      var wrap = el("p", { "class": "talkback-field" });
      wrap.appendChild(el("label", { "for": prefix + name }, label + (required ? "" : " (optional)")));
      var input = type === "textarea"
          ? el("textarea", { id: prefix + name, name: name, rows: "4", maxlength: "10000" })
          : el("input", { id: prefix + name, name: name, type: type, maxlength: name === "name" ? "100" : "254" });
      if (required) input.setAttribute("required", "");
      wrap.appendChild(input);
      form.appendChild(wrap);
      return input;
    }
    field("name", "Name", "text", true);
    field("email", "Email, never shown", "email", false);
    field("url", "Website", "url", false);
    field("body", "Comment", "textarea", true);
    // Replies by email: the address gets a confirmation mail first (double opt-in), and every mail can unsubscribe.
    var notify = el("p", { "class": "talkback-field talkback-notify" });
    notify.appendChild(el("input", { id: prefix + "notify", name: "notifyReplies", type: "checkbox" }));
    notify.appendChild(el("label", { "for": prefix + "notify" }, " Email me replies (we ask you to confirm the address first)"));
    form.appendChild(notify);
    // Invisible to people (and skipped by keyboard and screen readers); bots fill every field they find.
    var trap = el("p", { "class": "talkback-hp", "aria-hidden": "true" });
    trap.appendChild(el("input", { name: "website2", type: "text", tabindex: "-1", autocomplete: "off" }));
    form.appendChild(trap);
    var shownAt = new Date().toISOString();
    var message = el("p", { "class": "talkback-message", role: "alert" });
    form.appendChild(message);
    var submit = el("button", { type: "submit" }, parentId ? "Post reply" : "Post comment");
    form.appendChild(submit);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = {
        site: self.site, threadUrl: self.url, parentId: parentId || undefined,
        author: { name: form.elements.name.value, email: form.elements.email.value || undefined,
                  url: form.elements.url.value || undefined },
        body: form.elements.body.value, honeypot: form.elements.website2.value, formRenderedAt: shownAt,
        notifyReplies: form.elements.notifyReplies.checked || undefined
      };
      submit.disabled = true;
      message.textContent = "";
      fetch(self.intake + "/api/v1/comments", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data)
      }).then(function (response) {
        return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
      }).then(function (result) {
        submit.disabled = false;
        if (!result.ok) { message.textContent = problemText(result.answer); return; }
        var mine = self.mine();
        mine.push({ id: result.answer.id, editToken: result.answer.editToken, editableUntil: result.answer.editableUntil });
        self.saveMine(mine);
        self.showPending({ id: result.answer.id, parentId: parentId, author: { name: data.author.name },
                           body: data.body, status: "pending" });
        form.elements.body.value = "";
        if (parentId) form.remove();
        self.status.textContent = data.notifyReplies
            ? "Your comment was sent. We will email you a link to confirm that you want replies."
            : "Your comment was sent.";
      }).catch(function () {
        submit.disabled = false;
        message.textContent = "The comment could not be sent; please try again.";
      });
    });
    return form;
  };

  Section.prototype.load = function (cursor) {
    var self = this;
    var query = "?site=" + encodeURIComponent(this.site) + "&url=" + encodeURIComponent(this.url) + "&limit=50"
        + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    return fetch(this.api + "/api/v1/threads/comments" + query).then(function (r) { return r.json(); })
      .then(function (page) {
        self.count = page.thread.count;
        self.closed = page.thread.state === "closed";
        self.renderHeading();
        page.comments.forEach(function (comment) { self.put(comment, false); });
        self.nextCursor = page.nextCursor;
        self.more.hidden = !page.nextCursor;
        if (!cursor) {
          self.showMine();
          self.listen(page.thread.lastChange);
        }
        self.root.setAttribute("data-talkback-ready", "true");
      });
  };

  Section.prototype.renderHeading = function () {
    this.heading.textContent = this.count === 1 ? "1 comment" : this.count + " comments";
    var form = this.root.querySelector(":scope > .talkback-form");
    if (form) form.hidden = !!this.closed;
  };

  /** Adds or replaces a published comment, under its parent if it is a reply. */
  Section.prototype.put = function (comment, announce) {
    var existing = this.nodes[comment.id];
    var item = this.commentNode(comment, existing && existing.classList.contains("talkback-pending") ? null : existing);
    if (existing && existing !== item) {
      existing.replaceWith(item);
    } else if (!existing) {
      var parent = comment.parentId && this.nodes[comment.parentId];
      (parent ? parent.querySelector(":scope > ol") : this.list).appendChild(item);
    }
    this.nodes[comment.id] = item;
    if (announce) this.status.textContent = "New comment by " + comment.author.name + ".";
  };

  Section.prototype.commentNode = function (comment, reuse) {
    var self = this;
    var item = el("li", { "class": "talkback-comment", id: "comment-" + comment.id, "data-comment-id": comment.id });
    var header = el("p", { "class": "talkback-meta" });
    var name = comment.author.url
        ? el("a", { href: comment.author.url, rel: "nofollow ugc noopener" }, comment.author.name)
        : el("strong", {}, comment.author.name);
    header.appendChild(name);
    if (comment.createdAt) {
      header.appendChild(document.createTextNode(" "));
      header.appendChild(el("time", { datetime: comment.createdAt }, new Date(comment.createdAt).toLocaleString()));
    }
    if (comment.editedAt) header.appendChild(el("span", { "class": "talkback-edited" }, " (edited)"));
    item.appendChild(header);
    var body = el("div", { "class": "talkback-body" });
    body.innerHTML = comment.bodyHtml; // rendered and escaped by the server: the one place HTML goes in
    item.appendChild(body);
    var actions = el("p", { "class": "talkback-actions" });
    var reply = el("button", { type: "button" }, "Reply");
    reply.addEventListener("click", function () {
      if (!item.querySelector(":scope > form")) {
        var form = self.form(comment.id);
        item.insertBefore(form, item.querySelector(":scope > ol"));
        form.elements.name.focus();
      }
    });
    var flag = el("button", { type: "button" }, "Report");
    flag.addEventListener("click", function () { self.report(comment.id, flag); });
    if (!this.closed) actions.appendChild(reply);
    actions.appendChild(flag);
    this.ownActions(comment.id, actions);
    item.appendChild(actions);
    item.appendChild(reuse ? reuse.querySelector(":scope > ol") : el("ol", { "class": "talkback-replies" }));
    return item;
  };

  Section.prototype.report = function (id, button) {
    var self = this;
    fetch(this.intake + "/api/v1/comments/" + id + "/flags", {
      method: "POST", headers: { "Content-Type": "application/json", "X-Reader-Id": readerId() },
      body: JSON.stringify({ reason: "other" })
    }).then(function () {
      button.disabled = true;
      button.textContent = "Reported";
      self.status.textContent = "Thank you; a moderator will look at it.";
    });
  };

  /** Edit and delete, for the author, while the site's edit window is open. */
  Section.prototype.ownActions = function (id, actions) {
    var self = this;
    var own = this.mine().filter(function (m) { return m.id === id; })[0];
    if (!own || new Date(own.editableUntil) < new Date()) return;
    var edit = el("button", { type: "button" }, "Edit");
    var remove = el("button", { type: "button" }, "Delete");
    edit.addEventListener("click", function () {
      var item = self.nodes[id];
      var area = el("textarea", { "aria-label": "Edit your comment", rows: "4" });
      area.value = (item.querySelector(".talkback-body") || {}).innerText || "";
      var save = el("button", { type: "button" }, "Save");
      save.addEventListener("click", function () {
        self.authorRequest("PATCH", own, { body: area.value }).then(function () {
          self.status.textContent = "Your edit was sent; it shows once checked.";
          area.remove(); save.remove();
        });
      });
      item.insertBefore(area, actions);
      item.insertBefore(save, actions);
      area.focus();
    });
    remove.addEventListener("click", function () {
      self.authorRequest("DELETE", own).then(function () {
        var node = self.nodes[id];
        if (node) node.remove();
        delete self.nodes[id];
        self.saveMine(self.mine().filter(function (m) { return m.id !== id; }));
        self.status.textContent = "Your comment was deleted.";
      });
    });
    actions.appendChild(edit);
    actions.appendChild(remove);
  };

  Section.prototype.authorRequest = function (method, own, body) {
    var headers = { "X-Edit-Token": own.editToken };
    if (body) headers["Content-Type"] = "application/json";
    return fetch(this.intake + "/api/v1/comments/" + own.id, {
      method: method, headers: headers, body: body ? JSON.stringify(body) : undefined
    });
  };

  /** The reader's own comments not (yet) published: shown only to them, marked as awaiting moderation. */
  Section.prototype.showMine = function () {
    var self = this;
    var kept = [];
    var pending = this.mine().map(function (own) {
      return fetch(self.intake + "/api/v1/comments/" + own.id, { headers: { "X-Edit-Token": own.editToken } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (view) {
          if (!view || view.status === "rejected") return; // gone for good: forget it
          kept.push(own);
          if (view.status !== "published" && !self.nodes[own.id]) {
            self.showPending({ id: own.id, parentId: view.parentId, author: view.author, body: view.body,
                               status: view.status });
          }
        }).catch(function () { kept.push(own); });
    });
    Promise.all(pending).then(function () { self.saveMine(kept); });
  };

  Section.prototype.showPending = function (comment) {
    if (this.nodes[comment.id]) return;
    var item = el("li", { "class": "talkback-comment talkback-pending", id: "comment-" + comment.id,
                          "data-comment-id": comment.id });
    var header = el("p", { "class": "talkback-meta" });
    header.appendChild(el("strong", {}, comment.author ? comment.author.name : ""));
    header.appendChild(el("span", { "class": "talkback-awaiting" }, " — awaiting moderation, visible only to you"));
    item.appendChild(header);
    var body = el("div", { "class": "talkback-body" });
    String(comment.body || "").split(/\n\s*\n/).forEach(function (paragraph) { body.appendChild(el("p", {}, paragraph)); });
    item.appendChild(body);
    item.appendChild(el("ol", { "class": "talkback-replies" }));
    var parent = comment.parentId && this.nodes[comment.parentId];
    (parent ? parent.querySelector(":scope > ol") : this.list).appendChild(item);
    this.nodes[comment.id] = item;
  };

  /** Live updates: new and edited comments appear, removed ones go, without reloading the page. */
  Section.prototype.listen = function (since) {
    if (!window.EventSource || this.source) return;
    var self = this;
    // From the page's own change number: a page a cache kept for a few seconds is brought up to date.
    this.source = new EventSource(this.api + "/api/v1/threads/stream?site=" + encodeURIComponent(this.site)
        + "&url=" + encodeURIComponent(this.url) + (since != null ? "&since=" + since : ""));
    this.source.addEventListener("comment", function (event) {
      var comment = JSON.parse(event.data);
      var isNew = !self.nodes[comment.id] || self.nodes[comment.id].classList.contains("talkback-pending");
      if (isNew) self.count++;
      self.put(comment, isNew);
      self.renderHeading();
    });
    this.source.addEventListener("removed", function (event) {
      var id = JSON.parse(event.data).id;
      var node = self.nodes[id];
      if (node && !node.classList.contains("talkback-pending")) {
        node.remove();
        delete self.nodes[id];
        self.count--;
        self.renderHeading();
      }
    });
    this.source.addEventListener("reset", function () {
      self.list.textContent = "";
      self.nodes = {};
      self.load();
    });
  };

  /** "12 comments" for every link on the page that names an article, in one request per site. */
  function counts() {
    var links = Array.prototype.slice.call(document.querySelectorAll("[data-talkback-count-url]"));
    var bySite = {};
    links.forEach(function (link) {
      var site = link.getAttribute("data-talkback-count-site") || "default";
      (bySite[site] = bySite[site] || []).push(link);
    });
    Object.keys(bySite).forEach(function (site) {
      var query = "?site=" + encodeURIComponent(site) + bySite[site].map(function (link) {
        return "&url=" + encodeURIComponent(link.getAttribute("data-talkback-count-url"));
      }).join("");
      fetch(scriptOrigin + "/api/v1/threads/counts" + query).then(function (r) { return r.json(); })
        .then(function (found) {
          bySite[site].forEach(function (link) {
            var n = found[link.getAttribute("data-talkback-count-url")] || 0;
            link.textContent = n === 1 ? "1 comment" : n + " comments";
          });
        });
    });
  }

  function style() {
    if (document.getElementById("talkback-style")) return;
    var css = el("style", { id: "talkback-style" });
    css.textContent = ".talkback{font:inherit;max-width:42rem}.talkback ol{list-style:none;padding-left:0}"
      + ".talkback .talkback-replies{padding-left:1.5rem;border-left:2px solid #ddd}"
      + ".talkback-comment{margin:1rem 0}.talkback-meta{margin:0;color:#555}.talkback-pending{opacity:.75}"
      + ".talkback-awaiting{font-style:italic}.talkback-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}"
      + ".talkback-field label{display:block;font-weight:600}.talkback-field input,.talkback-field textarea{width:100%;box-sizing:border-box}"
      + ".talkback button{margin-right:.5rem}.talkback button:focus,.talkback a:focus,.talkback input:focus,.talkback textarea:focus{outline:3px solid #1a73e8}"
      + ".talkback-message{color:#b00020}";
    document.head.appendChild(css);
  }

  function start() {
    style();
    Array.prototype.forEach.call(document.querySelectorAll("[data-talkback-site]"), function (container) {
      if (!container.talkback) container.talkback = new Section(container);
    });
    counts();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
