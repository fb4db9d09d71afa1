/* 교육금천 search worker: speaks Material's worker protocol (SETUP 0, READY 1, QUERY 2, RESULT 3)
 * over the sharded Korean index in search/edugc/. Nothing is fetched until the reader focuses the
 * search box (the page tells us, see overrides/main.html) or queries; then the manifest, the shards
 * for the query's first syllables, and the chunks of the top results. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var ROOT = new URL("../../", self.location.href);   // this file lives in assets/javascripts/
/* Material renders ten results at once and the rest only on scroll; fetching and sending more costs a
 * phone bytes and a round trip for results nobody sees. A page shows its best section's snippet under
 * its title, and that section folded below (a tap away from its anchor): more folded sections cost a
 * phone's CPU ~15 ms of rendering at every keystroke (bench_search, 4x slower CPU) for little. */
var MAX_PAGES = 10, MAX_SECTIONS = 1;
var OTHERS = 0.1;   // how much a page's other matching documents add to its best one (see rank)
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
    var tokens = Object.keys(body).map(function (t) { return {token: t, letters: letters(t), postings: body[t]}; });
    tokens.byToken = Object.create(null);
    tokens.forEach(function (t) { tokens.byToken[t.token] = t; });
    return tokens;
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

/* ---- Query analysis: a parent types whole questions ("고1인데 과목 선택 어떻게 해야 하나요").
 * The content words are kept, without their particles and endings (선택하려면 → 선택); question words,
 * adverbs and the verbs that only carry the sentence (하다, 되다, 있다, 싶다, 주다...) are dropped;
 * an everyday word also reaches the site's own word for the same thing (manifest.syn, see synonyms.py).
 * The lists below are Korean grammar (closed classes), not this site's words. ---- */
function wordSet(text) {
  var out = Object.create(null);
  text.split(/\s+/).forEach(function (w) { if (w) out[w] = 1; });
  return out;
}
var LONGEST = 6;   // no ending, particle or function word below is longer: lookups go by length

// Question words, adverbs, pronouns, dependent nouns and conjunctions: they say nothing of a topic.
var FUNCTION_WORDS = wordSet(
  "어떻게 어떡해 어떡해요 어떡하죠 어떡하나요 어떤 어떠한 어느 무엇 무엇을 무엇이 무엇인가요 뭐 뭘 뭐가 뭐를 뭔가요 뭔지 뭐예요 " +
  "뭐에요 뭐죠 뭐지 무슨 언제 언제쯤 언제까지 언제부터 언젠가요 어디 어디서 어디에 어디로 어디예요 어디에요 어딘가요 어딘지 " +
  "누가 누구 누구나 누구한테 누구에게 왜 몇 며칠 얼마 얼마나 얼마예요 얼만가요 " +
  "좀 잘 더 꼭 많이 너무 정말 진짜 아직 아직도 벌써 이미 같이 함께 다시 혹시 그냥 지금 이제 요즘 계속 빨리 미리 따로 바로 " +
  "다 모두 또 안 못 제일 가장 매우 아주 많은 그럼 그러면 근데 그런데 그래서 그리고 또는 아니면 자꾸 먼저 대충 항상 " +
  "저 제 저희 제가 저는 나 내 내가 나는 우리 그 이 저기 여기 거기 그거 이거 저거 그게 이게 이것 그것 저것 이곳 그곳 " +
  "것 거 게 건 걸 데 수 때 곳 분 점 " +
  "중 등 쯤 개 번 명 가지 군데 정도 경우 관련 대해 대한 위해 위한 통해 있는 없는 같은 이런 그런 저런 이번 요번 다음 요 네 예 아니요 " +
  "안녕하세요 감사합니다");
