/* 교육금천 search worker: speaks Material's worker protocol (SETUP 0, READY 1, QUERY 2, RESULT 3)
 * over the sharded Korean index in search/edugc/. Nothing is fetched until the reader focuses the
 * search box (the page tells us, see overrides/main.html) or queries; then the manifest, the shards
 * for the query's first syllables, and the chunks of the top results. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var ROOT = new URL("../../", self.location.href);   // this file lives in assets/javascripts/
/* Material renders ten results at once and the rest only on scroll; fetching and sending more costs a
 * phone bytes and a round trip for results nobody sees. A page shows its three best sections. */
var MAX_PAGES = 10, MAX_SECTIONS = 3;
/* A browser opens six connections to a host (HTTP/1.1): the chunks of the first six pages arrive in
 * one round trip, the rest in a second. Those six are sent first, the full list when it is there. */
var FIRST_PAGES = 6;

var indexUrl = null, manifest = null, manifestPromise = null, splitSet = {};
var shardCache = {}, chunkCache = {}, chunkDone = {}, chunkAbort = {}, latest = 0, focused = false;

/* ---- Hangul: compare by letters so a half-typed syllable (설며, 섦, 호) is a prefix of 설명회, 회 ---- */
var CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
var JUNG = ["ㅏ","ㅐ","ㅑ","ㅒ","ㅓ","ㅔ","ㅕ","ㅖ","ㅗ","ㅗㅏ","ㅗㅐ","ㅗㅣ","ㅛ","ㅜ","ㅜㅓ","ㅜㅔ","ㅜㅣ","ㅠ","ㅡ","ㅡㅣ","ㅣ"];
var JONG = ["","ㄱ","ㄲ","ㄱㅅ","ㄴ","ㄴㅈ","ㄴㅎ","ㄷ","ㄹ","ㄹㄱ","ㄹㅁ","ㄹㅂ","ㄹㅅ","ㄹㅌ","ㄹㅍ","ㄹㅎ","ㅁ","ㅂ","ㅂㅅ","ㅅ","ㅆ","ㅇ","ㅈ","ㅊ","ㅋ","ㅌ","ㅍ","ㅎ"];
var COMPAT = {"ㄳ":"ㄱㅅ","ㄵ":"ㄴㅈ","ㄶ":"ㄴㅎ","ㄺ":"ㄹㄱ","ㄻ":"ㄹㅁ","ㄼ":"ㄹㅂ","ㄽ":"ㄹㅅ","ㄾ":"ㄹㅌ",
  "ㄿ":"ㄹㅍ","ㅀ":"ㄹㅎ","ㅄ":"ㅂㅅ","ㅘ":"ㅗㅏ","ㅙ":"ㅗㅐ","ㅚ":"ㅗㅣ","ㅝ":"ㅜㅓ","ㅞ":"ㅜㅔ","ㅟ":"ㅜㅣ","ㅢ":"ㅡㅣ"};

function letters(s) {
  var out = "";
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c >= 0xAC00 && c <= 0xD7A3) {
      var n = c - 0xAC00;
      out += CHO[(n / 588) | 0] + JUNG[((n % 588) / 28) | 0] + JONG[n % 28];
    } else {
      var ch = s.charAt(i);
      out += COMPAT[ch] || ch;
    }
  }
  return out;
}

/* ---- Shards: by first syllable (index.shard_key), big ones by the second too (index.split_key) ---- */
function isSyllable(c) { return c >= 0xAC00 && c <= 0xD7A3; }
function jongless(ch) {
  var c = ch.charCodeAt(0);
  return isSyllable(c) ? String.fromCharCode(0xAC00 + (((c - 0xAC00) / 28) | 0) * 28) : ch;
}
function shardKey(token) {
  if (/^[0-9a-z]/.test(token)) return /^[0-9a-z]{2}/.test(token) ? token.slice(0, 2) : token.charAt(0);
  return token.charAt(0);
}

/* What a half-typed last syllable may still become: 서 → 서, 석, 설, 섦…, 숴 (a vowel that grows);
 * 설 → 설, 섦, 섧… and 서 (its ㄹ may move on: 서류). */
