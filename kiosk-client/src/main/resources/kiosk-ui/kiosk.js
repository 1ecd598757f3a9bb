// Kiosk touch UI. Every press goes to the agent (POST /tap), which journals it and filters repeated
// presses; the page itself never drops a press. The reason follow-up is posted to
// /tap/{tapId}/reason and merged by the agent into the same tap (counted once). After an unhappy button the
// visitor may also write a comment (the kiosk's on-screen keyboard); the first keystroke tells the agent
// (/tap/{tapId}/writing) to hold the tap for it, and the comment leaves with the reason, or alone.
(function () {
  'use strict';

  var DEFAULT_LANG = 'ru';
  // Guard against a mash landing on a reason button that appears where a smiley was.
  var REASON_GUARD_MS = 600;
  // Writing takes longer than choosing: the page waits this long after the last keystroke (the agent holds the
  // tap for 3 minutes once writing started).
  var COMMENT_IDLE_MS = 60000;
  var TEXTS = {
    ru: {
      captions: ['Очень плохо', 'Плохо', 'Хорошо', 'Отлично'],
      thanks: 'Спасибо за оценку!',
      skip: 'Пропустить',
      commentHint: 'Что случилось? Напишите, если хотите (необязательно)',
      send: 'Отправить',
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
      commentHint: 'What happened? Write to us if you like (optional)',
      send: 'Send',
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
  var lastButton = null;
  var writing = false;

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
    $('#comment').setAttribute('placeholder', t.commentHint);
    $('#comment').setAttribute('aria-label', t.commentHint);
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
      lastButton = button;
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
    writing = false;
    $('#comment').value = '';
    document.body.classList.toggle('unhappy', lastButton != null && lastButton <= 2);
    document.body.classList.remove('has-comment');
    show('thanks', config.idleMs, reset);
  }

  function typed() {
    if (!tapId) {
      return;
    }
    document.body.classList.toggle('has-comment', $('#comment').value.trim() !== '');
    if (!writing) {
      writing = true; // hold the tap for the comment; if the agent says no (409), the reason still goes alone
      fetch('/tap/' + encodeURIComponent(tapId) + '/writing', { method: 'POST' }).catch(function () {});
    }
    show('thanks', COMMENT_IDLE_MS, reset);
  }

  function chooseReason(code, el) {
    if (!tapId) {
      return;
    }
    var id = tapId;
    var comment = $('#comment').value.trim();
    if (code == null && comment === '') {
      return;
    }
    tapId = null; // one follow-up per tap
    el.classList.add('chosen');
    $all('.reason').forEach(function (b) { b.disabled = true; });
    $('#comment').blur();
    var done = function () { show('done', Math.min(2500, config.idleMs), reset); };
    var body = {};
    if (code != null) {
      body.reason = code;
    }
    if (comment !== '') {
      body.comment = comment;
    }
    // the rating is already kept; a late (409) or failed follow-up still ends with thanks
    fetch('/tap/' + encodeURIComponent(id) + '/reason', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
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
    $('#comment').addEventListener('input', typed);
    var send = $('#send-comment');
    send.addEventListener('click', function () { chooseReason(null, send); });
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
