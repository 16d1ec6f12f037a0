// Zoo results table. The server filters, sorts and pages (the address says what: ?dataset=…&q=…&collection=…
// &sort=…&dir=…&page=…). When the page holds every row, the script sorts and filters it at once, without a reload,
// and keeps the address in step, so a reload or a shared link shows the same rows; otherwise it asks the server.
(function () {
  'use strict';
  var table = document.getElementById('results');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var complete = table.getAttribute('data-complete') === 'true';
  var filter = document.getElementById('filter');
  var collection = document.getElementById('collection');
  var dataset = document.getElementById('dataset');
  var count = document.getElementById('count');
  var total = rows.length;

  function cellValue(row, index, numeric) {
    var v = row.cells[index].getAttribute('data-value');
    if (!numeric) { return v ? v.toLowerCase() : null; }
    return v === null || v === '' ? null : parseFloat(v);
  }

  function address(changes) {
    var p = new URLSearchParams(window.location.search);
    Object.keys(changes).forEach(function (k) {
      if (changes[k]) { p.set(k, changes[k]); } else { p.delete(k); }
    });
    if (!('page' in changes)) { p.delete('page'); }
    var query = p.toString();
    return window.location.pathname + (query ? '?' + query : '');
  }

  function sortBy(th, index, ascending) {
    var numeric = th.getAttribute('data-type') === 'num';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      if (x === y) { return 0; }
      if (x === null) { return 1; }          // empty cells last, whatever the direction
      if (y === null) { return -1; }
      return (x < y ? -1 : 1) * (ascending ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    th.querySelector('button').addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      var change = { sort: th.getAttribute('data-key'), dir: ascending ? 'asc' : 'desc' };
      if (!complete) { window.location.assign(address(change)); return; }
      sortBy(th, index, ascending);
      window.history.replaceState(null, '', address(change));
    });
  });

  function apply() {
    var text = (filter.value || '').trim().toLowerCase();
    var coll = collection.value;
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!text || r.getAttribute('data-search').indexOf(text) >= 0)
        && (!coll || r.getAttribute('data-collection') === coll);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown + ' of ' + total + ' rows';
  }

  var pending = null;
  function filtersChanged(wait) {
    var change = { q: (filter.value || '').trim(), collection: collection.value };
    if (complete) { apply(); window.history.replaceState(null, '', address(change)); return; }
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { window.location.assign(address(change)); }, wait);
  }
  filter.addEventListener('input', function () { filtersChanged(500); });
  collection.addEventListener('change', function () { filtersChanged(0); });
  dataset.addEventListener('change', function () {
    window.location.assign(address({ dataset: dataset.value, q: '', collection: '', sort: '', dir: '' }));
  });
  if (complete) { apply(); }

  // a phone first shows the model and its top-1 (claimed, measured, apart); the rest on request
  var all = document.getElementById('all-columns');
  if (all) {
    all.addEventListener('click', function () {
      var on = table.classList.toggle('all-columns');
      all.setAttribute('aria-pressed', on ? 'true' : 'false');
      all.textContent = on ? 'Fewer columns' : 'All columns';
    });
  }
})();

// a command line's Copy button puts the command on the clipboard (where the page is allowed to)
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('pre.command'), function (pre) {
    if (!navigator.clipboard) { return; }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy the command');
    button.addEventListener('click', function () {
      navigator.clipboard.writeText((pre.querySelector('code') || pre).textContent.trim()).then(function () {
        button.textContent = 'Copied';
        window.setTimeout(function () { button.textContent = 'Copy'; }, 1500);
      }, function () { button.textContent = 'Select and copy'; });
    });
    pre.appendChild(button);
  });
})();