var GROWS = {8: [9, 10, 11], 13: [14, 15, 16], 18: [19]};
var JONG_GROWS = {1: [3], 4: [5, 6], 8: [9, 10, 11, 12, 13, 14, 15], 17: [18]};
function becomes(ch) {
  var c = ch.charCodeAt(0);
  if (!isSyllable(c)) return [ch];
  var n = c - 0xAC00, l = (n / 588) | 0, v = ((n % 588) / 28) | 0, j = n % 28, out = [];
  function syl(vv, jj) { return String.fromCharCode(0xAC00 + (l * 21 + vv) * 28 + jj); }
  if (j === 0) {
    [v].concat(GROWS[v] || []).forEach(function (vv) { for (var jj = 0; jj < 28; jj++) out.push(syl(vv, jj)); });
  } else {
    out.push(ch, syl(v, 0));
    (JONG_GROWS[j] || []).forEach(function (jj) { out.push(syl(v, jj)); });
  }
  return out;
}

/* The shards a term may live in. Only the query's last term may be half-typed; a finished first
 * syllable names its shard without the manifest, so the first query fetches it beside the manifest. */
function shardKeysFor(term, last) {
  var c = term.charCodeAt(0);
  if (c >= 0x3131 && c <= 0x318E) return Promise.resolve([]);      // a lone letter: wait for a syllable
  if (!isSyllable(c)) return Promise.resolve([shardKey(term)]);
  var first = term.charAt(0);
  if (term.length === 1 && !last) return Promise.resolve([first]);
  if (term.length >= 2 && isSyllable(term.charCodeAt(1))) {
    // The second syllable may be half-typed only if it ends the term.
    var seconds = term.length === 2 && last ? becomes(jongless(term.charAt(1))).filter(function (s, i, all) {
      return s === jongless(s) && all.indexOf(s) === i; }) : [jongless(term.charAt(1))];
    if (!splitSet[first]) return Promise.resolve([first]);
    return Promise.resolve([first].concat(seconds.map(function (s) { return first + s; })));
  }
  return loadManifest().then(function () {
    var firsts = term.length === 1 ? becomes(first) : [first], keys = [];
    var next = term.length >= 2 ? letters(term.charAt(1)) : "";          // 학ㅅ: only 학 + ㅅ…
    manifest.keys.forEach(function (k) {
      if (firsts.indexOf(k.charAt(0)) !== -1 && (k.length === 1 || letters(k.charAt(1)).lastIndexOf(next, 0) === 0))
        keys.push(k);
    });
    return keys;
  });
}

function keyFile(key) {
  var out = [];
  for (var i = 0; i < key.length; i++) out.push(key.charCodeAt(i).toString(16));
  return out.join("-");
}

function getJSON(path, missingOk, signal) {
  return fetch(new URL(path, ROOT).href, signal ? {signal: signal} : undefined).then(function (r) {
    if (missingOk && r.status === 404) return {};
    if (!r.ok) throw new Error(path + " " + r.status);
    return r.json();
  });
}

function loadManifest() {
  if (!manifestPromise) manifestPromise = getJSON(indexUrl + "m.json").then(function (m) {
    manifest = m;
    manifest.pages = [];
    manifest.pageNo = {};   // first document of a page → the page's position (its chunk's name)
    manifest.pageIdx = new Int32Array(m.documents);   // any document → its page's position
    for (var i = 0, at = 0; i < m.sizes.length; at += m.sizes[i++]) {
      manifest.pageNo[at] = i;
      manifest.pages.push(at);
      manifest.pageIdx.fill(i, at, at + m.sizes[i]);
    }
    return m;
  }, function (err) {
    manifestPromise = null;   // fetched on focus over a flaky network: the next query asks again
    throw err;
  });
  return manifestPromise;
}

/* A shard named before the manifest arrived may not exist (a syllable no page uses): empty. */
function loadShard(key) {
  if (!shardCache[key]) shardCache[key] = getJSON(indexUrl + "t/" + keyFile(key) + ".json", true).then(function (body) {
    return Object.keys(body).map(function (t) { return {token: t, letters: letters(t), postings: body[t]}; });
  });
  return shardCache[key];
}

