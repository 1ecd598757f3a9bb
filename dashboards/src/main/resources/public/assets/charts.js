/*
 * The pages' one way to draw a chart: Apache ECharts (served from the jar by ChartAssets), in the page's language,
 * resized with its box, described for screen readers (ECharts' aria), redrawn in place on a live update.
 * A page script calls OtklikCharts.draw(element, option); a server-rendered page puts the option as JSON into a
 * data-chart attribute and it is drawn on load (and by OtklikCharts.drawAll(root) for HTML inserted later).
 * The pages' CSP allows no inline style: ECharts styles its own elements through the DOM, which CSP permits.
 */
(function () {
  'use strict';
  var locale = document.documentElement.lang === 'en' ? 'EN' : 'RU';
  // the same colours as dashboard.css: good/neutral/bad and the series of a comparison
  var palette = {
    good: '#1a7f37', neutral: '#9a6700', bad: '#cf222e', accent: '#0969da', muted: '#8c959f',
    series: ['#0969da', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#1b7c83', '#bf3989', '#57606a'],
    scale5: ['#cf222e', '#e16f24', '#bf8700', '#7ab55c', '#1a7f37']
  };
  var resized = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      var chart = echarts.getInstanceByDom(e.target);
      if (chart) { chart.resize(); }
    });
  }) : null;

  function draw(el, option) {
    var chart = echarts.getInstanceByDom(el);
    if (!chart) {
      chart = echarts.init(el, null, { locale: locale, renderer: 'canvas' });
      if (resized) { resized.observe(el); }
    }
    var o = Object.assign({
      aria: { enabled: true },
      animation: false, // live figures are redrawn every few seconds: no motion that is not a change
      color: palette.series,
      textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' }
    }, option);
    chart.setOption(o, true);
    return chart;
  }

  function drawAll(root) {
    (root || document).querySelectorAll('[data-chart]').forEach(function (el) {
      draw(el, JSON.parse(el.getAttribute('data-chart')));
    });
  }

  window.OtklikCharts = { draw: draw, drawAll: drawAll, palette: palette, locale: locale };
  document.addEventListener('DOMContentLoaded', function () { drawAll(document); });
})();
