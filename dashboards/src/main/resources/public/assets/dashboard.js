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
  var C = window.OtklikCharts;
  var MUTED = '#5d6675', LINE = '#dfe3ea'; // dashboard.css's --muted and --line: the charts' axes and labels
  var last = null, lastAt = 0; // the last answer and when it came (the as-of label's age goes on from it)
  // the place's local time zone (office: its region's; region: its own; federal: Moscow)
  var zone = body.dataset.zone || 'UTC';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function pct(x) { return x === null || x === undefined ? '–' : (Math.round(x * 1000) / 10).toLocaleString(state.lang) + '%'; }
  function pts(x) { return x === null || x === undefined ? '–' : (x > 0 ? '+' : '') + (Math.round(x * 10) / 10).toLocaleString(state.lang); }
  // ECharts writes a tooltip formatter's answer as HTML
  function esc(t) { return String(t).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }

  // A horizontal bar 0..100% with the 95% interval as a whisker; grey when the sample is insufficient. One small
  // chart per row (rows carry links and lines of text of their own), kept across redraws by the list's chart rows.
  function shareBar(rows, key, s) {
    return rows.box(key, 'share-bar', C.shareBars([{ share: s.share, low: s.low, high: s.high,
      colour: s.sufficient ? C.palette.accent : C.palette.weak }], valueLine(s)));
  }
  function valueLine(s) {
    if (s.n === 0) { return T.noData; }
    if (!s.sufficient) { return T.insufficient + ' (n=' + s.n + ')'; }
    return pct(s.share) + ' (n=' + s.n + ')';
  }
  function barRow(rows, key, tag, attrs, labelNodes, s, meta) {
    var row = el(tag, attrs);
    var label = el('div', { 'class': 'bar-label' });
    labelNodes.forEach(function (n) { label.appendChild(n); });
    var line = el('div', { 'class': 'bar-line' });
    line.appendChild(shareBar(rows, key, s));
    line.appendChild(el('div', { 'class': 'bar-value' + (s.sufficient ? '' : ' insufficient') }, valueLine(s)));
    row.appendChild(label);
    var right = el('div');
    right.appendChild(line);
    if (meta) { right.appendChild(el('div', { 'class': 'bar-meta' }, meta)); }
    row.appendChild(right);
    return row;
  }
  // The period of the same length before (p from the API's 'previous'), under a bar row, against the raw figure;
  // marked ▲/▼ only where the change is significant. Nothing when that period had no answers.
  // "previous period: 45% (n=100) · +15 pts ▲" — the mark only where the change is significant; null without answers then
  function previousLine(p) {
    if (!p || p.n === 0) { return null; }
    var meta = el('div', { 'class': 'bar-meta previous' }, T.previousPeriod + ': ' + pct(p.share) + ' (n=' + p.n + ')'
      + (p.change === null ? '' : ' · ' + pts(p.change * 100) + ' ' + T.pointsShort));
    if (p.significant) {
      meta.appendChild(el('span', { 'class': 'change-mark ' + (p.change > 0 ? 'up' : 'down'), title: T.significantChange },
        p.change > 0 ? ' ▲' : ' ▼'));
    }
    return meta;
  }
  function previousMeta(row, p) {
    var meta = previousLine(p);
    if (meta) { row.lastChild.appendChild(meta); }
  }
  // the same for a net score (NPS, CES): points before, the change in points
  function previousNetLine(p) {
    if (!p || p.n === 0) { return null; }
    var meta = el('div', { 'class': 'bar-meta previous' }, T.previousPeriod + ': ' + pts(p.score) + ' (n=' + p.n + ')'
      + (p.change === null ? '' : ' · ' + pts(p.change) + ' ' + T.pointsShort));
    if (p.significant) {
      meta.appendChild(el('span', { 'class': 'change-mark ' + (p.change > 0 ? 'up' : 'down'), title: T.significantChange },
        p.change > 0 ? ' ▲' : ' ▼'));
    }
    return meta;
  }
  // a card's line about the period before, replaced on every redraw
  function cardPrevious(id, line) {
    var card = document.getElementById(id).parentNode;
    var old = card.querySelector('.previous');
    if (old) { old.remove(); }
    if (line) { card.appendChild(line); }
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
    var cards = d.previous && d.previous.cards;
    cardPrevious('kiosk-satisfaction', cards && previousLine(cards.kiosk));
    cardPrevious('nps', cards && previousNetLine(cards.nps));
    cardPrevious('ces', cards && previousNetLine(cards.ces));
    cardPrevious('csat', cards && previousLine(cards.csat));
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
    var bars = C.rows(box);
    box.replaceChildren.apply(box, rows.map(function (it) {
      var row = barRow(bars, it.questionId, 'div', { 'class': 'bar-row indicator', 'data-question': it.questionId },
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
    bars.done();
    var kiosk = document.getElementById('kiosk-chart');
    var buttons = C.rows(kiosk);
    kiosk.replaceChildren(buttons.box('buttons', 'kiosk-bars', kioskOption(v.kiosk, kiosk.clientWidth)),
      el('div', { 'class': 'kiosk-total', id: 'kiosk-taps' }, v.kiosk.taps + ' ' + T.taps
        + (c && d.kiosk.taps !== v.kiosk.taps ? ' (' + T.rawFigure + ': ' + d.kiosk.taps + ')' : '')));
    buttons.done();
  }
  // the kiosk's four buttons, red to green: taps above each bar, the button and its share of the taps under it
  var BUTTON_COLOURS = ['#cf222e', '#f08c2e', '#7cc35a', '#1a7f37'];
  function kioskOption(k, width) {
    // a button's name goes one word a line in a narrow column (four columns on a phone)
    var narrow = (width || 320) / 4 < 120;
    var names = k.buttons.map(function (count, i) {
      var name = T['b' + (i + 1)];
      return (narrow ? name.replace(/ /g, '\n') : name) + '\n' + (k.taps ? pct(count / k.taps) : '–');
    });
    return {
      aria: { enabled: true, label: { description: T.kioskTitle + ': ' + k.buttons.map(function (count, i) {
        return T['b' + (i + 1)] + ' ' + count; }).join(', ') } },
      grid: { left: 2, right: 2, top: 24, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: names, axisTick: { show: false }, axisLine: { lineStyle: { color: LINE } },
        axisLabel: { interval: 0, color: C.palette.ink, fontSize: 12, lineHeight: 15 } },
      yAxis: { type: 'value', show: false, min: 0 },
      // no taps in the window: say so once over the empty chart instead of four zeros
      title: k.taps ? undefined : { text: T.noData, left: 'center', top: 'middle',
        textStyle: { color: C.palette.muted, fontSize: 14, fontWeight: 'normal' } },
      series: [{ type: 'bar', name: T.taps, silent: true, barWidth: '72%', barMaxWidth: 120,
        label: { show: k.taps > 0, position: 'top', fontSize: 14, fontWeight: 'bold', color: C.palette.ink },
        data: k.buttons.map(function (count, i) {
          return { value: count, itemStyle: { color: BUTTON_COLOURS[i], borderRadius: [3, 3, 0, 0] } };
        }) }]
    };
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
  function renderTotal(t, previous) {
    if (!t || !document.getElementById('total-responses')) { return; }
    setCard('total-responses', String(t.responses), T.forms + ': ' + t.questionnaireResponses, false);
    shareCard('total-positive', t.positive);
    shareCard('total-kiosk', t.kioskSatisfaction);
    // the federal total beside the period before (the region and office pages show it per row)
    cardPrevious('total-positive', previousLine(previous));
  }

  function renderRegion(d) {
    var box = document.getElementById('offices');
    var bars = C.rows(box);
    box.replaceChildren.apply(box, d.offices.map(function (o) {
      var meta = T.responses + ': ' + o.responses + ' · ' + T.kioskSatisfaction + ': '
        + (o.kioskSatisfaction.sufficient ? pct(o.kioskSatisfaction.share) : (o.kioskSatisfaction.n ? T.insufficient : '–'))
        + ' · ' + o.sufficientItems + '/' + o.items + ' ' + T.sufficientItems;
      if (o.excludedResponses > 0) { // clean, with what the flags left out and the raw share
        meta += ' · ' + T.excludedShort.replace('{n}', String(o.excludedResponses)) + ' (' + T.rawFigure + ': '
          + (o.rawPositive && o.rawPositive.n ? pct(o.rawPositive.share) : '–') + ')';
      }
      var row = barRow(bars, o.office, 'a', { 'class': 'bar-row office', href: '/offices/' + encodeURIComponent(o.office), 'data-office': o.office },
        [el('span', { 'class': 'qid' }, o.rank + '.'), document.createTextNode(o.name)], o.positive, meta);
      previousMeta(row, d.previous && d.previous.byOffice[o.office]);
      return row;
    }));
    bars.done();
  }

  function renderRegions(d) {
    var box = document.getElementById('regions');
    var bars = C.rows(box);
    box.replaceChildren.apply(box, d.regions.map(function (r) {
      var meta = T.responses + ': ' + r.responses + ' · ' + r.offices + ' ' + T.offices + ', ' + r.officesWithResponses
        + ' ' + T.withResponses + ' · ' + T.kioskSatisfaction + ': '
        + (r.kioskSatisfaction.sufficient ? pct(r.kioskSatisfaction.share) : (r.kioskSatisfaction.n ? T.insufficient : '–'));
      meta += ' · ' + (r.network === 'centralised' ? T.centralised : T.decentralised);
      var row = barRow(bars, r.region, 'a', { 'class': 'bar-row region', href: '/regions/' + encodeURIComponent(r.region), 'data-region': r.region },
        [el('span', { 'class': 'qid' }, r.rank + '. ' + r.region), document.createTextNode(r.name)], r.positive, meta);
      previousMeta(row, d.previous && d.previous.byRegion[r.region]);
      return row;
    }));
    bars.done();
  }

  function render(d) {
    if (page === 'office') { renderOffice(d); } else if (page === 'region') { renderRegion(d); } else { renderRegions(d); }
    if (page === 'region') {
      var notice = document.getElementById('clean-notice');
      notice.hidden = !(d.excludedResponses > 0);
      notice.textContent = d.excludedResponses > 0 ? T.cleanNotice.replace('{n}', String(d.excludedResponses)) : '';
    }
    renderTotal(d.total, page === 'regions' && d.previous ? d.previous.total : null);
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
  function shareText(p) {
    if (p.n === 0) { return T.noData; }
    var v = p.sufficient ? pct(p.share) + ' (' + pct(p.low) + '–' + pct(p.high) + ')' : T.insufficient + ', ' + pct(p.share);
    return v + ', n=' + p.n;
  }
  // a tooltip in two lines: the bucket or cell, then its figures (narrow enough for a phone)
  function shareTip(prefix, p) { return '<b>' + esc(prefix) + '</b><br>' + esc(shareText(p)); }
  // the 95% interval of a point of the line: a translucent bar from low to high behind it
  function errorBar(params, api) {
    var lo = api.coord([api.value(0), api.value(1)]), hi = api.coord([api.value(0), api.value(2)]);
    return { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] },
      style: { stroke: C.palette.accent, opacity: 0.35, lineWidth: 3, lineCap: 'round' } };
  }
  function renderHistory(h) {
    var box = document.getElementById('history-chart');
    var gran = h.granularity, points = h.points;
    var answered = points.filter(function (p) { return p.share !== null; });
    var latest = answered[answered.length - 1];
    // a bucket's point carries what its tooltip says; an empty bucket breaks the line ('-')
    var line = points.map(function (p) {
      if (p.share === null) { return '-'; }
      var point = { value: p.share, n: p.n, low: p.low, high: p.high, sufficient: p.sufficient, start: p.start };
      if (!p.sufficient) { // hollow and grey: a share from too few answers
        point.symbol = 'emptyCircle';
        point.itemStyle = { color: C.palette.weak, borderColor: C.palette.weak, borderWidth: 1.5 };
      }
      return point;
    });
    var intervals = [];
    points.forEach(function (p, i) { if (p.sufficient && p.low !== null) { intervals.push([i, p.low, p.high]); } });
    var axisLabel = function (start) { return fmtBucket(start, gran, false); };
    // the reader's zoom stays when the same line is drawn again with newer figures
    var shown = echarts.getInstanceByDom(box), which = state.item + '/' + state.audience + '/' + gran;
    var zoom = { start: 0, end: 100 };
    if (shown && box.dataset.line === which) {
      var z = shown.getOption().dataZoom[0];
      zoom = { start: z.start, end: z.end };
    }
    box.dataset.line = which;
    var option = {
      aria: { enabled: true, label: { description: h.label + ': ' + (latest
        ? fmtBucket(latest.start, gran, true) + ': ' + shareText(latest) : T.noData) } },
      grid: { left: 40, right: 14, top: 14, bottom: 62 },
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'line' },
        formatter: function (params) {
          var p = params.filter(function (x) { return x.seriesIndex === 0; })[0] || params[0];
          var d = p.data && p.data.start ? Object.assign({ share: p.data.value }, p.data) : { n: 0 };
          return shareTip(fmtBucket(p.axisValue, gran, true), d);
        } },
      xAxis: { type: 'category', data: points.map(function (p) { return p.start; }), boundaryGap: false,
        axisLabel: { formatter: axisLabel, hideOverlap: true, color: MUTED, fontSize: 11 },
        axisTick: { show: false }, axisLine: { lineStyle: { color: LINE } } },
      yAxis: { type: 'value', min: 0, max: 1, interval: 0.25, splitLine: { lineStyle: { color: LINE } },
        axisLabel: { formatter: function (v) { return Math.round(v * 100) + '%'; }, color: MUTED, fontSize: 11 } },
      // a month of days or two days of hours: pinch or drag inside the chart, or the slider under it
      dataZoom: [Object.assign({ type: 'inside', filterMode: 'none' }, zoom),
        Object.assign({ type: 'slider', filterMode: 'none', height: 20, bottom: 8, labelFormatter: function (i, start) { return axisLabel(start); },
          textStyle: { fontSize: 10, color: MUTED } }, zoom)],
      series: [
        { type: 'line', name: h.label, data: line, connectNulls: false, symbol: 'circle', symbolSize: 7, showAllSymbol: true,
          lineStyle: { width: 2, color: C.palette.accent }, itemStyle: { color: C.palette.accent, borderColor: '#fff', borderWidth: 1 },
          z: 3 },
        { type: 'custom', name: 'interval', data: intervals, renderItem: errorBar, encode: { x: 0, y: [1, 2] }, silent: true, z: 2 }
      ]
    };
    if (!answered.length) {
      option.title = { text: T.noData, left: 'center', top: 'middle', textStyle: { color: MUTED, fontSize: 13, fontWeight: 'normal' } };
    }
    C.draw(box, option);
  }
  function heatColour(share) {
    // 50% and below red, 75% amber, 100% green: the useful range of positive shares
    var t = Math.max(0, Math.min(1, (share - 0.5) / 0.5));
    return 'hsl(' + Math.round(t * 120) + ', 62%, ' + Math.round(52 + (1 - Math.abs(t - 0.5) * 2) * 6) + '%)';
  }
  var HEAT_STOPS = [0, 0.5, 0.5625, 0.625, 0.6875, 0.75, 0.8125, 0.875, 0.9375, 1];
  // Weekday x hour: the share's colour where the answers are enough, the count on grey hatching where they are too
  // few, a blank cell where none. The cells' data: [hour column, weekday row, share, n, low, high, weekday, hour].
  function profileOption(p) {
    var sufficient = [], thin = [], none = [];
    p.days.forEach(function (d, y) {
      d.cells.forEach(function (c, x) {
        // a heatmap draws no cell without a value: an hour without answers has 0 there (its colour is fixed)
        var cell = [x, y, c.n === 0 ? 0 : c.share, c.n, c.low, c.high, d.weekday, c.hour];
        (c.n === 0 ? none : c.sufficient ? sufficient : thin).push(cell);
      });
    });
    function cellName(v) { return T['d' + v[6]] + ' ' + String(v[7]).padStart(2, '0') + ':00'; }
    var cellBorder = { borderColor: '#fff', borderWidth: 2, borderRadius: 3 };
    return {
      aria: { enabled: true, label: { description: T.profileTitle + ' · ' + p.label } },
      grid: { left: 34, right: 2, top: 20, bottom: 2 },
      tooltip: { confine: true, formatter: function (x) {
        var v = x.value;
        return shareTip(cellName(v), { n: v[3], share: v[2], low: v[4], high: v[5], sufficient: x.seriesIndex === 0 });
      } },
      xAxis: { type: 'category', position: 'top', data: p.hours.map(String), axisTick: { show: false }, axisLine: { show: false },
        axisLabel: { color: MUTED, fontSize: 11, fontWeight: 600, interval: 0 } },
      yAxis: { type: 'category', inverse: true, data: p.days.map(function (d) { return T['d' + d.weekday]; }),
        axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: MUTED, fontSize: 11, fontWeight: 600 } },
      visualMap: { show: false, seriesIndex: 0, dimension: 2, min: 0, max: 1, inRange: { color: HEAT_STOPS.map(heatColour) } },
      series: [
        { type: 'heatmap', name: T.legendShare, data: sufficient, itemStyle: cellBorder,
          label: { show: true, fontSize: 11, color: '#111', formatter: function (x) { return String(Math.round(x.value[2] * 100)); } } },
        { type: 'heatmap', name: T.insufficient, data: thin,
          itemStyle: Object.assign({ color: '#e6e9ee', decal: { color: '#fff', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4 } }, cellBorder),
          label: { show: true, fontSize: 11, color: MUTED, formatter: function (x) { return String(x.value[3]); } } },
        { type: 'heatmap', name: T.noData, data: none, silent: true, itemStyle: Object.assign({ color: '#f1f3f6' }, cellBorder) }
      ]
    };
  }
  function renderProfile(p) {
    var box = document.getElementById('profile');
    document.getElementById('profile-item').textContent = ' · ' + p.label;
    var heat = C.rows(box);
    var chart = heat.box('profile', 'heat', profileOption(p));
    // keep cells readable when the hours widen (answers at night): the chart scrolls inside its box, not the page
    chart.style.minWidth = (34 + p.hours.length * 24) + 'px';
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
    scroller.appendChild(chart);
    box.replaceChildren(scroller, legend);
    heat.done();
  }
  function renderBreakdown(b) {
    var box = document.getElementById('breakdown');
    document.getElementById('breakdown-item').textContent = b.label;
    var parts = [], shares = C.rows(box);
    Object.keys(b.byLevel).forEach(function (level) {
      var group = el('div', { 'class': 'group', 'data-level': level });
      group.appendChild(el('h3', null, T[level]));
      var rows = b.byLevel[level];
      if (!rows.length) { group.appendChild(el('p', { 'class': 'hint' }, T.noBreakdown)); }
      var bars = el('div', { 'class': 'bars' });
      rows.forEach(function (r) {
        bars.appendChild(barRow(shares, level + '/' + r.code, 'div', { 'class': 'bar-row indicator breakdown-row', 'data-code': r.code },
          [document.createTextNode(r.label)], r, null));
      });
      group.appendChild(bars);
      parts.push(group);
    });
    box.replaceChildren.apply(box, parts);
    shares.done();
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
        .then(renderHistory).catch(function () { slowLoadedAt = 0; });
      getJson(base + '/profile?' + q).then(renderProfile)
        .catch(function () { slowLoadedAt = 0; });
    }
    getJson(base + '/breakdown?window=' + encodeURIComponent(state.window) + '&' + q)
      .then(renderBreakdown).catch(function () {});
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
