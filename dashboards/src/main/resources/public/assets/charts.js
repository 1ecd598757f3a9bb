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
    good: '#1a7f37', neutral: '#9a6700', bad: '#cf222e', accent: '#1f6feb', muted: '#8c959f',
    ink: '#1d2430', track: '#eef1f5', weak: '#9aa4b2',
    series: ['#0969da', '#1a7f37', '#9a6700', '#8250df', '#cf222e', '#1b7c83', '#bf3989', '#57606a'],
    scale5: ['#cf222e', '#e16f24', '#bf8700', '#7ab55c', '#1a7f37']
  };
  var resized = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      var chart = echarts.getInstanceByDom(e.target);
      if (chart) { chart.resize(); }
    });
  }) : null;

  // A live page redraws every few seconds, mostly with the same figures: an element whose option is what it
  // already shows is left alone. The option's data decides; its functions (renderItem, formatters) are the same
  // code on every drawing and read what they show from the data.
  function draw(el, option) {
    var chart = echarts.getInstanceByDom(el);
    var drawn = JSON.stringify(option);
    if (chart && el.otklikDrawn === drawn) { return chart; }
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
    el.otklikDrawn = drawn;
    return chart;
  }

  function release(el) {
    var chart = echarts.getInstanceByDom(el);
    if (chart) { chart.dispose(); }
    if (resized) { resized.unobserve(el); }
    delete el.otklikDrawn;
  }

  function drawAll(root) {
    (root || document).querySelectorAll('[data-chart]').forEach(function (el) {
      draw(el, JSON.parse(el.getAttribute('data-chart')));
    });
  }

  /*
   * A list redrawn as new HTML keeps its charts' instances: each row asks box(key, className, option) for its chart
   * element and gets the one the row had last time (a new one the first time); the options are drawn by done(),
   * once the rows are in the page (ECharts takes the box's size), and the charts no row asked for are disposed.
   */
  function rows(root) {
    var old = {}, gone = [], queued = [];
    root.querySelectorAll('[_echarts_instance_]').forEach(function (b) {
      var key = b.getAttribute('data-chart-key');
      if (key === null) { gone.push(b); } else { old[key] = b; }
    });
    return {
      box: function (key, className, option) {
        var b = old[key];
        if (b) { delete old[key]; } else { b = document.createElement('div'); b.setAttribute('data-chart-key', key); }
        b.className = 'echart ' + className;
        queued.push([b, option]);
        return b;
      },
      done: function () {
        gone.concat(Object.keys(old).map(function (k) { return old[k]; })).forEach(release);
        queued.forEach(function (q) { draw(q[0], q[1]); });
      }
    };
  }

  // the 95% interval of a horizontal bar: a line from low to high with a cap at each end
  function whisker(params, api) {
    var lo = api.coord([api.value(0), api.value(2)]), hi = api.coord([api.value(1), api.value(2)]);
    var cap = Math.max(3, api.size([0, 1])[1] * 0.22);
    var style = { stroke: palette.ink, lineWidth: 1.5 };
    function line(x1, y1, x2, y2) { return { type: 'line', shape: { x1: x1, y1: y1, x2: x2, y2: y2 }, style: style }; }
    return { type: 'group', children: [line(lo[0], lo[1], hi[0], hi[1]), line(lo[0], lo[1] - cap, lo[0], lo[1] + cap),
      line(hi[0], hi[1] - cap, hi[0], hi[1] + cap)] };
  }

  /*
   * Horizontal bars on a 0..1 scale on a track, one under the other, each with its 95% interval if it has one
   * (bars: [{share, low, high, colour}], share null = nothing to draw). The figures are written beside the chart
   * by the page; description is what a screen reader says of it.
   */
  function shareBars(bars, description) {
    return {
      aria: { enabled: true, label: { description: description } },
      grid: { left: 2, right: 2, top: 1, bottom: 1 }, // the whiskers' caps at 0 and 100% stay inside
      xAxis: { type: 'value', min: 0, max: 1, show: false },
      yAxis: { type: 'category', inverse: true, show: false, data: bars.map(function (b, i) { return String(i); }) },
      series: [
        { type: 'bar', name: 'share', silent: true, barWidth: '76%', showBackground: true,
          backgroundStyle: { color: palette.track, borderRadius: 3 },
          data: bars.map(function (b) { return { value: b.share, itemStyle: { color: b.colour, borderRadius: 3 } }; }) },
        { type: 'custom', name: 'interval', silent: true, renderItem: whisker, encode: { x: [0, 1], y: 2 }, z: 3, // over the bar
          data: bars.map(function (b, i) { return b.share !== null && b.low !== null && b.low !== undefined ? [b.low, b.high, i] : null; })
            .filter(function (d) { return d !== null; }) }
      ]
    };
  }

  window.OtklikCharts = { draw: draw, drawAll: drawAll, rows: rows, shareBars: shareBars, palette: palette, locale: locale };
  document.addEventListener('DOMContentLoaded', function () { drawAll(document); });
})();
