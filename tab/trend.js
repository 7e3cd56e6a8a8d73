// The trend picture in a case's details (GET /api/tab/cases/<caseId> `trend`, cards/trendChart.ts): WHO-5 and
// readiness (BIP) over time as lines on one 0–100 axis, the network meetings as vertical marks with their
// number, the WHO-5 threshold at 50; the picture's accessible name is the chart in words, and its numbers,
// with the status at each meeting, are a table too. The WHO-5 signal, when the reader is told it, in plain
// words. Drawn with tab.js's builders (text as text, never markup from data); positions come from the answer.
(function () {
  'use strict';

  /** The drawing's own units (it scales to the tab's width); the plot inside its margins. */
  var WIDTH = 360;
  var HEIGHT = 200;
  var PLOT = { left: 30, right: 350, top: 24, bottom: 176 };

  function xOf(position) {
    return (PLOT.left + (position / 100) * (PLOT.right - PLOT.left)).toFixed(1);
  }
  function yOf(value) {
    return (PLOT.bottom - (value / 100) * (PLOT.bottom - PLOT.top)).toFixed(1);
  }

  function drawing(trend, svg) {
    var chart = svg('svg', { class: 'trend-chart', viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img', 'aria-label': trend.words, focusable: 'false' });
    // The scale: 0, 50 (WHO-5's threshold, dashed) and 100.
    [0, 50, 100].forEach(function (value) {
      var y = yOf(value);
      chart.appendChild(svg('line', { class: value === 50 ? 'trend-threshold' : 'trend-grid', x1: String(PLOT.left), x2: String(PLOT.right), y1: y, y2: y }));
      chart.appendChild(svg('text', { class: 'trend-axis', x: String(PLOT.left - 4), y: y, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, [String(value)]));
    });
    // The meetings: a vertical mark each, its number above the plot.
    trend.meetings.forEach(function (meeting) {
      var x = xOf(trend.positions[meeting.on]);
      var mark = svg('g', { class: 'trend-meeting', 'data-on': meeting.on }, [svg('title', {}, [meeting.text])]);
      mark.appendChild(svg('line', { x1: x, x2: x, y1: String(PLOT.top), y2: String(PLOT.bottom) }));
      // A label at either edge is kept inside the drawing.
      var position = trend.positions[meeting.on];
      var anchor = position < 5 ? 'start' : position > 95 ? 'end' : 'middle';
      mark.appendChild(svg('text', { class: 'trend-label', x: x, y: String(PLOT.top - 6), 'text-anchor': anchor }, [meeting.label]));
      chart.appendChild(mark);
    });
    // Each series: a line through its points, and a mark at each (shapes differ, not colour alone).
    trend.series.forEach(function (series) {
      var points = series.points.map(function (point) {
        return xOf(trend.positions[point.on]) + ',' + yOf(point.value);
      });
      var group = svg('g', { class: 'trend-series trend-' + series.id, 'data-series': series.id });
      if (points.length > 1) group.appendChild(svg('polyline', { points: points.join(' ') }));
      series.points.forEach(function (point) {
        var x = xOf(trend.positions[point.on]);
        var y = yOf(point.value);
        var title = svg('title', {}, [point.text]);
        group.appendChild(
          series.id === 'who5'
            ? svg('circle', { cx: x, cy: y, r: '3.5', 'data-on': point.on, 'data-value': String(point.value) }, [title])
            : svg('rect', { x: (Number(x) - 3).toFixed(1), y: (Number(y) - 3).toFixed(1), width: '6', height: '6', 'data-on': point.on, 'data-value': String(point.value) }, [title]),
        );
      });
      chart.appendChild(group);
    });
    // The first and the last day under the plot.
    var first = trend.rows[0];
    var last = trend.rows[trend.rows.length - 1];
    chart.appendChild(svg('text', { class: 'trend-axis', x: String(PLOT.left), y: String(HEIGHT - 6), 'text-anchor': 'start' }, [first.date]));
    if (last !== first) chart.appendChild(svg('text', { class: 'trend-axis', x: String(PLOT.right), y: String(HEIGHT - 6), 'text-anchor': 'end' }, [last.date]));
    return chart;
  }

  function legend(trend, element, svg) {
    var entries = trend.series.map(function (series) {
      return { id: series.id, label: series.label };
    });
    if (trend.meetings.length > 0) entries.push({ id: 'meeting', label: trend.meetingsLabel });
    entries.push({ id: 'threshold', label: trend.thresholdLabel });
    return element(
      'ul',
      { class: 'trend-legend' },
      entries.map(function (entry) {
        var key = svg('svg', { class: 'trend-key trend-' + entry.id, viewBox: '0 0 24 10', width: '24', height: '10', 'aria-hidden': 'true', focusable: 'false' }, [
          svg('line', { x1: '0', x2: '24', y1: '5', y2: '5' }),
        ]);
        return element('li', {}, [key, ' ' + entry.label]);
      }),
    );
  }

  function table(trend, element) {
    var columns = [trend.columns.date, trend.columns.measures, trend.columns.meeting];
    return element('details', { class: 'chart-table' }, [
      element('summary', {}, [trend.tableCaption]),
      element('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': trend.tableCaption }, [
        element('table', { class: 'trend-table' }, [
          element('caption', {}, [trend.tableCaption]),
          element('thead', {}, [
            element(
              'tr',
              {},
              columns.map(function (name) {
                return element('th', { scope: 'col' }, [name]);
              }),
            ),
          ]),
          element(
            'tbody',
            {},
            trend.rows.map(function (row) {
              var measures = row.measures.length === 0 ? ['–'] : row.measures.map(function (measure) {
                return element('span', { class: 'trend-measure' }, [measure]);
              });
              return element('tr', {}, [element('th', { scope: 'row' }, [row.date]), element('td', {}, measures), element('td', {}, [row.meetingShort || '–'])]);
            }),
          ),
        ]),
      ]),
    ]);
  }

  /** The section's children. `env`: tab.js's `element` and `svg` builders. */
  function parts(trend, env) {
    var element = env.element;
    var svg = env.svg;
    var children = [];
    if (trend.signal) children.push(element('p', { class: 'attention trend-signal' }, [trend.signal]));
    if (trend.rows.length === 0) {
      children.push(element('p', {}, [trend.none]));
    } else {
      children.push(
        element('figure', { class: 'chart trend', 'aria-labelledby': 'trend-caption' }, [
          element('figcaption', { id: 'trend-caption' }, [trend.title]),
          drawing(trend, svg),
          legend(trend, element, svg),
          table(trend, element),
        ]),
      );
    }
    children.push(element('p', { class: 'note' }, [trend.atStart]));
    trend.notes.forEach(function (note) {
      children.push(element('p', { class: 'note' }, [note]));
    });
    return children;
  }

  window.samarbejdsbotTrend = { parts: parts };
})();
