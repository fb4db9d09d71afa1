// Programs directory: the filter links already lead to real pages; with a script they filter in place.
(function () {
  "use strict";
  var nav = document.querySelector("[data-gc-filters]");
  var list = document.querySelector("[data-gc-programs]");
  if (!nav || !list || !window.history || !history.pushState) return;
  var links = Array.prototype.slice.call(nav.querySelectorAll("a.gc-filter"));
  var cards = Array.prototype.slice.call(list.querySelectorAll("li[data-family]"));
  var label = document.querySelector("[data-gc-label]");
  var count = document.querySelector("[data-gc-count]");

  function matches(card, kind, slug) {
    if (kind === "audience") return (" " + card.getAttribute("data-audience") + " ").indexOf(" " + slug + " ") >= 0;
    if (kind === "family") return card.getAttribute("data-family") === slug;
    return true;
  }

  function apply(link) {
    var kind = link.getAttribute("data-kind");
    var slug = link.getAttribute("data-slug");
    var shown = 0;
    cards.forEach(function (card) {
      var keep = matches(card, kind, slug);
      card.hidden = !keep;
      if (keep) shown += 1;
    });
    links.forEach(function (other) {
      if (other === link) other.setAttribute("aria-current", "page");
      else other.removeAttribute("aria-current");
    });
    if (label) label.textContent = link.getAttribute("data-label");
    if (count) count.textContent = String(shown);
  }

  function fragment(link) {
    var kind = link.getAttribute("data-kind");
    return kind === "all" ? location.pathname + location.search : "#" + kind + "-" + link.getAttribute("data-slug");
  }

  nav.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.gc-filter") : null;
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    apply(link);
    // Only the fragment changes: a new path would move the base of every relative link on the page.
    history.pushState({ gcFilter: links.indexOf(link) }, "", fragment(link));
  });

  window.addEventListener("popstate", function (event) {
    var index = event.state && typeof event.state.gcFilter === "number" ? event.state.gcFilter : -1;
    if (index >= 0 && links[index]) apply(links[index]);
    else location.reload();
  });
  // A shared address with a fragment (#family-credit) opens on that filter.
  var initial = links.filter(function (link) { return location.hash && fragment(link) === location.hash; })[0];
  if (initial) apply(initial);
  history.replaceState({ gcFilter: links.indexOf(initial || nav.querySelector("[aria-current]")) }, "");
})();