// Stems of the verbs and adjectives that only carry a sentence, as they appear conjugated.
var LIGHT_STEMS = wordSet(
  "하 해 했 할 한 함 합 하시 되 돼 됐 될 된 됨 됩 되시 있 없 싶 주 줘 줬 줄 준 줍 주시 드리 드려 드릴 드린 " +
  "보 봐 봤 볼 본 봅 보시 받 가 갈 간 갔 갑 가시 와 오 올 온 왔 옵 오시 알 알려 같 좋 괜찮 궁금하 궁금해 궁금한 궁금 " +
  "이 인 일 였 예 이었 아니 않 않았 말 모르 몰라 몰랐 어떻 그렇 이렇 어때 어떠 필요하 필요해 필요한 쓰 써 썼 쓸 쓴");
// Endings after a verb or adjective stem, final or linking (요, 나요, 할까요; 고, 서, 려면, 는데...).
var VERB_ENDINGS = wordSet(
  "요 다 죠 지 지요 네 네요 나 나요 니 니까 까 까요 을까 을까요 가 가요 는가 는가요 은가요 냐 래 래요 대 대요 세요 " +
  "으세요 셔요 셨어요 십시오 습니다 니다 어 아 여 어요 아요 여요 에요 예요 이에요 야 어야 아야 여야 어야죠 게요 군요 는군요 " +
  "더라 던데 던데요 고 고요 서 어서 아서 여서 면 으면 려면 으려면 려고 으려고 러 으러 게 기 기에 기가 기는 기도 기를 는 은 " +
  "을 는데 은데 는데요 은데요 데 데요 는지 은지 을지 지만 거나 든지 며 으며 던 도 어도 아도 여도 다는데 다던데 다고 냐고 라고 " +
  "자 자고 었 았 였 었어요 았어요 였어요 었는데 았는데 었나요 았나요 었어 았어 었다 았다 었고 았고 겠 겠어요 겠나요 겠죠 " +
  "겠다 습니까 나요 는데 다면 으면요 면요");
// Particles and the copula after a noun (고교학점제가, 고1인데, 학교에서는, 상담이에요).
var PARTICLES = wordSet(
  "이 가 을 를 은 는 에 에서 에게 에게서 한테 한테서 께 께서 으로 로 와 과 랑 이랑 하고 의 도 만 까지 부터 처럼 보다 이나 나 " +
  "이라도 라도 요 이요 이에요 예요 에요 인데 인데요 인가요 인지 이면 이라면 라면 이라는 라는 이란 란 이라고 라고 이든 든 " +
  "에는 에서는 에서도 에도 으로는 로는 까지는 부터는 만은 이랑은 한테는 께는 밖에 뿐 마다 같이 처럼요 이죠 죠");
// Those whose 아/어 is fused into them (해 = 하 + 여, 알려 = 알리 + 어): an auxiliary follows at once.
var FUSED = wordSet("해 했 돼 됐 봐 봤 줘 줬 써 썼 가 갔 와 왔 알려 몰라 몰랐 드려 궁금해 필요해 어때");
// One-syllable question words and adverbs a phone user types onto the next word (뭐해요, 몇개까지).
var LEADS = wordSet("뭐 뭘 몇 왜 좀 잘 꼭 못 더");
// Light verbs a noun turns into a verb with (신청하다, 준비되다, 상담받다).
var NOUN_VERBS = wordSet("하 해 했 할 한 함 합 하시 되 돼 됐 될 된 됨 받 시키 드리 드려 드릴");
// Auxiliary verbs after a main verb's 아/어 form (길러 주다, 들어 보다, 알아 두다, 해 놓다).
var AUX_STEMS = wordSet("주 줘 줬 줄 준 주시 보 봐 봤 볼 본 보시 드리 드려 드릴 두 둬 놓 놔 버리 버려 싶 가 갈 와 오 올 계시");

/* Does the word only carry the sentence as a conjugated light verb (하나요, 알려주세요, 받고싶어요,
 * 해야돼요, 인데)? A stem takes an ending, then maybe another light verb; a stem whose 아/어 is
 * fused into it (해, 봐, 알려) may take the next verb at once. Two stems never make a word on their
 * own: 주말 is not 주 + 말, 이해 is not 이 + 해. */
