// Live dashboard pages: read the JSON API when the server's event stream says the figures changed (data-live), else
// every data-refresh seconds, and redraw in place (no reload).
(function () {
  'use strict';
  var body = document.body;
  var page = body.dataset.page;
  if (page !== 'office' && page !== 'region' && page !== 'regions') { return; }
  var T = JSON.parse(document.getElementById('texts').textContent);
  var state = { window: body.dataset.window || '30d', audience: body.dataset.audience || 'all', lang: body.dataset.lang || 'ru',
    item: body.dataset.item || 'index', granularity: body.dataset.granularity || 'day' };
  var refreshMs = Math.max(1, parseInt(body.dataset.refresh || '5', 10)) * 1000;
  var SVG = 'http://www.w3.org/2000/svg';
  var last = null, lastAt = 0; // the last answer and when it came (the as-of label's age goes on from it)
  var charts = { history: null, profile: null, breakdown: null };
  // the place's local time zone (office: its region's; region: its own; federal: Moscow)
  var zone = body.dataset.zone || 'UTC';

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
  // The period of the same length before (p from the API's 'previous'), under a bar row, against the raw figure;
  // marked ▲/▼ only where the change is significant. Nothing when that period had no answers.
  function previousMeta(row, p) {
    if (!p || p.n === 0) { return; }
    var meta = el('div', { 'class': 'bar-meta previous' }, T.previousPeriod + ': ' + pct(p.share) + ' (n=' + p.n + ')'
      + (p.change === null ? '' : ' · ' + pts(p.change * 100) + ' ' + T.pointsShort));
    if (p.significant) {
      meta.appendChild(el('span', { 'class': 'change-mark ' + (p.change > 0 ? 'up' : 'down'), title: T.significantChange },
        p.change > 0 ? ' ▲' : ' ▼'));
    }
    row.lastChild.appendChild(meta);
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

  // The office's figures: clean (without responses under a fraud flag) when a flag excludes any, with the
  // raw figure beside each one and the number left out; otherwise the raw figures alone (they are the same).
  function renderOffice(d) {
    var c = d.clean;
    var v = c || d;
    var notice = document.getElementById('clean-notice');
    if (notice) {
      notice.hidden = !c;
      notice.textContent = c ? T.cleanNotice.replace('{n}', String(c.excludedResponses)) : '';
    }
    var raw = function (s) { return T.rawFigure + ': ' + (s.n === 0 ? T.noData : pct(s.share) + ' (n=' + s.n + ')'); };
    var rawNet = function (s) { return T.rawFigure + ': ' + (s.n === 0 ? T.noData : pts(s.score) + ' (n=' + s.n + ')'); };
    setCard('responses', String(v.responses), c ? T.rawFigure + ': ' + d.responses : '', false);
    shareCard('kiosk-satisfaction', v.kiosk.satisfaction);
    netCard('nps', v.pulse.nps);
    netCard('ces', v.pulse.ces);
    shareCard('csat', v.pulse.csat);
    if (c) {
      [['kiosk-satisfaction', raw(d.kiosk.satisfaction)], ['nps', rawNet(d.pulse.nps)], ['ces', rawNet(d.pulse.ces)],
        ['csat', raw(d.pulse.csat)]].forEach(function (p) {
        var sub = document.getElementById(p[0] + '-sub');
        sub.textContent = (sub.textContent ? sub.textContent + ' · ' : '') + p[1];
      });
    }
    var box = document.getElementById('indicators');
    var rows = v.byAudience[state.audience] || [];
    var rawRows = {};
    (d.byAudience[state.audience] || []).forEach(function (it) { rawRows[it.questionId] = it; });
    var before = (d.previous && d.previous.byAudience[state.audience]) || {};
    box.replaceChildren.apply(box, rows.map(function (it) {
      var row = barRow('div', { 'class': 'bar-row indicator', 'data-question': it.questionId },
        [el('span', { 'class': 'qid' }, it.questionId), document.createTextNode(it.label)], it,
        c && rawRows[it.questionId] ? raw(rawRows[it.questionId]) : null);
      previousMeta(row, before[it.questionId]);
      var top = d.regionBest && (d.regionBest[state.audience] || {})[it.questionId];
      if (top) {
        row.lastChild.appendChild(el('div', { 'class': 'bar-meta region-best' }, T.regionBest + ': '
          + (top.officeCode === d.office ? T.thisOffice : top.officeCode + ' ' + top.officeName) + ' — ' + pct(top.share)
          + ' (n=' + top.n + ')'));
      }
      return row;
    }));
    var kiosk = document.getElementById('kiosk-chart');
    var max = Math.max.apply(null, v.kiosk.buttons.concat([1]));
    var grid = el('div', { 'class': 'kiosk' });
    v.kiosk.buttons.forEach(function (count, i) {
      var col = el('div', { 'class': 'kiosk-col', 'data-button': String(i + 1) });
      var h = count / max * 100;
      var g = svg('svg', { viewBox: '0 0 40 100', preserveAspectRatio: 'none', role: 'img', 'aria-label': T['b' + (i + 1)] + ': ' + count });
      g.appendChild(svg('rect', { x: '4', y: String(100 - h), width: '32', height: String(h), rx: '2', 'class': 'b' + (i + 1) }));
      col.appendChild(el('div', { 'class': 'kiosk-count' }, String(count)));
      col.appendChild(g);
      col.appendChild(el('div', null, T['b' + (i + 1)]));
      col.appendChild(el('div', { 'class': 'bar-meta' }, v.kiosk.taps ? pct(count / v.kiosk.taps) : '–'));
      grid.appendChild(col);
    });
    kiosk.replaceChildren(grid, el('div', { 'class': 'kiosk-total', id: 'kiosk-taps' }, v.kiosk.taps + ' ' + T.taps
      + (c && d.kiosk.taps !== v.kiosk.taps ? ' (' + T.rawFigure + ': ' + d.kiosk.taps + ')' : '')));
  }

  // ---- "figures as of": the place's watermark in local time, and its age against the server's clock ----
  function localParts(date, opts) {
    var parts = {};
    new Intl.DateTimeFormat(state.lang === 'en' ? 'en-US' : 'ru-RU', Object.assign({ timeZone: zone }, opts))
      .formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    return parts;
  }
  function asOfWhen(at, now) {
    var en = state.lang === 'en';
    var p = localParts(at, { year: 'numeric', month: en ? 'short' : '2-digit', day: en ? 'numeric' : '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    var date = en ? p.day + ' ' + p.month : p.day + '.' + p.month;
    if (localParts(now, { year: 'numeric' }).year !== p.year) { date += en ? ' ' + p.year : '.' + p.year; }
    return date + ' ' + p.hour + ':' + p.minute;
  }
  function ago(ms) {
    var minutes = Math.floor(ms / 60000);
    if (minutes < 1) { return T.justNow; }
    var rtf = new Intl.RelativeTimeFormat(state.lang, { numeric: 'always' });
    if (minutes < 60) { return rtf.format(-minutes, 'minute'); }
    var hours = Math.floor(minutes / 60);
    return hours < 24 ? rtf.format(-hours, 'hour') : rtf.format(-Math.floor(hours / 24), 'day');
  }
  function renderAsOf(d) {
    var box = document.getElementById('as-of');
    if (!box) { return; }
    if (!d.asOf) { box.textContent = T.asOfNone; box.className = 'as-of none'; return; }
    // the age is measured against the server's clock (updatedAt), the same clock for every viewer
    var at = new Date(d.asOf), now = d.updatedAt ? new Date(d.updatedAt) : new Date();
    var age = Math.max(0, now.getTime() - at.getTime());
    box.textContent = T.asOf + ' ' + asOfWhen(at, now) + ' (' + ago(age) + ')';
    box.className = 'as-of' + (age >= 3600000 ? ' old' : '');
    box.setAttribute('data-as-of', d.asOf);
  }
  function renderTotal(t) {
    if (!t || !document.getElementById('total-responses')) { return; }
    setCard('total-responses', String(t.responses), T.forms + ': ' + t.questionnaireResponses, false);
    shareCard('total-positive', t.positive);
    shareCard('total-kiosk', t.kioskSatisfaction);
  }

  function renderRegion(d) {
    var box = document.getElementById('offices');
    box.replaceChildren.apply(box, d.offices.map(function (o) {
      var meta = T.responses + ': ' + o.responses + ' · ' + T.kioskSatisfaction + ': '
        + (o.kioskSatisfaction.sufficient ? pct(o.kioskSatisfaction.share) : (o.kioskSatisfaction.n ? T.insufficient : '–'))
        + ' · ' + o.sufficientItems + '/' + o.items + ' ' + T.sufficientItems;
      if (o.excludedResponses > 0) { // clean, with what the flags left out and the raw share
        meta += ' · ' + T.excludedShort.replace('{n}', String(o.excludedResponses)) + ' (' + T.rawFigure + ': '
          + (o.rawPositive && o.rawPositive.n ? pct(o.rawPositive.share) : '–') + ')';
      }
      var row = barRow('a', { 'class': 'bar-row office', href: '/offices/' + encodeURIComponent(o.office), 'data-office': o.office },
        [el('span', { 'class': 'qid' }, o.rank + '.'), document.createTextNode(o.name)], o.positive, meta);
      previousMeta(row, d.previous && d.previous.byOffice[o.office]);
      return row;
    }));
  }

  function renderRegions(d) {
    var box = document.getElementById('regions');
    box.replaceChildren.apply(box, d.regions.map(function (r) {
      var meta = T.responses + ': ' + r.responses + ' · ' + r.offices + ' ' + T.offices + ', ' + r.officesWithResponses
        + ' ' + T.withResponses + ' · ' + T.kioskSatisfaction + ': '
        + (r.kioskSatisfaction.sufficient ? pct(r.kioskSatisfaction.share) : (r.kioskSatisfaction.n ? T.insufficient : '–'));
      meta += ' · ' + (r.network === 'centralised' ? T.centralised : T.decentralised);
      return barRow('a', { 'class': 'bar-row region', href: '/regions/' + encodeURIComponent(r.region), 'data-region': r.region },
        [el('span', { 'class': 'qid' }, r.rank + '. ' + r.region), document.createTextNode(r.name)], r.positive, meta);
    }));
  }

  function render(d) {
    if (page === 'office') { renderOffice(d); } else if (page === 'region') { renderRegion(d); } else { renderRegions(d); }
    if (page === 'region') {
      var notice = document.getElementById('clean-notice');
      notice.hidden = !(d.excludedResponses > 0);
      notice.textContent = d.excludedResponses > 0 ? T.cleanNotice.replace('{n}', String(d.excludedResponses)) : '';
    }
    renderTotal(d.total);
    renderAsOf(d);
    document.getElementById('updated').textContent = T.updated + ': '
      + new Date(d.updatedAt).toLocaleTimeString(state.lang, { timeZone: zone, hourCycle: 'h23' });
  }


  // ---- office charts: history line, weekday x hour profile, breakdown bars (all follow the picked item) ----
  function fmtBucket(iso, gran, long) {
    var d = new Date(iso);
    if (gran === 'day') {
      // daily buckets are UTC days: label them as UTC dates
      return d.toLocaleDateString(state.lang, long ? { timeZone: 'UTC', day: 'numeric', month: 'long' } : { timeZone: 'UTC', day: '2-digit', month: '2-digit' });
    }
    // 24-hour clock in both languages: the offices work on it and the labels stay short
    return d.toLocaleString(state.lang, long ? { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }
  function shareTitle(prefix, p) {
    if (p.n === 0) { return prefix + ': ' + T.noData; }
    var v = p.sufficient ? pct(p.share) + ' (' + pct(p.low) + '–' + pct(p.high) + ')' : T.insufficient + ', ' + pct(p.share);
    return prefix + ': ' + v + ', n=' + p.n;
  }
  function renderHistory(h) {
    var box = document.getElementById('history-chart');
    var width = Math.max(280, box.clientWidth || 600), height = width < 500 ? 190 : 240;
    var left = 38, right = 10, top = 10, bottom = 24;
    var w = width - left - right, ht = height - top - bottom, pts = h.points, count = pts.length;
    var g = svg('svg', { width: String(width), height: String(height), viewBox: '0 0 ' + width + ' ' + height,
      role: 'img', 'aria-label': h.label, 'class': 'history' });
    function x(i) { return left + (count < 2 ? w / 2 : i * w / (count - 1)); }
    function y(v) { return top + (1 - v) * ht; }
    [0, 0.25, 0.5, 0.75, 1].forEach(function (v) {
      g.appendChild(svg('line', { x1: String(left), x2: String(left + w), y1: String(y(v)), y2: String(y(v)), 'class': 'grid' }));
      var t = svg('text', { x: String(left - 5), y: String(y(v) + 4), 'class': 'axis', 'text-anchor': 'end' });
      t.textContent = Math.round(v * 100) + '%';
      g.appendChild(t);
    });
    // x labels from the newest bucket backwards; a label that would touch the previous one is skipped
    var step = Math.max(1, Math.ceil(count / (width < 500 ? 5 : 8))), leftEdge = Infinity;
    for (var i = count - 1; i >= 0; i -= step) {
      var text = fmtBucket(pts[i].start, h.granularity, false), tw = text.length * 6.5;
      var anchorEnd = i === count - 1, right = anchorEnd ? x(i) : x(i) + tw / 2, leftX = anchorEnd ? x(i) - tw : x(i) - tw / 2;
      if (right > leftEdge - 6 || leftX < 0) { continue; }
      var lab = svg('text', { x: String(x(i)), y: String(height - 6), 'class': 'axis', 'text-anchor': anchorEnd ? 'end' : 'middle' });
      lab.textContent = text;
      g.appendChild(lab);
      leftEdge = leftX;
    }
    // the line joins buckets with answers; an empty bucket breaks it
    var path = '', open = false;
    pts.forEach(function (p, i) {
      if (p.share === null) { open = false; return; }
      path += (open ? ' L' : ' M') + x(i).toFixed(1) + ' ' + y(p.share).toFixed(1);
      open = true;
    });
    if (path) { g.appendChild(svg('path', { d: path.trim(), 'class': 'line' })); }
    var any = false;
    pts.forEach(function (p, i) {
      if (p.share === null) { return; }
      any = true;
      if (p.sufficient && p.low !== null) {
        g.appendChild(svg('line', { x1: String(x(i)), x2: String(x(i)), y1: String(y(p.low)), y2: String(y(p.high)), 'class': 'ci' }));
      }
      var c = svg('circle', { cx: String(x(i)), cy: String(y(p.share)), r: p.sufficient ? '3.5' : '3',
        'class': 'pt' + (p.sufficient ? '' : ' weak'), 'data-n': String(p.n), 'data-start': p.start });
      var title = document.createElementNS(SVG, 'title');
      title.textContent = shareTitle(fmtBucket(p.start, h.granularity, true), p);
      c.appendChild(title);
      g.appendChild(c);
    });
    if (!any) {
      var none = svg('text', { x: String(left + w / 2), y: String(top + ht / 2), 'class': 'empty', 'text-anchor': 'middle' });
      none.textContent = T.noData;
      g.appendChild(none);
    }
    box.replaceChildren(g);
  }
  function heatColour(share) {
    // 50% and below red, 75% amber, 100% green: the useful range of positive shares
    var t = Math.max(0, Math.min(1, (share - 0.5) / 0.5));
    return 'hsl(' + Math.round(t * 120) + ', 62%, ' + Math.round(52 + (1 - Math.abs(t - 0.5) * 2) * 6) + '%)';
  }
  function renderProfile(p) {
    var box = document.getElementById('profile');
    document.getElementById('profile-item').textContent = ' · ' + p.label;
    var table = el('table', { 'class': 'heat' });
    // keep cells readable when the hours widen (answers at night): the table scrolls inside its box, not the page
    table.style.minWidth = (34 + p.hours.length * 24) + 'px';
    var head = el('tr');
    head.appendChild(el('th'));
    p.hours.forEach(function (h) { head.appendChild(el('th', { scope: 'col' }, String(h))); });
    var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
    var tbody = el('tbody');
    p.days.forEach(function (d) {
      var tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, T['d' + d.weekday]));
      d.cells.forEach(function (c) {
        var name = T['d' + d.weekday] + ' ' + String(c.hour).padStart(2, '0') + ':00';
        var td = el('td', { 'data-weekday': String(d.weekday), 'data-hour': String(c.hour), 'data-n': String(c.n),
          title: shareTitle(name, c) });
        if (c.n === 0) { td.className = 'none'; }
        else if (!c.sufficient) { td.className = 'few'; td.textContent = String(c.n); }
        else { td.className = 'ok'; td.style.backgroundColor = heatColour(c.share); td.textContent = String(Math.round(c.share * 100)); }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    var legend = el('div', { 'class': 'heat-legend' });
    function key(cls, colour, text) {
      var k = el('span', { 'class': 'key' }), sw = el('span', { 'class': 'swatch' + (cls ? ' ' + cls : '') });
      if (colour) { sw.style.backgroundColor = colour; }
      k.appendChild(sw); k.appendChild(document.createTextNode(text));
      legend.appendChild(k);
    }
    [0.5, 0.75, 1].forEach(function (v) { key('', heatColour(v), Math.round(v * 100) + '%'); });
    key('few', null, T.insufficient + ' (n)');
    key('none', null, T.noData);
    var scroller = el('div', { 'class': 'heat-scroll' });
    scroller.appendChild(table);
    box.replaceChildren(scroller, legend);
  }
  function renderBreakdown(b) {
    var box = document.getElementById('breakdown');
    document.getElementById('breakdown-item').textContent = b.label;
    var parts = [];
    Object.keys(b.byLevel).forEach(function (level) {
      var group = el('div', { 'class': 'group', 'data-level': level });
      group.appendChild(el('h3', null, T[level]));
      var rows = b.byLevel[level];
      if (!rows.length) { group.appendChild(el('p', { 'class': 'hint' }, T.noBreakdown)); }
      var bars = el('div', { 'class': 'bars' });
      rows.forEach(function (r) {
        bars.appendChild(barRow('div', { 'class': 'bar-row indicator breakdown-row', 'data-code': r.code }, [document.createTextNode(r.label)], r, null));
      });
      group.appendChild(bars);
      parts.push(group);
    });
    box.replaceChildren.apply(box, parts);
  }
  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    });
  }
  // history and profile change by the hour: polled once a minute (or when a control changes), the breakdown with the figures
  var slowLoadedAt = 0;
  function loadCharts(force) {
    if (page !== 'office') { return; }
    var base = body.dataset.charts, q = 'questionId=' + encodeURIComponent(state.item) + '&audience='
      + encodeURIComponent(state.audience) + '&lang=' + encodeURIComponent(state.lang);
    if (force || Date.now() - slowLoadedAt > 60000) {
      slowLoadedAt = Date.now();
      getJson(base + '/history?granularity=' + encodeURIComponent(state.granularity) + '&' + q)
        .then(function (h) { charts.history = h; renderHistory(h); }).catch(function () { slowLoadedAt = 0; });
      getJson(base + '/profile?' + q).then(function (p) { charts.profile = p; renderProfile(p); })
        .catch(function () { slowLoadedAt = 0; });
    }
    getJson(base + '/breakdown?window=' + encodeURIComponent(state.window) + '&' + q)
      .then(function (b) { charts.breakdown = b; renderBreakdown(b); }).catch(function () {});
  }

  // the open alerts of the page's place: one line per incident, newest first
  // the review form of one fraud flag, while it is open: the feed is not redrawn under the reviewer's typing
  var reviewing = null;
  var lastFeed = null;
  function reviewForm(a) {
    var form = el('form', { 'class': 'review-form', id: 'review-form' });
    var label = el('label', null, T.reviewReason);
    var reason = el('input', { name: 'reason', id: 'review-reason', required: 'required', minlength: '3', maxlength: '1000',
      autocomplete: 'off' });
    label.appendChild(reason);
    form.appendChild(label);
    var error = el('p', { 'class': 'error', id: 'review-error', role: 'alert' });
    function send(decision) {
      if (reason.value.trim().length < 3) { reason.reportValidity(); return; }
      error.textContent = '';
      fetch('/api/v1/alerts/' + encodeURIComponent(a.alertId) + '/review', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': body.dataset.csrf },
        body: JSON.stringify({ decision: decision, reason: reason.value })
      }).then(function (r) {
        if (r.status === 201) { reviewing = null; loadAlerts(); return null; }
        return r.json().then(function (e) { error.textContent = T.reviewFailed + ': ' + (e.message || r.status); });
      }).catch(function () { error.textContent = T.reviewFailed; });
    }
    [['confirm', T.reviewConfirm, 'review-confirm'], ['dismiss', T.reviewDismiss, 'review-dismiss']].forEach(function (b) {
      var button = el('button', { type: 'button', id: b[2], 'class': b[0] }, b[1]);
      button.addEventListener('click', function () { send(b[0]); });
      form.appendChild(button);
    });
    var cancel = el('button', { type: 'button', id: 'review-cancel', 'class': 'cancel' }, T.reviewCancel);
    cancel.addEventListener('click', function () { reviewing = null; if (lastFeed) { renderAlerts(lastFeed); } });
    form.appendChild(cancel);
    form.appendChild(error);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    return form;
  }
  function reviewNote(a) {
    var r = a.review;
    return el('span', { 'class': 'review ' + r.decision },
      (r.decision === 'dismissed' ? T.reviewDismissed : T.reviewConfirmed) + ' · ' + r.reviewer + ' · '
      + asOfWhen(new Date(r.reviewedAt), new Date()) + ' · «' + r.reason + '»');
  }

  function renderAlerts(feed) {
    var box = document.getElementById('alerts');
    if (!box) { return; }
    lastFeed = feed;
    if (reviewing) { return; }
    if (!feed.alerts.length) {
      box.replaceChildren(el('li', { 'class': 'none' }, T.alertsNone));
      return;
    }
    var now = new Date();
    box.replaceChildren.apply(box, feed.alerts.map(function (a) {
      var li = el('li', { 'class': 'alert ' + a.severity, 'data-alert': a.alertId });
      li.appendChild(el('span', { 'class': 'badge' }, a.severity === 'critical' ? T.severityCritical : T.severityWarning));
      var what = el('span', { 'class': 'what' });
      what.appendChild(el('strong', null, a.title));
      if (page !== 'office') {
        what.appendChild(document.createTextNode(' · '));
        what.appendChild(el('a', { href: '/offices/' + encodeURIComponent(a.officeCode) }, a.officeName));
      }
      li.appendChild(what);
      var opened = new Date(a.openedAt);
      li.appendChild(el('span', { 'class': 'when' }, T.alertOpened + ' ' + asOfWhen(opened, now) + ' (' + ago(now - opened) + ')'));
      if (a.type === 'kiosk_silent') { // a touchpoint that fell silent: since when, which one
        li.appendChild(el('span', { 'class': 'evidence' }, T.alertSilentSince + ' ' + asOfWhen(new Date(a.startedAt), now)
          + ' · ' + a.scopeId));
      } else if (a.type.indexOf('fraud_') === 0) { // a flag of one source: how many responses it gathered
        li.appendChild(el('span', { 'class': 'evidence' }, T.alertFlagged + ': ' + a.flagged));
        if (a.review) { li.appendChild(reviewNote(a)); }
        if (a.reviewable) {
          var open = el('button', { type: 'button', 'class': 'review-open', 'data-review': a.alertId }, T.reviewOpen);
          open.addEventListener('click', function () {
            reviewing = a.alertId;
            li.replaceChild(reviewForm(a), open);
            document.getElementById('review-reason').focus();
          });
          li.appendChild(open);
        }
      } else if (/_fixed$/.test(a.type)) { // the fixed rule: the bad share of its worst window, no usual level
        li.appendChild(el('span', { 'class': 'evidence' }, a.flagged + ' / ' + a.observed + ' ' + T.alertBad + ' ('
          + pct(a.observed > 0 ? a.flagged / a.observed : null) + ' ' + T.alertFixedWindow + ')'));
      } else { // a drop: the bad share of the run that raised it against the office's usual one
        var share = a.observed > 0 ? a.flagged / a.observed : null;
        li.appendChild(el('span', { 'class': 'evidence' }, a.flagged + ' / ' + a.observed + ' ' + T.alertBad + ' (' + pct(share)
          + '; ' + T.alertUsual + ' ' + pct(a.baseline) + ')'));
      }
      return li;
    }));
  }
  function loadAlerts() {
    if (!body.dataset.alerts) { return; }
    var sep = body.dataset.alerts.indexOf('?') < 0 ? '?' : '&';
    getJson(body.dataset.alerts + sep + 'lang=' + encodeURIComponent(state.lang)).then(renderAlerts).catch(function () {});
  }

  // Reads started one after the other (two changes in quick succession) may answer in the other order: only the
  // newest read started is drawn, so an older answer arriving last never puts older figures back on the page.
  var loadsStarted = 0, loadDrawn = 0;
  function load() {
    loadCharts();
    loadAlerts();
    var url = body.dataset.api + '?window=' + encodeURIComponent(state.window) + '&lang=' + encodeURIComponent(state.lang);
    var mine = ++loadsStarted;
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 401) { window.location.href = '/login?next=' + encodeURIComponent(window.location.pathname); return null; }
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    }).then(function (d) {
      if (!d || mine < loadDrawn) { return; }
      loadDrawn = mine;
      last = d; lastAt = Date.now();
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
    if (page === 'office') { q.set('audience', state.audience); q.set('questionId', state.item); q.set('granularity', state.granularity); }
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
      loadCharts(true);
    });
  }
  var itemSelect = document.getElementById('item');
  if (itemSelect) {
    itemSelect.value = state.item;
    itemSelect.addEventListener('change', function () { state.item = itemSelect.value; remember(); loadCharts(true); });
  }
  var gran = document.getElementById('granularity');
  if (gran) {
    gran.addEventListener('click', function (e) {
      var b = e.target.closest('button'); if (!b) { return; }
      state.granularity = b.dataset.granularity; pressed('granularity', 'granularity', state.granularity); remember(); loadCharts(true);
    });
  }
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { if (charts.history) { renderHistory(charts.history); } }, 150);
  });
  pressed('window', 'window', state.window);
  pressed('audience', 'audience', state.audience);
  pressed('granularity', 'granularity', state.granularity);
  load();
  if (body.dataset.live && window.EventSource) { live(); }
  else { setInterval(function () { if (!document.hidden) { load(); } }, refreshMs); }

  // Server push: the server's one watcher of this page's place says "changed" when its rows change, and the page
  // reads its figures again (a hidden tab once it is shown again). Polls (slowly) only while the stream is down,
  // with a banner saying so; the EventSource reconnects by itself and sends the last token it got, so a change
  // missed while away comes at once.
  function live() {
    var fallbackMs = Math.max(5, parseInt(body.dataset.fallback || '60', 10)) * 1000;
    var banner = el('div', { id: 'live-lost', 'class': 'live-lost', role: 'alert', hidden: 'hidden' }, T.liveLost);
    document.querySelector('main').prepend(banner);
    var fallback = null, stale = false;
    function changed() {
      if (document.hidden) { stale = true; return; }
      stale = false; load();
    }
    document.addEventListener('visibilitychange', function () { if (!document.hidden && stale) { changed(); } });
    function up() {
      // back after being away: read once whatever the server says of its token (a restarted server counts anew)
      var wasLost = body.dataset.liveState === 'lost';
      banner.hidden = true; body.dataset.liveState = 'open';
      if (fallback) { clearInterval(fallback); fallback = null; }
      if (wasLost) { changed(); }
    }
    function down() {
      banner.hidden = false; body.dataset.liveState = 'lost';
      if (!fallback) { fallback = setInterval(function () { if (!document.hidden) { load(); } }, fallbackMs); }
    }
    function connect() {
      var source = new EventSource(body.dataset.live);
      source.addEventListener('open', up);
      source.addEventListener('ready', up);
      source.addEventListener('changed', function () { up(); changed(); });
      source.addEventListener('error', function () {
        down();
        // an answer other than a stream (signed out: 401, a proxy's 502) ends the EventSource: the poll sees a
        // 401 and goes to the login page; anything else is tried again a little later
        if (source.readyState === EventSource.CLOSED) { load(); setTimeout(connect, 5000); }
      });
    }
    connect();
    // no read between changes: the figures' age ("5 minutes ago") still grows, on the server's clock
    setInterval(function () {
      if (last && last.updatedAt) {
        renderAsOf(Object.assign({}, last, { updatedAt: new Date(new Date(last.updatedAt).getTime() + Date.now() - lastAt).toISOString() }));
      }
    }, 30000);
  }
}());
