// Self-assessment with a checklist, in the browser only: answers are kept in
// localStorage (per checklist and version), scores per area, group and
// overall update as you answer (answers without a score, such as N/A, are
// left out), critical gaps (a critical item answered other than yes) are
// listed once something is answered, and the answers, with the centre, date,
// assessors and a note per item, can be downloaded as CSV the way Excel
// opens it in the page's language (UTF-8 with BOM; `;` and French headers
// from a French page). Without JavaScript the checklist is a readable list.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var french = lang.indexOf("fr") === 0;

  function percent(share) {
    var n = Math.round(share * 100);
    return french ? n + "\u00a0%" : n + "%";
  }

  function storageKey(form) {
    return "relais:checklist:" + form.dataset.checklist + ":" + (form.dataset.version || "");
  }

  function load(form) {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey(form)) || "{}");
    } catch (e) {
      return {};
    }
  }

  function save(form, answers) {
    try {
      window.localStorage.setItem(storageKey(form), JSON.stringify(answers));
    } catch (e) {
      // Storage refused (private mode): scores still work for this visit.
    }
  }

  function answers(form) {
    var out = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      out[input.name] = input.value;
    });
    form.querySelectorAll("input[type=text], input[type=date]").forEach(function (input) {
      if (input.value) out[input.name] = input.value;
    });
    return out;
  }

  // An item's id is the name of its answers.
  function itemId(item) {
    return item.querySelector("input[type=radio]").name;
  }

  function scoreOf(form, value) {
    var found;
    (form.dataset.scores || "").split("|").forEach(function (pair) {
      var colon = pair.lastIndexOf(":");
      if (pair.slice(0, colon) === value) found = pair.slice(colon + 1);
    });
    return found;
  }

  function update(form) {
    var sums = {};
    var add = function (key, score) {
      var s = sums[key] || (sums[key] = { sum: 0, n: 0 });
      s.sum += score;
      s.n += 1;
    };
    var answered = 0;
    var total = 0;
    var gaps = [];
    form.querySelectorAll(".checklist-item").forEach(function (item) {
      total += 1;
      var checked = item.querySelector("input[type=radio]:checked");
      if (!checked) return;
      answered += 1;
      // Each answer's score is given once, on the form: "yes:1|partial:0.5|na:".
      var given = scoreOf(form, checked.value);
      if (given === undefined || given === "") return;
      var score = parseFloat(given);
      if (score < 1 && item.classList.contains("is-critical")) {
        gaps.push(item);
      }
      var area = item.closest(".checklist-area");
      add("area:" + area.dataset.area, score);
      add("group:" + area.dataset.group, score);
      add("overall", score);
    });
    form.querySelectorAll("output.checklist-score").forEach(function (output) {
      var key = output.dataset.scope === "overall" ? "overall" : output.dataset.scope + ":" + output.dataset.id;
      var s = sums[key];
      output.textContent = s && s.n ? percent(s.sum / s.n) : "–";
    });
    var count = form.querySelector(".checklist-count");
    if (count) count.textContent = "(" + answered + "/" + total + ")";
    var gapCount = form.querySelector(".checklist-gap-count");
    if (gapCount) gapCount.textContent = answered ? String(gaps.length) : "–";
    var list = form.querySelector(".checklist-gaps");
    if (list) {
      list.innerHTML = "";
      if (!gaps.length) {
        // "No critical gap" only once something has been answered.
        var none = document.createElement("li");
        none.textContent = (answered ? list.dataset.none : list.dataset.empty) || "";
        list.appendChild(none);
      }
      gaps.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + item.id;
        a.textContent = item.querySelector(".item-text").textContent;
        li.appendChild(a);
        list.appendChild(li);
      });
    }
  }

  function csvCell(text) {
    text = String(text == null ? "" : text);
    return /[",\n\r;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function field(form, name) {
    var input = form.querySelector('input[name="' + name + '"]');
    return input ? input.value.trim() : "";
  }

  function titleOf(element) {
    if (!element) return "";
    var copy = element.cloneNode(true);
    copy.querySelectorAll("output").forEach(function (o) { o.remove(); });
    return copy.textContent.trim();
  }

  function download(form) {
    var separator = form.dataset.separator || ",";
    var yesNo = (form.dataset.yesNo || "yes|no").split("|");
    var rows = [(form.dataset.columns || "").split("|")];
    var filing = [field(form, "filing-centre"), field(form, "filing-date"), field(form, "filing-assessors")];
    form.querySelectorAll(".checklist-item").forEach(function (item) {
      var area = item.closest(".checklist-area");
      var group = item.closest(".checklist-group");
      var checked = item.querySelector("input[type=radio]:checked");
      var text = item.querySelector(".item-text").cloneNode(true);
      text.querySelectorAll(".item-id, .critical-mark").forEach(function (e) { e.remove(); });
      rows.push(filing.concat([
        itemId(item).toUpperCase(),
        titleOf(area.querySelector("legend")),
        titleOf(group.querySelector("h3")),
        item.classList.contains("is-critical") ? yesNo[0] : yesNo[1],
        text.textContent.trim(),
        checked ? checked.parentNode.textContent.trim() : "",
        field(form, "note-" + itemId(item))
      ]));
    });
    var csv = rows.map(function (row) { return row.map(csvCell).join(separator); }).join("\r\n") + "\r\n";
    var blob = new Blob(["\ufeff" + csv], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = form.dataset.checklist.replace(/[^a-z0-9-]+/gi, "-") + "-" + lang + ".csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  document.querySelectorAll("form.checklist-form").forEach(function (form) {
    var saved = load(form);
    Object.keys(saved).forEach(function (name) {
      var input = form.querySelector('input[type=radio][name="' + name + '"][value="' + saved[name] + '"]');
      if (input) input.checked = true;
      var typed = form.querySelector('input[name="' + name + '"]:not([type=radio])');
      if (typed) typed.value = saved[name];
    });
    // On a phone the summary is one line that opens on demand.
    var summary = form.querySelector("details.checklist-summary");
    if (summary && window.matchMedia && window.matchMedia("(max-width: 40rem)").matches) summary.open = false;
    form.addEventListener("input", function () { save(form, answers(form)); });
    form.addEventListener("change", function () {
      save(form, answers(form));
      update(form);
    });
    var dl = form.querySelector(".checklist-download");
    if (dl) dl.addEventListener("click", function () { download(form); });
    var reset = form.querySelector(".checklist-reset");
    if (reset) reset.addEventListener("click", function () {
      if (!window.confirm(reset.dataset.confirm || "")) return;
      form.querySelectorAll("input[type=radio]:checked").forEach(function (input) { input.checked = false; });
      form.querySelectorAll("input[type=text], input[type=date]").forEach(function (input) { input.value = ""; });
      try { window.localStorage.removeItem(storageKey(form)); } catch (e) { /* nothing kept */ }
      update(form);
    });
    form.classList.add("is-interactive");
    update(form);
  });
})();