function loadChunk(n) {
  if (!chunkCache[n]) {
    var ctl = typeof AbortController === "function" ? new AbortController() : null;
    var loading = getJSON(indexUrl + "d/" + n + ".json", false, ctl && ctl.signal).then(function (rows) {
      chunkDone[n] = true;
      if (chunkAbort[n] === ctl) delete chunkAbort[n];
      return rows;
    }, function (err) {
      if (chunkCache[n] === loading) { delete chunkCache[n]; delete chunkAbort[n]; }   // asked again later: fetched again
      throw err;
    });
    chunkCache[n] = loading;
    chunkAbort[n] = ctl;
  }
  return chunkCache[n];
}

/* Chunks still on their way for an earlier query and not needed by this one would hold the browser's
 * few connections (typing 대학 연계 진로교육 asks for 대학's ten pages, then 대학 연계's): let them go. */
function dropChunksExcept(keep) {
  Object.keys(chunkAbort).forEach(function (n) {
    if (!keep[n] && chunkAbort[n]) chunkAbort[n].abort();
  });
}

/* ---- Query analysis ---- */
function terms(query) {
  var seen = {}, out = [];
  query.normalize("NFC").toLowerCase().split(/[^0-9a-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u3131-\u318E\uAC00-\uD7A3\u4E00-\u9FFF]+/)
    .forEach(function (t) { if (t && !seen[t]) { seen[t] = 1; out.push(t); } });
  return out;
}

/* Tokens of the loaded shards whose letters start with the term's letters. */
function matchTokens(term, shards) {
  var want = letters(term), found = [];
  shards.forEach(function (tokens) {
    for (var i = 0; i < tokens.length; i++)
      if (tokens[i].letters.lastIndexOf(want, 0) === 0) found.push(tokens[i]);
  });
  return found;
}

/* Forms of a term: as typed, and without a known ending (신청하려면 → 신청), both kept; if neither
 * matches, shorter and shorter prefixes down to two syllables. */
function stems(term) {
  var out = [], endings = manifest.endings;
  for (var i = 0; i < endings.length; i++) {
    var e = endings[i];
    if (term.length > e.length && term.slice(-e.length) === e) out.push(term.slice(0, -e.length));
  }
  return out;
}

function resolveTerm(term, last) {
  return Promise.all([shardKeysFor(term, last).then(function (keys) {
    return Promise.all(keys.map(loadShard));
  }), loadManifest()]).then(function (both) {
    var shards = both[0];
    var found = matchTokens(term, shards), form = term, seen = {};
    found.forEach(function (t) { seen[t.token] = 1; });
    var alt = stems(term);
    for (var i = 0; i < alt.length; i++) {
      var more = matchTokens(alt[i], shards).filter(function (t) { return !seen[t.token]; });
      if (more.length) {
        if (!found.length) form = alt[i];
        more.forEach(function (t) { seen[t.token] = 1; found.push(t); });
        break;
      }
    }
    for (var k = term.length - 1; !found.length && k >= 2; k--) {
      found = matchTokens(term.slice(0, k), shards);
      form = term.slice(0, k);
    }
    return {term: term, form: form, tokens: found};
  });
}

/* Pages ranked for the query: a document's score for a term is its best token's weight (an exact
 * token counts whole, a longer one by how much of it was typed) times the term's rarity, summed over
 * the terms; a page ranks by the terms any of its documents matched, then by its best document plus a
 * tenth of the others. Typed arrays over document numbers, objects only for the pages returned:
 * a common first syllable touches thousands of documents. */
