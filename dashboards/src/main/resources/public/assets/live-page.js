// A server-rendered page that follows its place live (coverage, the newest comments): on each 'changed' of its
// place's stream the page's main part is fetched again (the same URL, so the same wave, region or filter) and
// swapped in; while the stream is down, every minute.
(function () {
  'use strict';
  var scope = document.body.getAttribute('data-live-scope');
  var main = document.querySelector('main');
  if (!scope || !main) { return; }
  var busy = false;
  function reload() {
    if (busy || document.hidden) { return; }
    busy = true;
    fetch(location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
        if (!fresh) { return; }
        // the charts are drawn by script: the old ones let go, the new ones drawn from their data-chart
        main.querySelectorAll('[data-chart]').forEach(function (el) {
          var chart = echarts.getInstanceByDom(el);
          if (chart) { chart.dispose(); }
        });
        main.innerHTML = fresh.innerHTML;
        OtklikCharts.drawAll(main);
        document.body.setAttribute('data-refreshed', String(Date.now()));
      })
      .catch(function () { /* the next change or the next minute tries again */ })
      .then(function () { busy = false; });
  }
  var fallback = null;
  if (window.EventSource) {
    var stream = new EventSource('/api/v1/live?scope=' + encodeURIComponent(scope));
    stream.addEventListener('changed', reload);
    stream.addEventListener('open', function () { if (fallback) { clearInterval(fallback); fallback = null; } });
    stream.addEventListener('error', function () { if (!fallback) { fallback = setInterval(reload, 60000); } });
  } else {
    fallback = setInterval(reload, 60000);
  }
  document.addEventListener('visibilitychange', function () { if (!document.hidden) { reload(); } });
})();
