// Plugin Mirror pages: search and filters on the catalog, copy buttons on the setup page.
// No network requests, no dependencies; works when the pages are opened from the file system.
"use strict";

(function () {
  function parseVersion(text) {
    var match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
    if (!match) return null;
    return { parts: [+match[1], +(match[2] || 0), +(match[3] || 0)], pre: match[4] || "" };
  }

  // Semantic version precedence: numbers first; a pre-release sorts before its release.
  function compareVersions(a, b) {
    for (var i = 0; i < 3; i++) {
      if (a.parts[i] !== b.parts[i]) return a.parts[i] < b.parts[i] ? -1 : 1;
    }
    if (a.pre === b.pre) return 0;
    if (!a.pre) return 1;
    if (!b.pre) return -1;
    return a.pre < b.pre ? -1 : 1;
  }

  function setUpCatalog() {
    var cards = Array.prototype.slice.call(document.querySelectorAll("#cards > .card"));
    var search = document.getElementById("search");
    if (!search) return;
    var serverInput = document.getElementById("server-version");
    var count = document.getElementById("result-count");
    var noResults = document.getElementById("no-results");
    var versionError = document.getElementById("version-error");
    var labelBoxes = Array.prototype.slice.call(document.querySelectorAll("[data-label-filter]"));
    var indexed = cards.map(function (card) {
      var minimum = card.getAttribute("data-min-server");
      return {
        card: card,
        text: card.getAttribute("data-search") || "",
        labels: (card.getAttribute("data-labels") || "").split(" "),
        minimum: minimum ? parseVersion(minimum) : null,
        versions: parseVersions(card.getAttribute("data-versions") || ""),
        gets: card.querySelector(".server-gets")
      };
    });

    // "VERSION@MINIMUM" words, newest first (see ServerVersions.ForScript).
    function parseVersions(text) {
      return text.split(" ").filter(Boolean).map(function (word) {
        var at = word.lastIndexOf("@");
        var minimum = word.slice(at + 1);
        return { text: word.slice(0, at), version: parseVersion(word.slice(0, at)), minimum: minimum ? parseVersion(minimum) : null };
      });
    }

    // What mm/VERSION/ lists for that server: the newest version whose minimum it meets.
    function versionFor(item, server) {
      for (var i = 0; i < item.versions.length; i++) {
        var candidate = item.versions[i];
        if (!candidate.minimum || compareVersions(candidate.minimum, server) <= 0) return candidate;
      }
      return null;
    }

    function showWhatServerGets(item, server, serverText) {
      if (!item.gets) return;
      var got = server ? versionFor(item, server) : null;
      item.gets.hidden = !got;
      if (!got) return;
      item.gets.querySelector(".server-typed").textContent = serverText;
      item.gets.querySelector(".gets-version").textContent = got.text;
      item.gets.querySelector(".badge").hidden = !(got.version && got.version.pre);
    }

    function apply() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = labelBoxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      var serverText = serverInput.value.trim();
      var server = serverText ? parseVersion(serverText) : null;
      versionError.hidden = !serverText || server !== null;
      var shown = 0;
      indexed.forEach(function (item) {
        var visible = words.every(function (word) { return item.text.indexOf(word) !== -1; }) &&
          wanted.every(function (label) { return item.labels.indexOf(label) !== -1; }) &&
          (!server || !item.minimum || compareVersions(item.minimum, server) <= 0);
        item.card.hidden = !visible;
        showWhatServerGets(item, server, serverText);
        if (visible) shown++;
      });
      count.textContent = shown + " of " + indexed.length + " plugins";
      noResults.hidden = shown !== 0;
    }

    search.addEventListener("input", apply);
    serverInput.addEventListener("input", apply);
    labelBoxes.forEach(function (box) { box.addEventListener("change", apply); });
    apply();
  }

  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text, done); });
    } else {
      fallbackCopy(text, done);
    }
  }

  // Plain http on an intranet is not a secure context: the clipboard API is missing there.
  function fallbackCopy(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* the text stays selectable by hand */ }
    document.body.removeChild(area);
  }

  function setUpCopyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) return;
        copyText(source.textContent, function () {
          button.textContent = "Copied";
          button.classList.add("copied");
          setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 1500);
        });
      });
    });
  }

  setUpCatalog();
  setUpCopyButtons();
})();
