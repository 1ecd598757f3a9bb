// Kiosk touch UI. Every press goes to the agent (POST /tap), which journals it and filters repeated
// presses; the page itself never drops a press. The reason follow-up is posted to
// /tap/{tapId}/reason and merged by the agent into the same tap (counted once).
(function () {
  'use strict';

  var DEFAULT_LANG = 'ru';
  // Guard against a mash landing on a reason button that appears where a smiley was.
  var REASON_GUARD_MS = 600;
  var TEXTS = {
    ru: {
      captions: ['Очень плохо', 'Плохо', 'Хорошо', 'Отлично'],
      thanks: 'Спасибо за оценку!',
      skip: 'Пропустить',
      done: 'Спасибо! Ваш ответ учтён.',
      outOfOrder: 'Терминал временно не работает.',
      tellStaff: 'Пожалуйста, сообщите об этом сотруднику.',
      toggle: 'English',
      title: 'Оценка визита'
    },
    en: {
      captions: ['Very poor', 'Poor', 'Good', 'Excellent'],
      thanks: 'Thank you for your rating!',
      skip: 'Skip',
      done: 'Thank you! Your answer has been recorded.',
      outOfOrder: 'This terminal is out of order.',
      tellStaff: 'Please tell a member of staff.',
      toggle: 'Русский',
      title: 'Rate your visit'
    }
  };

  var config = null;
  var lang = DEFAULT_LANG;
  var tapId = null;
  var timer = null;

  function $(sel) { return document.querySelector(sel); }
  function $all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }

  function show(screen, afterMs, then) {
    document.body.setAttribute('data-screen', screen);
    clearTimeout(timer);
    if (afterMs != null) {
      timer = setTimeout(then, afterMs);
    }
  }

  function reset() {
    tapId = null;
    setLang(DEFAULT_LANG);
    show('start');
  }

  function setLang(next) {
    lang = next;
    var t = TEXTS[lang];
    document.documentElement.lang = lang;
    document.title = t.title;
    $('#question').textContent = config.question[lang];
    $('#reason-question').textContent = config.reasonQuestion ? config.reasonQuestion[lang] : '';
    $all('[data-caption]').forEach(function (el) {
      el.textContent = t.captions[Number(el.getAttribute('data-caption')) - 1];
    });
    $all('.smiley').forEach(function (el) {
      el.setAttribute('aria-label', t.captions[Number(el.getAttribute('data-button')) - 1]);
    });
    $all('[data-text]').forEach(function (el) { el.textContent = t[el.getAttribute('data-text')]; });
    $all('.reason[data-reason]').forEach(function (el) {
      var r = config.reasons.filter(function (x) { return x.code === el.getAttribute('data-reason'); })[0];
      el.textContent = r[lang];
    });
    $('.reason.skip').textContent = t.skip;
    var toggle = $('#lang-toggle');
    toggle.textContent = t.toggle;
    toggle.setAttribute('lang', lang === 'ru' ? 'en' : 'ru');
  }

  function buildReasons() {
    var box = $('#reasons');
    config.reasons.forEach(function (r) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'reason';
      b.setAttribute('data-reason', r.code);
      b.addEventListener('click', function () { chooseReason(r.code, b); });
      box.appendChild(b);
    });
    var skip = document.createElement('button');
    skip.type = 'button';
    skip.className = 'reason skip';
    skip.addEventListener('click', reset);
    box.appendChild(skip);
  }

  function press(button, el) {
    el.classList.add('pressed');
    setTimeout(function () { el.classList.remove('pressed'); }, 150);
    fetch('/tap', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ button: button })
    }).then(function (res) {
      if (!res.ok) {
        throw new Error('tap refused: HTTP ' + res.status);
      }
      return res.json();
    }).then(function (out) {
      if (document.body.getAttribute('data-screen') === 'thanks' && out.tapId === tapId) {
        return; // a repeated press folded into the tap already on screen
      }
      tapId = out.tapId;
      thank();
    }).catch(function () {
      // 507 (backlog full), 500 (disk) or no agent: never pretend the rating was kept
      tapId = null;
      show('error', config.idleMs, reset);
    });
  }

  function thank() {
    var buttons = $all('.reason');
    buttons.forEach(function (b) { b.disabled = true; b.classList.remove('chosen'); });
    setTimeout(function () { buttons.forEach(function (b) { b.disabled = false; }); }, REASON_GUARD_MS);
    show('thanks', config.idleMs, reset);
  }

  function chooseReason(code, el) {
    if (!tapId) {
      return;
    }
    var id = tapId;
    tapId = null; // one reason per tap
    el.classList.add('chosen');
    $all('.reason').forEach(function (b) { b.disabled = true; });
    var done = function () { show('done', Math.min(2500, config.idleMs), reset); };
    // the rating is already kept; a late (409) or failed reason still ends with thanks
    fetch('/tap/' + encodeURIComponent(id) + '/reason', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: code })
    }).then(done, done);
  }

  function idleOnStart() {
    // a visitor who switched to English and walked away: the next one starts in Russian
    if (document.body.getAttribute('data-screen') !== 'start') {
      return; // the other screens have their own timer
    }
    clearTimeout(timer);
    if (lang !== DEFAULT_LANG) {
      timer = setTimeout(reset, config.idleMs);
    }
  }

  function init(cfg) {
    config = cfg;
    buildReasons();
    $all('.smiley').forEach(function (el) {
      el.addEventListener('click', function () { press(Number(el.getAttribute('data-button')), el); });
    });
    $('#lang-toggle').addEventListener('click', function () {
      setLang(lang === 'ru' ? 'en' : 'ru');
      idleOnStart();
    });
    reset();
  }

  function load() {
    fetch('/ui-config').then(function (res) {
      if (!res.ok) {
        throw new Error('HTTP ' + res.status);
      }
      return res.json();
    }).then(init).catch(function () { setTimeout(load, 2000); });
  }

  load();
}());