function isLightVerb(word, depth) {
  if (depth > 3) return false;
  for (var n = 1; n <= Math.min(LONGEST, word.length); n++) {
    var stem = word.slice(0, n);
    if (!LIGHT_STEMS[stem]) continue;
    var rest = word.slice(n);
    if (!rest || VERB_ENDINGS[rest]) return true;
    if (FUSED[stem] && isLightVerb(rest, depth + 1)) return true;
    for (var m = 1; m < Math.min(LONGEST, rest.length); m++)
      if (VERB_ENDINGS[rest.slice(0, m)] && isLightVerb(rest.slice(m), depth + 1)) return true;
  }
  return false;
}

/* A function word, maybe with a particle (개까지, 것을, 수는). */
function isFunctionWord(word) {
  if (FUNCTION_WORDS[word]) return true;
  for (var n = 1; n < Math.min(LONGEST, word.length); n++)
    if (PARTICLES[word.slice(-n)] && FUNCTION_WORDS[word.slice(0, -n)]) return true;
  return false;
}

/* The function word a word opens with when typed onto the next (우리애 → 우리, 몇개까지 → 몇): the
 * longest of two syllables or more, or a one-syllable question word or adverb. */
function leadOf(word) {
  for (var n = Math.min(LONGEST, word.length - 1); n >= 1; n--) {
    var f = word.slice(0, n);
    if (FUNCTION_WORDS[f] && (n >= 2 || LEADS[f])) return f;
  }
  return "";
}

/* Does the word only carry the sentence: a function word, a light verb, or one typed onto the other
 * (뭐해요, 어떻게해요, 몇개까지)? */
function isLight(word) {
  if (isFunctionWord(word) || isLightVerb(word, 0)) return true;
  for (var n = 1; n < Math.min(LONGEST + 1, word.length); n++) {
    var f = word.slice(0, n);
    if (!FUNCTION_WORDS[f] || !(n >= 2 || LEADS[f])) continue;
    var rest = word.slice(n);
    if (isFunctionWord(rest) || isLightVerb(rest, 0)) return true;
  }
  return false;
}

function isSyl(ch) { var c = ch.charCodeAt(0); return c >= 0xAC00 && c <= 0xD7A3; }
function sylParts(ch) { var n = ch.charCodeAt(0) - 0xAC00; return [(n / 588) | 0, ((n % 588) / 28) | 0, n % 28]; }
function syl(l, v, j) { return String.fromCharCode(0xAC00 + (l * 21 + v) * 28 + j); }

/* The stem a conjugated last syllable stands for: 고른 → 고르 (ㄴ ㄹ ㅁ ㅂ ㅆ of an ending), 해 → 하,
 * 봐 → 보, 줘 → 주, 져 → 지 (ㅕ after a stem in ㅣ), 골라 → 고르 (르 verbs). */
function restored(word) {
  var out = [], last = word.charAt(word.length - 1), head = word.slice(0, -1);
  if (!isSyl(last)) return out;
  var p = sylParts(last);
  if (p[2] === 4 || p[2] === 8 || p[2] === 16 || p[2] === 17 || p[2] === 20) out.push(head + syl(p[0], p[1], 0));
  var base = p[2] === 20 ? syl(p[0], p[1], 0) : last;   // 했 → 해 first, then 하
  var contracted = {"해": "하", "돼": "되", "봐": "보", "줘": "주", "와": "오", "워": "우", "춰": "추"};
  if (contracted[base]) out.push(head + contracted[base]);
  var q = sylParts(base);
  if (q[1] === 6 && q[2] === 0 && q[0] !== 11) out.push(head + syl(q[0], 20, 0));   // 져 → 지, 려 → 리
  if (head && (base === "라" || base === "러")) {
    var h = head.charAt(head.length - 1);
    if (isSyl(h) && sylParts(h)[2] === 8) {
      var hp = sylParts(h);
      out.push(head.slice(0, -1) + syl(hp[0], hp[1], 0) + "르");
    }
  }
  return out;
}

