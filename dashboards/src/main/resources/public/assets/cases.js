// The case queue page: the list of cases with their comment and scores, the forms that record the cause, the
// corrective action and the follow-up, and the cause statistics as bars. Redrawn every 30 s unless a form is
// being filled in.
(function () {
  'use strict';
  var body = document.body;
  if (body.dataset.page !== 'cases') { return; }
  var T = JSON.parse(document.getElementById('texts').textContent);
  var lang = body.dataset.lang || 'ru';
  var zone = body.dataset.zone || 'UTC';
  var base = body.dataset.query ? body.dataset.query + '&' : '';
  var state = { filter: 'active', page: 0, causes: [], canAct: false };
  var C = window.OtklikCharts;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function pct(x) { return (Math.round(x * 1000) / 10).toLocaleString(lang) + '%'; }
  function when(iso) {
    if (!iso) { return ''; }
    return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', { timeZone: zone, day: 'numeric', month: 'short',
      hour: '2-digit', minute: '2-digit' });
  }
  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 401) { window.location.href = '/login?next=' + encodeURIComponent(window.location.pathname); return null; }
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    });
  }
  function post(url, payload) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', body: JSON.stringify(payload),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': body.dataset.csrf } })
      .then(function (r) {
        return r.json().then(function (j) { if (!r.ok) { throw new Error(j.message || ('HTTP ' + r.status)); } return j; });
      });
  }

  function renderStatistics(s) {
    document.getElementById('cases-open').textContent = String(s.open);
    document.getElementById('cases-progress').textContent = String(s.inProgress);
    document.getElementById('cases-overdue').textContent = String(s.overdue);
    document.getElementById('cases-closed').textContent = String(s.closed);
    var box = document.getElementById('causes');
    var bars = C.rows(box); // the causes' charts are drawn again in place every 30 s
    box.textContent = '';
    var named = s.causes.filter(function (c) { return c.cases > 0; });
    if (named.length === 0) { box.appendChild(el('p', { 'class': 'hint' }, T.causesNone)); }
    named.forEach(function (c) {
      var row = el('div', { 'class': 'cause-row', 'data-cause': c.code });
      var name = el('div', { 'class': 'cause-name' });
      name.appendChild(el('span', null, c.title + ' · ' + c.cases));
      name.appendChild(el('span', { 'class': 'cause-figures' }, pct(c.share) + ' · ' + T.weightedShare + ' ' + pct(c.weightedShare)));
      row.appendChild(name);
      // the share of the cases, and under it the share weighted by the cases' scores
      row.appendChild(bars.box(c.code, 'cause-bars', C.shareBars([{ share: c.share, colour: C.palette.accent },
        { share: c.weightedShare, colour: '#8250df' }], c.title + ': ' + pct(c.share) + ' · ' + T.weightedShare + ' '
        + pct(c.weightedShare))));
      box.appendChild(row);
    });
    bars.done();
  }

  function actionForm(c) {
    var f = el('form', { 'class': 'action-form' });
    var l1 = el('label', null, T.caseCause);
    var sel = el('select', { name: 'cause', required: 'required' });
    state.causes.forEach(function (k) {
      var o = el('option', { value: k.code }, k.title);
      if (k.code === c.cause) { o.selected = true; }
      sel.appendChild(o);
    });
    l1.appendChild(sel);
    var l2 = el('label', null, T.caseAction);
    var ta = el('textarea', { name: 'action', rows: '2', minlength: '3', maxlength: '2000', required: 'required' });
    ta.value = c.action || '';
    l2.appendChild(ta);
    var err = el('p', { 'class': 'error', role: 'alert' });
    f.appendChild(l1); f.appendChild(l2); f.appendChild(el('button', { type: 'submit' }, T.caseSave)); f.appendChild(err);
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      post('/api/v1/cases/' + c.id + '/action', { cause: sel.value, action: ta.value })
        .then(function () { load(true); }).catch(function (x) { err.textContent = x.message; });
    });
    return f;
  }
  function followUpForm(c) {
    var f = el('form', { 'class': 'follow-up-form' });
    var l = el('label', null, T.caseFollowUp);
    var ta = el('textarea', { name: 'followUp', rows: '2', minlength: '3', maxlength: '2000', required: 'required' });
    l.appendChild(ta);
    var err = el('p', { 'class': 'error', role: 'alert' });
    f.appendChild(l); f.appendChild(el('button', { type: 'submit' }, T.caseClose)); f.appendChild(err);
    f.addEventListener('submit', function (e) {
      e.preventDefault();
      post('/api/v1/cases/' + c.id + '/follow-up', { followUp: ta.value })
        .then(function () { load(true); }).catch(function (x) { err.textContent = x.message; });
    });
    return f;
  }
  function causeTitle(code) {
    var k = state.causes.filter(function (x) { return x.code === code; })[0];
    return k ? k.title : code;
  }
  function renderCase(c) {
    var li = el('li', { 'class': c.status + (c.overdue ? ' overdue' : ''), 'data-case': String(c.id) });
    var head = el('div', { 'class': 'head' });
    head.appendChild(el('span', { 'class': 'kind' }, c.kind === 'feedback' ? T.caseFeedback : T.caseDrop));
    head.appendChild(el('span', { 'class': 'badge' }, T['caseStatus_' + c.status]));
    if (c.overdue) { head.appendChild(el('span', { 'class': 'badge overdue' }, T.caseOverdue)); }
    head.appendChild(el('span', { 'class': 'meta' }, c.officeName + (c.touchpoint ? ' · ' + c.touchpoint : '') + ' · '
      + when(c.occurredAt) + ' · ' + c.ageDays.toLocaleString(lang) + ' ' + T.caseAge + ' · ' + T.caseDue + ' ' + when(c.dueAt)));
    li.appendChild(head);
    if (c.kind === 'feedback') {
      li.appendChild(el('blockquote', null, c.comment === null ? T.caseNoComment : c.comment));
      var scores = el('ul', { 'class': 'scores' });
      c.lowItems.forEach(function (i) {
        scores.appendChild(el('li', { title: i.label }, i.id + (i.score === null ? '' : ' = ' + i.score) + ' · ' + i.label));
      });
      li.appendChild(scores);
    } else {
      li.appendChild(el('p', { 'class': 'record' }, c.alertTitle));
    }
    if (c.cause) {
      li.appendChild(el('p', { 'class': 'record' }, T.caseCause + ': ' + causeTitle(c.cause) + ' — ' + c.action
        + ' (' + c.actionBy + ', ' + when(c.actionAt) + ')'));
    }
    if (c.followUp) {
      li.appendChild(el('p', { 'class': 'record' }, T.caseFollowUp + ': ' + c.followUp + ' (' + c.followUpBy + ', '
        + when(c.closedAt) + ')'));
    }
    if (state.canAct && c.status !== 'closed') {
      li.appendChild(actionForm(c));
      if (c.status === 'in_progress') { li.appendChild(followUpForm(c)); }
    }
    return li;
  }
  function renderCases(d) {
    state.causes = d.causes;
    state.canAct = d.canAct;
    var list = document.getElementById('cases');
    list.textContent = '';
    if (d.cases.length === 0) { list.appendChild(el('li', { 'class': 'none' }, T.casesNone)); }
    d.cases.forEach(function (c) { list.appendChild(renderCase(c)); });
    var pages = Math.max(1, Math.ceil(d.total / d.pageSize));
    document.getElementById('page-no').textContent = T.casePage + ' ' + (d.page + 1) + ' / ' + pages;
    document.getElementById('prev').disabled = d.page === 0;
    document.getElementById('next').disabled = d.page + 1 >= pages;
  }
  function editing() {
    var a = document.activeElement;
    return a && (a.tagName === 'TEXTAREA' || a.tagName === 'SELECT') && a.closest('#cases');
  }
  function load(force) {
    if (!force && editing()) { return; }
    var status = document.getElementById('status');
    Promise.all([
      getJson('/api/v1/cases?' + base + 'filter=' + state.filter + '&page=' + state.page + '&lang=' + lang),
      getJson('/api/v1/cases/statistics?' + base + 'lang=' + lang)
    ]).then(function (r) {
      if (!r[0] || !r[1]) { return; }
      renderCases(r[0]);
      renderStatistics(r[1]);
      status.textContent = ''; status.className = '';
    }).catch(function () { status.textContent = T.offline; status.className = 'offline'; });
  }
  function pressed() {
    Array.prototype.forEach.call(document.querySelectorAll('#case-filter button'), function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.filter === state.filter));
    });
  }
  document.getElementById('case-filter').addEventListener('click', function (e) {
    var b = e.target.closest('button'); if (!b) { return; }
    state.filter = b.dataset.filter; state.page = 0; pressed(); load(true);
  });
  document.getElementById('prev').addEventListener('click', function () { state.page = Math.max(0, state.page - 1); load(true); });
  document.getElementById('next').addEventListener('click', function () { state.page += 1; load(true); });
  pressed();
  load(true);
  setInterval(function () { if (!document.hidden) { load(false); } }, 30000);
}());
