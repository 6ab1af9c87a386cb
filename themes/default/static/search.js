// Search of one language's documents, in the browser, from the index that
// `search-index.js` sets (a script, so that it loads from file:// too).
// A document matches when every word of the query begins one of its words;
// words in the title, the summary and the headings rank it higher.
(function () {
  "use strict";
  var data = window.relaisSearch;
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!data || !input || !list || !status) return;
  var MAX_SHOWN = 50;

  // As the build folds the index: lower case, no accents, œ as oe.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  }
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 2; });
  }
  // " a b c " so that " tok" finds a word that begins with tok.
  function spaced(list) { return " " + list.join(" ") + " "; }

  var kinds = {};
  document.querySelectorAll("#search-kinds [data-kind]").forEach(function (li) {
    kinds[li.getAttribute("data-kind")] = li.textContent;
  });
  var docs = data.docs.map(function (d) {
    return {
      doc: d,
      all: " " + d.w + " ",
      title: spaced(words(d.t)),
      summary: spaced(words(d.s)),
      headings: d.h.map(function (h) { return { text: h[0], id: h[1], words: spaced(words(h[0])) }; })
    };
  });

  function search(query) {
    var tokens = words(query);
    if (tokens.length === 0) return null;
    var found = [];
    docs.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < tokens.length; i++) {
        var needle = " " + tokens[i];
        if (d.all.indexOf(needle) < 0) return;
        score += 1;
        if (d.title.indexOf(needle) >= 0) score += 10;
        if (d.summary.indexOf(needle) >= 0) score += 3;
      }
      var headings = d.headings.filter(function (h) {
        return tokens.some(function (t) { return h.words.indexOf(" " + t) >= 0; });
      });
      score += 5 * Math.min(headings.length, 3);
      found.push({ d: d, score: score, headings: headings.slice(0, 3) });
    });
    found.sort(function (a, b) { return b.score - a.score || a.d.doc.t.localeCompare(b.d.doc.t); });
    return { tokens: tokens, results: found };
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

  function show(query) {
    list.textContent = "";
    var found = search(query);
    if (!found) { status.textContent = ""; return; }
    var n = found.results.length;
    status.textContent = n === 0 ? status.getAttribute("data-none")
      : n === 1 ? status.getAttribute("data-one")
      : status.getAttribute("data-many").replace("{n}", String(n));
    // A short query can match thousands of documents: the best ones are enough.
    if (n > MAX_SHOWN) status.textContent += " " + status.getAttribute("data-first").replace("{n}", String(MAX_SHOWN));
    found.results.slice(0, MAX_SHOWN).forEach(function (r) {
      var d = r.d.doc;
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
          link.href = "../" + d.u + "#" + encodeURIComponent(h.id);
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