/* Shorter forms of a content word, without what grammar added to it: 선택하려면 → 선택하 → 선택;
 * 고교학점제가 → 고교학점제; 골라요 → 골라 → 고르; 바뀐다는데 → 바뀐 → 바뀌; 길러주고 → 길러 → 기르.
 * Longest first. A single syllable is a form only when a particle or a whole ending came off the word
 * as typed (애가 → 애, 뽑나요 → 뽑, 쓸 → 쓰): a syllable left from a longer word (혼자 → 혼, 길러 → 길)
 * is noise. */
function candidates(word) {
  var seen = {}, out = [], queue = [word];
  seen[word] = 1;
  function add(form, from, strong) {
    if (!form || seen[form]) return;
    if (form.length === 1 && !(from === word && strong)) return;
    seen[form] = 1;
    out.push(form);
    queue.push(form);
  }
  for (var n = 0; queue.length && n < 40; n++) {
    var w = queue.shift();
    for (var k = 1; k < Math.min(LONGEST + 1, w.length); k++) {
      var e = w.slice(-k), head = w.slice(0, -k);
      if (PARTICLES[e]) add(head, w, true);
      if (VERB_ENDINGS[e]) add(head, w, k >= 2);
      if (NOUN_VERBS[e]) add(head, w, false);
    }
    restored(w).forEach(function (f) { add(f, w, w.length === 1); });
    for (var at = 1; at < w.length; at++) {   // 길러주고 → 길러, 들어볼 → 들어
      for (var len = 1; len <= 2 && at + len <= w.length; len++) {
        var rest = w.slice(at + len);
        if (AUX_STEMS[w.substr(at, len)] && (!rest || VERB_ENDINGS[rest])) add(w.slice(0, at), w, false);
      }
    }
  }
  return out.sort(function (a, b) { return b.length - a.length; });
}

function terms(query) {
  var seen = {}, out = [];
  query.normalize("NFC").toLowerCase().split(/[^0-9a-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u3131-\u318E\uAC00-\uD7A3\u4E00-\u9FFF]+/)
    .forEach(function (t) { if (t && !seen[t]) { seen[t] = 1; out.push(t); } });
  return out;
}