function rank(resolved) {
  var N = manifest.documents, T = resolved.length, pageIdx = manifest.pageIdx;
  var total = new Float64Array(N), best = new Float64Array(N), any = new Uint8Array(N), touched = [];
  var hitBy = resolved.map(function (r) {
    var hit = new Uint8Array(N), list = [];
    r.tokens.forEach(function (t) {
      var exact = t.token === r.term || t.token === r.form ? 1 : 0.5 + 0.5 * Math.min(1, r.form.length / t.token.length);
      var p = t.postings, id = 0;
      for (var i = 0; i < p.length; i += 2) {
        id += p[i];
        var s = p[i + 1] * exact;
        if (!hit[id]) { hit[id] = 1; best[id] = 0; list.push(id); }
        if (s > best[id]) best[id] = s;
      }
    });
    var idf = Math.log(1 + N / Math.max(1, list.length));
    for (var j = 0; j < list.length; j++) {
      var id = list[j];
      total[id] += best[id] * idf;
      if (!any[id]) { any[id] = 1; touched.push(id); }
    }
    return hit;
  });
  touched.sort(function (a, b) { return a - b; });
  var groups = [], byPage = {};
  touched.forEach(function (id) {
    var pi = pageIdx[id], g = byPage[pi];
    if (!g) g = byPage[pi] = groups[groups.length] = {page: manifest.pages[pi], pi: pi, score: 0, sum: 0, matched: []};
    if (total[id] > g.score) g.score = total[id];
    g.sum += total[id];
    for (var ti = 0; ti < T; ti++) if (hitBy[ti][id]) g.matched[ti] = true;
  });
  var ranked = groups
    .map(function (g) {
      g.hits = 0;
      for (var ti = 0; ti < T; ti++) if (g.matched[ti]) g.hits++;
      g.rank = g.score + 0.1 * (g.sum - g.score);
      return g;
    })
    .sort(function (a, b) { return b.hits - a.hits || b.rank - a.rank || a.page - b.page; })
    .slice(0, MAX_PAGES);
  // The documents of the pages returned, and the tokens each matched (they are highlighted).
  var wanted = {};
  ranked.forEach(function (g) {
    var matched = {};
    g.matched.forEach(function (yes, ti) { if (yes) matched[ti] = true; });
    g.matched = matched;
    g.docs = [];
    for (var id = g.page, end = g.page + manifest.sizes[g.pi]; id < end; id++)
      if (any[id]) g.docs.push(wanted[id] = {id: id, score: total[id], tokens: []});
  });
  resolved.forEach(function (r) {
    r.tokens.forEach(function (t) {
      var p = t.postings, id = 0;
      for (var i = 0; i < p.length; i += 2) {
        id += p[i];
        if (wanted[id]) wanted[id].tokens.push(t.token);
      }
    });
  });
  return ranked;
}

/* The first document of a document's page (manifest.pageIdx knows each document's page). */
function pageOf(id) {
  return manifest.pages[manifest.pageIdx[id]];
}

