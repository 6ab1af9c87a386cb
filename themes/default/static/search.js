// Search of one language's documents, in the browser, from the index that
// `search-index.js` sets (scripts, so that they load from file:// too).
// The index is inverted and may be split in parts (see src/search.rs): a
// query loads the word shards of its words' first two letters, then the
// chunks that describe the results it shows.
// A document matches when every word of the query begins one of its words;
// words in the title, the summary and the headings rank it higher.
(function () {
  "use strict";
  var index = window.relaisSearch;
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!index || !input || !list || !status) return;
  var MAX_SHOWN = 50;
  var TITLE = 1, SUMMARY = 2;
  index.parts = index.parts || {};
  index.add = function (name, data) { index.parts[name] = data; };
  var shards = {};
  index.shards.forEach(function (name) { shards[name] = true; });

  // As the build folds the index: lower case, no accents, œ as oe.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return Array.from(w).length >= 2; });
  }

  var kinds = {};
  document.querySelectorAll("#search-kinds [data-kind]").forEach(function (li) {
    kinds[li.getAttribute("data-kind")] = li.textContent;
  });

  // A part of the index, loaded once, as a script beside search-index.js.
  var loading = {};
  function load(name) {
    if (index.parts[name]) return Promise.resolve(index.parts[name]);
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = "../search-index/" + name + ".js";
        script.onload = script.onerror = function () { resolve(index.parts[name] || null); };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  // The shard of a word: its first two letters, or their UTF-8 bytes in hex.
  function shardOf(word) {
    var head = Array.from(word).slice(0, 2).join("");
    if (/^[a-z0-9]+$/.test(head)) return head;
    var hex = "x";
    new TextEncoder().encode(head).forEach(function (b) { hex += (b < 16 ? "0" : "") + b.toString(16); });
    return hex;
  }

  // The documents with a word that begins with `token`: number -> [flags, headings].
  function matches(shard, token) {
    var found = new Map();
    if (!shard) return found;
    Object.keys(shard).forEach(function (word) {
      if (word.indexOf(token) !== 0) return;
      var id = 0;
      shard[word].split(",").forEach(function (item) {
        var fields = item.split(".");
        id += parseInt(fields[0], 36);
        var hit = found.get(id);
        if (!hit) { hit = [0, []]; found.set(id, hit); }
        if (fields.length > 1) {
          hit[0] |= parseInt(fields[1], 36);
          for (var i = 2; i < fields.length; i++) hit[1].push(parseInt(fields[i], 36));
        }
      });
    });
    return found;
  }

  function search(query) {
    var tokens = words(query);
    if (tokens.length === 0) return Promise.resolve(null);
    return Promise.all(tokens.map(function (t) {
      var name = shardOf(t);
      return shards[name] ? load("w-" + name) : Promise.resolve(null);
    })).then(function (loaded) {
      var results = null;
      tokens.forEach(function (token, i) {
        var hits = matches(loaded[i], token);
        var kept = new Map();
        (results || hits).forEach(function (value, id) {
          var hit = hits.get(id);
          if (!hit) return;
          var r = results ? value : { id: id, score: 0, headings: [] };
          r.score += 1;
          if (hit[0] & TITLE) r.score += 10;
          if (hit[0] & SUMMARY) r.score += 3;
          hit[1].forEach(function (h) { if (r.headings.indexOf(h) < 0) r.headings.push(h); });
          kept.set(id, r);
        });
        results = kept;
      });
      var found = Array.from(results.values());
      found.forEach(function (r) {
        r.headings.sort(function (a, b) { return a - b; });
        r.score += 5 * Math.min(r.headings.length, 3);
        r.headings = r.headings.slice(0, 3);
      });
      // Documents are numbered in the order of their titles.
      found.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      var shown = found.slice(0, MAX_SHOWN);
      var chunks = {};
      shown.forEach(function (r) { chunks[Math.floor(r.id / index.chunk)] = true; });
      return Promise.all(Object.keys(chunks).map(function (c) { return load("d-" + c); })).then(function () {
        shown.forEach(function (r) {
          var chunk = index.parts["d-" + Math.floor(r.id / index.chunk)] || [];
          var d = chunk[r.id % index.chunk] || ["", "", "", "", []];
          r.doc = { t: d[0], u: d[1], k: d[2], s: d[3] };
          r.headings = r.headings.map(function (h) { return d[4][h]; }).filter(Boolean)
            .map(function (h) { return { text: h[0], id: h[1] }; });
        });
        return { tokens: tokens, count: found.length, results: shown };
      });
    });
  }

  // The text with the words that begin with a query word marked.
  function marked(text, tokens) {
    var out = document.createDocumentFragment();
    text.split(/([^\p{L}\p{N}]+)/u).forEach(function (part) {
      var f = fold(part);
      if (part && tokens.some(function (t) { return f.indexOf(t) === 0; })) {
        var m = document.createElement("mark");
        m.textContent = part;
        out.appendChild(m);
      } else {
        out.appendChild(document.createTextNode(part));
      }
    });
    return out;
  }

  // Only the last query's results are shown, however the loads end.
  var asked = 0;
  function show(query) {
    var ask = ++asked;
    return search(query).then(function (found) {
      if (ask === asked) render(found);
    });
  }

  function render(found) {
    list.textContent = "";
    if (!found) { status.textContent = ""; return; }
    var n = found.count;
    status.textContent = n === 0 ? status.getAttribute("data-none")
      : n === 1 ? status.getAttribute("data-one")
      : status.getAttribute("data-many").replace("{n}", String(n));
    // A short query can match thousands of documents: the best ones are enough.
    if (n > MAX_SHOWN) status.textContent += " " + status.getAttribute("data-first").replace("{n}", String(MAX_SHOWN));
    found.results.forEach(function (r) {
      var d = r.doc;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "search-title";
      a.href = "../" + d.u;
      a.appendChild(marked(d.t, found.tokens));
      li.appendChild(a);
      if (kinds[d.k]) {
        var kind = document.createElement("span");
        kind.className = "search-kind";
        kind.textContent = " · " + kinds[d.k];
        li.appendChild(kind);
      }
      if (d.s) {
        var p = document.createElement("p");
        p.className = "search-summary";
        p.appendChild(marked(d.s, found.tokens));
        li.appendChild(p);
      }
      if (r.headings.length) {
        var sections = document.createElement("p");
        sections.className = "search-sections";
        sections.appendChild(document.createTextNode(status.getAttribute("data-in") + " "));
        r.headings.forEach(function (h, i) {
          if (i) sections.appendChild(document.createTextNode(" · "));
          var link = document.createElement("a");
          // A heading on the page of a later section reads "file.html#id"
          // (an id may hold a "#" of its own: only a file name before it counts).
          var onPage = /^([^#\/]+\.html)#(.*)$/.exec(h.id);
          link.href = onPage
            ? "../" + d.u.replace(/[^\/]*$/, "") + encodeURIComponent(onPage[1]) + "#" + encodeURIComponent(onPage[2])
            : "../" + d.u + "#" + encodeURIComponent(h.id);
          link.appendChild(marked(h.text, found.tokens));
          sections.appendChild(link);
        });
        li.appendChild(sections);
      }
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  show(input.value);
  input.addEventListener("input", function () {
    show(input.value);
    try {
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url.href);
    } catch (e) { /* some browsers refuse it on file:// pages; the results stand */ }
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
})();