/* The words of a query the ranking counts: its content words (all of them, if it has no other). */
function contentTerms(list) {
  var kept = list.filter(function (t, i) { return !(isLight(t) && !(i === list.length - 1 && t.length === 1)); });
  return kept.length ? kept : list;
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

function exactToken(form, shards) {
  for (var s = 0; s < shards.length; s++)
    if (shards[s].byToken[form]) return shards[s].byToken[form];
  return null;
}

/* The site's words for an everyday one (manifest.syn: 생기부 → 학생부). */
function synonyms(forms) {
  var out = [], syn = (manifest && manifest.syn) || {};
  forms.forEach(function (f) {
    (syn[f] || []).forEach(function (t) { if (out.indexOf(t) === -1 && forms.indexOf(t) === -1) out.push(t); });
  });
  return out;
}

/* A term's tokens, each with how much it counts: as typed (a longer token by how much of it was typed),
 * a shorter form without particles and endings, the site's word for it; if none of them is on the
 * site, shorter and shorter prefixes down to two syllables. */
function resolveTerm(term, last) {
  var forms = last && term.length <= 1 ? [] : candidates(term);
  // The term's own shards are asked for at once; the synonyms are in the manifest (fetched when the
  // reader focused the box), their shards follow it.
  var own = Promise.all([shardKeysFor(term, last)].concat(forms.map(function (f) { return shardKeysFor(f, false); })))
    .then(loadKeys);
  var extra = loadManifest().then(function () {
    var syns = synonyms([term].concat(forms));
    return Promise.all(syns.map(function (f) { return shardKeysFor(f, false); })).then(loadKeys).then(function (shards) {
      return {syns: syns, shards: shards};
    });
  });
  return Promise.all([own, extra]).then(function (both) {
    var shards = both[0].concat(both[1].shards.filter(function (s) { return both[0].indexOf(s) === -1; }));
    var syns = both[1].syns, picked = {}, found = [];
    function take(t, factor) {
      var had = picked[t.token];
      if (had === undefined) { picked[t.token] = found.length; found.push({token: t.token, postings: t.postings, factor: factor}); }
      else if (found[had].factor < factor) found[had].factor = factor;
    }
    // As typed: a single finished syllable is a whole word (수, 애), longer ones may be a compound's start.
    if (term.length > 1 || last) matchTokens(term, shards).forEach(function (t) {
      take(t, t.token === term ? 1 : 0.5 + 0.5 * Math.min(1, term.length / t.token.length));
    });
    else { var one = exactToken(term, shards); if (one) take(one, 1); }
    // A word the site has as typed (학과, 수도) is not a shorter word plus a particle (학, 수).
    var whole = exactToken(term, shards) !== null;
    var stemmed = false;
    forms.forEach(function (f) {
      if (whole && f.length === 1) return;
      var t = exactToken(f, shards);
      if (t) { take(t, 0.9); stemmed = true; }
    });
    for (var i = 0; !stemmed && !found.length && i < forms.length; i++) {
      if (forms[i].length < 2) continue;
      matchTokens(forms[i], shards).forEach(function (t) { take(t, 0.45 + 0.45 * Math.min(1, forms[i].length / t.token.length)); });
    }
    syns.forEach(function (f) { var t = exactToken(f, shards); if (t) take(t, 0.8); });
    // A word the site does not have that opens with a question word or pronoun typed onto it
    // (우리애, 이번달): the rest is the word (이미지 and 대한민국 are on the site as typed).
    var lead = whole || stemmed ? "" : leadOf(term);
    if (lead) return resolveTerm(term.slice(lead.length), last);
    // What the reader is told was (not) found: the word as the site has it (고1인데 → 고1).
    var form = term, rest = "";
    if (!matchTokens(term, shards).length)
      for (var c = 0; c < forms.length; c++) if (exactToken(forms[c], shards)) { form = forms[c]; break; }
    // Words typed without a space (학부모교육, 정시설명회언제), which the site does not have as typed:
    // the longest word of the site the term opens with, and the rest as a word of its own (search()
    // looks it up). A long head that opens with a shorter word is most likely two (정시설명회: 정시
    // and 설명회): its rest goes with the rest.
    for (var h = term.length - 1; !whole && !stemmed && !rest && h >= 2; h--) {
      var head = exactToken(term.slice(0, h), shards);
      if (!head) continue;
      take(head, 0.9);
      form = term.slice(0, h);
      rest = term.slice(h);
      for (var q = h - 2; h >= 4 && q >= 2; q--) {
        var inner = exactToken(term.slice(0, q), shards);
        if (inner) { take(inner, 0.9); form = term.slice(0, q); rest = term.slice(q); break; }
      }
    }
    if (rest.length < 2) rest = "";   // 관리법's 법, 학생들's 들: a suffix, not a word
    for (var k = term.length - 1; !found.length && k >= 2; k--) {
      form = term.slice(0, k);
      matchTokens(form, shards).forEach(function (t) { take(t, 0.5); });
    }
    return {term: term, form: found.length ? form : term, tokens: found, rest: rest, last: last};
  });
}

/* The shards of lists of shard keys, each fetched once. */
function loadKeys(lists) {
  var keys = {};
  lists.forEach(function (list) { list.forEach(function (k) { keys[k] = 1; }); });
  return Promise.all(Object.keys(keys).map(loadShard));
}

/* Pages ranked for the query: a document's score for a term is its best token's weight times how
 * much that token counts for the term (resolveTerm), times the term's rarity, summed over the terms;
 * a page's score is its best document plus a tenth of the others (a long page that says it often is
 * a little surer), times the share of the query it answers, each term weighted by its rarity: a page
 * without the query's rare word ranks below one with it, and still follows (a question's every word
 * is rarely on one page). Typed arrays over document numbers, objects only for the pages returned: a
 * common first syllable touches thousands of documents. */
function rank(resolved) {
  var N = manifest.documents, T = resolved.length, pageIdx = manifest.pageIdx;
  var total = new Float64Array(N), best = new Float64Array(N), any = new Uint8Array(N), touched = [];
  var idfs = [], allIdf = 0;
  var hitBy = resolved.map(function (r) {
    var hit = new Uint8Array(N), list = [];
    r.tokens.forEach(function (t) {
      var exact = t.factor;
      var p = t.postings, id = 0;
      for (var i = 0; i < p.length; i += 2) {
        id += p[i];
        var s = p[i + 1] * exact;
        if (!hit[id]) { hit[id] = 1; best[id] = 0; list.push(id); }
        if (s > best[id]) best[id] = s;
      }
    });
    var idf = Math.log(1 + N / Math.max(1, list.length));
    idfs.push(list.length ? idf : 0);
    allIdf += list.length ? idf : 0;
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
      var got = 0;
      for (var ti = 0; ti < T; ti++) if (g.matched[ti]) got += idfs[ti];
      g.rank = g.score + OTHERS * (g.sum - g.score);
      g.final = g.rank * (allIdf ? got / allIdf : 1);
      return g;
    })
    .sort(function (a, b) { return b.final - a.final || a.page - b.page; })
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
var SNIPPET = 160;   // characters of a result's text, as the index keeps them (teaser.py)

function clip(text, limit) {
  if (text.length <= limit) return text;
  var head = text.slice(0, Math.max(40, limit)), space = head.lastIndexOf(" ");
  return (space > head.length - 24 ? head.slice(0, space) : head).replace(/[\s,·]+$/, "") + "…";
}

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
  var typed = terms(query);
  if (!typed.length) return Promise.resolve({items: []});
  var list = contentTerms(typed);
  var manifestReady = loadManifest();
  // The words typed, then what is left of words typed together (at most three rounds of lookups).
  function resolveAll(words, round) {
    return Promise.all(words.map(function (w) { return resolveTerm(w.term, w.last); })).then(function (resolved) {
      var more = [];
      resolved.forEach(function (r) {
        if (r.rest && !isLight(r.rest) && round < 3) more.push({term: r.rest, last: r.last});
      });
      return more.length ? resolveAll(more, round + 1).then(function (extra) { return resolved.concat(extra); }) : resolved;
    });
  }
  var words = list.map(function (t) { return {term: t, last: t === typed[typed.length - 1]}; });
  return resolveAll(words, 1).then(function (resolved) {
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

/* Material's result items for ranked pages, from their loaded chunks: the article, then its best sections.
 * The article says what kind of page it is (a chip inside its title, styled as Material's tags) and
 * shows the snippet of the page's best matching document that has one: the answer, not the page's top. */
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
    var sections = g.docs.filter(function (d) { return d.id !== g.page; })
      .sort(function (a, b) { return b.score - a.score; });
    // The snippet: the best matching section's, after its heading (Q1. 수시 원서는 몇 번까지 쓸 수
    // 있나요? — 일반대학 기준으로…), unless the page's top matched better or no section has one.
    var art = byId[g.page], artRow = row(g.page), text = highlight(artRow[2], marksFor(art));
    for (var i = 0; i < sections.length && (!art || sections[i].score > art.score); i++) {
      var sec = row(sections[i].id);
      if (sec[2]) {
        // Heading and snippet together no longer than a snippet alone (three lines on a phone).
        text = highlight(sec[1], marksFor(sections[i])) + " — " +
          highlight(clip(sec[2], SNIPPET - sec[1].length), marksFor(sections[i]));
        break;
      }
    }
    var kind = artRow[3] ? '<span class="md-tag">' + escapeHTML(artRow[3]) + "</span> " : "";
    // Above every section's score, so Material shows this snippet and folds the sections away (it
    // hides the article's text when a section scores as high as the article).
    var docsOut = [{location: artRow[0], title: kind + highlight(artRow[1], marksFor(art)),
      text: text, score: g.rank + 0.001, terms: termsShown}];
    sections.slice(0, MAX_SECTIONS).forEach(function (d) {
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
