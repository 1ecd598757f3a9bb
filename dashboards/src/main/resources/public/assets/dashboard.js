// Live dashboard pages: poll the JSON API every data-refresh seconds and redraw in place (no reload).
(function () {
  'use strict';
  var body = document.body;
  var page = body.dataset.page;
  if (page !== 'office' && page !== 'region' && page !== 'regions') { return; }
  var T = JSON.parse(document.getElementById('texts').textContent);
  var state = { window: body.dataset.window || '30d', audience: body.dataset.audience || 'all', lang: body.dataset.lang || 'ru' };
  var refreshMs = Math.max(1, parseInt(body.dataset.refresh || '5', 10)) * 1000;
  var SVG = 'http://www.w3.org/2000/svg';
  var last = null;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function pct(x) { return x === null || x === undefined ? '–' : (Math.round(x * 1000) / 10).toLocaleString(state.lang) + '%'; }
  function pts(x) { return x === null || x === undefined ? '–' : (x > 0 ? '+' : '') + (Math.round(x * 10) / 10).toLocaleString(state.lang); }
  function clamp(x) { return Math.max(0, Math.min(100, x * 100)); }

  // A horizontal bar 0..100% with the 95% interval as a whisker; grey when the sample is insufficient.
  function shareBar(s) {
    var g = svg('svg', { role: 'img', 'aria-label': s.share === null ? T.noData : pct(s.share) });
    g.appendChild(svg('rect', { x: '0', y: '3', width: '100%', height: '16', rx: '3', 'class': 'track' }));
    if (s.share !== null) {
      g.appendChild(svg('rect', { x: '0', y: '3', width: clamp(s.share) + '%', height: '16', rx: '3',
        'class': 'fill' + (s.sufficient ? '' : ' weak') }));
      if (s.low !== null && s.high !== null) {
        var lo = clamp(s.low) + '%', hi = clamp(s.high) + '%';
        g.appendChild(svg('line', { x1: lo, x2: hi, y1: '11', y2: '11', 'class': 'whisker' }));
        g.appendChild(svg('line', { x1: lo, x2: lo, y1: '6', y2: '16', 'class': 'whisker' }));
        g.appendChild(svg('line', { x1: hi, x2: hi, y1: '6', y2: '16', 'class': 'whisker' }));
      }
    }
    return g;
  }
  function valueText(s) {
    var v = el('div', { 'class': 'bar-value' + (s.sufficient ? '' : ' insufficient') });
    if (s.n === 0) { v.textContent = T.noData; }
    else if (!s.sufficient) { v.textContent = T.insufficient + ' (n=' + s.n + ')'; }
    else { v.textContent = pct(s.share) + ' (n=' + s.n + ')'; }
    return v;
  }
  function barRow(tag, attrs, labelNodes, s, meta) {
    var row = el(tag, attrs);
    var label = el('div', { 'class': 'bar-label' });
    labelNodes.forEach(function (n) { label.appendChild(n); });
    var line = el('div', { 'class': 'bar-line' });
    line.appendChild(shareBar(s));
    line.appendChild(valueText(s));
    row.appendChild(label);
    var right = el('div');
    right.appendChild(line);
    if (meta) { right.appendChild(el('div', { 'class': 'bar-meta' }, meta)); }
    row.appendChild(right);
    return row;
  }
  function setCard(id, text, sub, insufficient) {
    var v = document.getElementById(id);
    v.textContent = text;
    v.className = 'card-value' + (insufficient ? ' insufficient' : '');
    document.getElementById(id + '-sub').textContent = sub || '';
  }
  function shareCard(id, s) {
    if (s.n === 0) { setCard(id, T.noData, '', true); }
    else if (!s.sufficient) { setCard(id, T.insufficient, 'n=' + s.n, true); }
    else { setCard(id, pct(s.share), 'n=' + s.n + ' · ' + pct(s.low) + '–' + pct(s.high), false); }
  }
  function netCard(id, s) {
    if (s.n === 0) { setCard(id, T.noData, '', true); }
    else if (!s.sufficient) { setCard(id, T.insufficient, 'n=' + s.n, true); }
    else { setCard(id, pts(s.score), 'n=' + s.n, false); }
  }

  function renderOffice(d) {
    setCard('responses', String(d.responses), '', false);
    shareCard('kiosk-satisfaction', d.kiosk.satisfaction);
    netCard('nps', d.pulse.nps);
    netCard('ces', d.pulse.ces);
    shareCard('csat', d.pulse.csat);
    var box = document.getElementById('indicators');
    var rows = d.byAudience[state.audience] || [];
    box.replaceChildren.apply(box, rows.map(function (it) {
      return barRow('div', { 'class': 'bar-row indicator', 'data-question': it.questionId },
        [el('span', { 'class': 'qid' }, it.questionId), document.createTextNode(it.label)], it, null);
    }));
    var kiosk = document.getElementById('kiosk-chart');
    var max = Math.max.apply(null, d.kiosk.buttons.concat([1]));
    var grid = el('div', { 'class': 'kiosk' });
    d.kiosk.buttons.forEach(function (count, i) {
      var col = el('div', { 'class': 'kiosk-col', 'data-button': String(i + 1) });
      var h = count / max * 100;
      var g = svg('svg', { viewBox: '0 0 40 100', preserveAspectRatio: 'none', role: 'img', 'aria-label': T['b' + (i + 1)] + ': ' + count });
      g.appendChild(svg('rect', { x: '4', y: String(100 - h), width: '32', height: String(h), rx: '2', 'class': 'b' + (i + 1) }));
      col.appendChild(el('div', { 'class': 'kiosk-count' }, String(count)));
      col.appendChild(g);
      col.appendChild(el('div', null, T['b' + (i + 1)]));
      col.appendChild(el('div', { 'class': 'bar-meta' }, d.kiosk.taps ? pct(count / d.kiosk.taps) : '–'));
      grid.appendChild(col);
    });
    kiosk.replaceChildren(grid, el('div', { 'class': 'kiosk-total', id: 'kiosk-taps' }, d.kiosk.taps + ' ' + T.taps));
  }

  function renderRegion(d) {
    var box = document.getElementById('offices');
    box.replaceChildren.apply(box, d.offices.map(function (o) {
      var meta = T.responses + ': ' + o.responses + ' · ' + T.kioskSatisfaction + ': '
        + (o.kioskSatisfaction.sufficient ? pct(o.kioskSatisfaction.share) : (o.kioskSatisfaction.n ? T.insufficient : '–'))
        + ' · ' + o.sufficientItems + '/' + o.items + ' ' + T.sufficientItems;
      return barRow('a', { 'class': 'bar-row office', href: '/offices/' + encodeURIComponent(o.office), 'data-office': o.office },
        [el('span', { 'class': 'qid' }, o.rank + '.'), document.createTextNode(o.name)], o.positive, meta);
    }));
  }

  function renderRegions(d) {
    var box = document.getElementById('regions');
    box.replaceChildren.apply(box, d.regions.map(function (r) {
      var meta = T.responses + ': ' + r.responses + ' · ' + r.offices + ' ' + T.offices + ', ' + r.officesWithResponses
        + ' ' + T.withResponses + ' · ' + T.kioskSatisfaction + ': '
        + (r.kioskSatisfaction.sufficient ? pct(r.kioskSatisfaction.share) : (r.kioskSatisfaction.n ? T.insufficient : '–'));
      return barRow('a', { 'class': 'bar-row region', href: '/regions/' + encodeURIComponent(r.region), 'data-region': r.region },
        [el('span', { 'class': 'qid' }, r.region), document.createTextNode(r.name)], r.positive, meta);
    }));
  }

  function render(d) {
    if (page === 'office') { renderOffice(d); } else if (page === 'region') { renderRegion(d); } else { renderRegions(d); }
    document.getElementById('updated').textContent = T.updated + ': ' + new Date(d.updatedAt).toLocaleTimeString(state.lang);
  }

  function load() {
    var url = body.dataset.api + '?window=' + encodeURIComponent(state.window) + '&lang=' + encodeURIComponent(state.lang);
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 401) { window.location.href = '/login?next=' + encodeURIComponent(window.location.pathname); return null; }
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (d) {
      if (!d) { return; }
      last = d;
      render(d);
      var s = document.getElementById('status');
      s.textContent = ''; s.className = '';
    }).catch(function () {
      var s = document.getElementById('status');
      s.textContent = T.offline; s.className = 'offline';
    });
  }

  function pressed(groupId, attr, value) {
    var g = document.getElementById(groupId);
    if (!g) { return; }
    Array.prototype.forEach.call(g.querySelectorAll('button'), function (b) {
      b.setAttribute('aria-pressed', String(b.dataset[attr] === value));
    });
  }
  function remember() {
    var q = new URLSearchParams(window.location.search);
    q.set('window', state.window);
    if (page === 'office') { q.set('audience', state.audience); }
    q.delete('lang');
    history.replaceState(null, '', window.location.pathname + '?' + q.toString());
  }
  document.getElementById('window').addEventListener('click', function (e) {
    var b = e.target.closest('button'); if (!b) { return; }
    state.window = b.dataset.window; pressed('window', 'window', state.window); remember(); load();
  });
  var aud = document.getElementById('audience');
  if (aud) {
    aud.addEventListener('click', function (e) {
      var b = e.target.closest('button'); if (!b) { return; }
      state.audience = b.dataset.audience; pressed('audience', 'audience', state.audience); remember();
      if (last) { render(last); }
    });
  }
  pressed('window', 'window', state.window);
  pressed('audience', 'audience', state.audience);
  load();
  setInterval(function () { if (!document.hidden) { load(); } }, refreshMs);
}());
