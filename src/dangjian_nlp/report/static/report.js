// Filter the essay cards by any text (title, source, label names or ids) and open/close all evidence.
(function () {
  "use strict";
  var input = document.getElementById("card-filter");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var counter = document.getElementById("card-count");
  function apply() {
    var needle = (input.value || "").trim().toLowerCase();
    var shown = 0;
    cards.forEach(function (card) {
      var match = !needle || card.getAttribute("data-search").toLowerCase().indexOf(needle) !== -1;
      card.classList.toggle("hidden", !match);
      if (match) { shown += 1; }
    });
    if (counter) { counter.textContent = shown + " / " + cards.length; }
  }
  if (input) { input.addEventListener("input", apply); apply(); }
  var toggle = document.getElementById("toggle-evidence");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var boxes = document.querySelectorAll(".card details");
      var open = !Array.prototype.some.call(boxes, function (d) { return d.open; });
      Array.prototype.forEach.call(boxes, function (d) { d.open = open; });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("a.label-filter"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      input.value = link.getAttribute("data-label");
      apply();
      document.getElementById("documents").scrollIntoView();
    });
  });
}());