/* ---- Rendering: the original text, escaped, with what matched marked ---- */
function escapeHTML(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function highlight(text, marks) {
  var lower = text.toLowerCase(), ranges = [];
  marks.forEach(function (m) {
    if (!m) return;
    for (var at = lower.indexOf(m); at !== -1; at = lower.indexOf(m, at + m.length)) ranges.push([at, at + m.length]);
  });
  ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var out = "", pos = 0;
  ranges.forEach(function (r) {
    if (r[0] < pos) return;
    out += escapeHTML(text.slice(pos, r[0])) + "<mark data-md-highlight>" + escapeHTML(text.slice(r[0], r[1])) + "</mark>";
    pos = r[1];
  });
  return out + escapeHTML(text.slice(pos));
}

function search(query, ticket, onFirst) {
  var list = terms(query);
  if (!list.length) return Promise.resolve({items: []});
  var manifestReady = loadManifest();
  return Promise.all(list.map(function (t, i) { return resolveTerm(t, i === list.length - 1); })).then(function (resolved) {
    return manifestReady.then(function () { return resolved; });
  }).then(function (resolved) {
    // A page matches a term if any of its sections does; pages with more of the terms come first,
    // and those with fewer still follow (a stray 법 or 때 in a question must not empty the list).
    var ranked = rank(resolved);
    // A newer query came while the shards loaded: its own answer follows, fetch nothing for this one.
    if (ticket !== latest) return null;
    // Each page's article and sections live in one small file, named by the page's position.
    var pageNo = manifest.pageNo, keep = {};
    ranked.forEach(function (g) { keep[pageNo[g.page]] = true; });
    dropChunksExcept(keep);
    var chunks = ranked.map(function (g) { return loadChunk(pageNo[g.page]); });
    var first = Math.min(FIRST_PAGES, ranked.length);
    if (first < ranked.length && onFirst) {
      Promise.all(chunks.slice(0, first)).then(function (loaded) {
        // Only if the rest is still on its way: otherwise the full list follows at once.
        if (ranked.slice(first).some(function (g) { return !chunkDone[pageNo[g.page]]; }))
          onFirst(render(ranked.slice(0, first), loaded, resolved));
      }, function () {});
    }
    return Promise.all(chunks).then(function (loaded) { return render(ranked, loaded, resolved); });
  });
}

/* Material's result items for ranked pages, from their loaded chunks: the article, then its best sections. */
function render(ranked, loaded, resolved) {
  var rows = {};
  ranked.forEach(function (g, i) { rows[g.page] = loaded[i]; });
  // A section's row holds its #anchor only; its page's path is the article's.
  function row(id) {
    var p = pageOf(id), r = rows[p][id - p];
    return id === p ? r : [rows[p][0][0] + r[0], r[1], r[2]];
  }
  var items = ranked.map(function (g) {
    var byId = {}, termsShown = {};
    resolved.forEach(function (r) { termsShown[r.form] = false; });
    g.docs.forEach(function (d) { byId[d.id] = d; });
    resolved.forEach(function (r, ti) { if (g.matched[ti]) termsShown[r.form] = true; });
    var marksFor = function (d) {
      var marks = d ? d.tokens.slice() : [];
      resolved.forEach(function (r) { if (r.tokens.length) marks.push(r.form); });
      return marks.sort(function (a, b) { return b.length - a.length; });
    };
    var docsOut = [];
    var art = byId[g.page], artRow = row(g.page);
    docsOut.push({location: artRow[0], title: highlight(artRow[1], marksFor(art)),
      text: highlight(artRow[2], marksFor(art)), score: g.rank, terms: termsShown});
    g.docs.filter(function (d) { return d.id !== g.page; })
      .sort(function (a, b) { return b.score - a.score; })
      .slice(0, MAX_SECTIONS)
      .forEach(function (d) {
        var r = row(d.id);
        docsOut.push({location: r[0], title: highlight(r[1], marksFor(d)), text: highlight(r[2], marksFor(d)),
          score: d.score, terms: termsShown});
      });
    return docsOut;
  });
  return {items: items};
}

/* The page names this worker by a random fragment and says on a channel of that name when the reader
 * focuses the search box: the manifest is fetched then, while the query is still being typed. */
var hint = self.location.hash.slice(1);
if (hint && typeof BroadcastChannel !== "undefined") {
  new BroadcastChannel("edugc-search-" + hint).onmessage = function () {
    focused = true;
    if (indexUrl) loadManifest().catch(function () {});
  };
}

self.addEventListener("message", function (ev) {
  var msg = ev.data;
  if (msg.type === SETUP) {
    var config = msg.data.config || {};
    indexUrl = config.edugc;
    if (focused) loadManifest().catch(function () {});
    // Which first syllables are split rides in the config, so a first query needs no manifest to
    // name its shards and fetches them beside it.
    (config.edugc_split || "").split("").forEach(function (k) { splitSet[k] = true; });
    self.postMessage({type: READY});
  } else if (msg.type === QUERY) {
    var ticket = ++latest;
    search(msg.data, ticket, function (first) {
      if (ticket === latest) self.postMessage({type: RESULT, data: first});
    }).then(function (result) {
      if (result && ticket === latest) self.postMessage({type: RESULT, data: result});
    }, function (err) {
      if (ticket !== latest) return;   // a newer query let this one's files go
      self.postMessage({type: RESULT, data: {items: []}});
      console.error(err);
    });
  }
});
