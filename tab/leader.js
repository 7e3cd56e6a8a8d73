// The tab's leader view: the half-yearly status of a unit the person leads, from GET /api/tab/statistics
// (which checks, and audits, that they lead it). Period and unit pickers, the figures as bar charts drawn
// with DOM calls (text as text, never markup from data) with their numbers as a table too, all figures
// as a list, and the CSV file: downloaded with the token, or (Teams' desktop app may refuse a download from
// a tab) opened in the browser by a one-time link. A hidden figure has no value in the answer, so no bar.
(function () {
  'use strict';

  /** The section, kept while the page lives: back from a case's details, it is shown as it was left. */
  var state = { node: null, periodId: '', unitId: '' };

  /** tab.js's element builders (text as text), given with the first call of `section`. */
  var element;
  var svg;

  /** One bar: a track, and over it the value's length of it. A hidden value gets neither: not even a zero. */
  function bar(value, top, series) {
    if (value === undefined) return element('span', { class: 'bar-none' }, []);
    var drawing = svg('svg', { class: 'bar', width: '100%', height: '14', 'aria-hidden': 'true', focusable: 'false' });
    drawing.appendChild(svg('rect', { class: 'track', x: '0', y: '0', width: '100%', height: '14', rx: '2' }));
    if (top > 0) {
      var share = Math.max(0, Math.min(100, (100 * value) / top));
      drawing.appendChild(svg('rect', { class: 'fill series-' + series, x: '0', y: '0', width: share.toFixed(2) + '%', height: '14', rx: '2' }));
    }
    return drawing;
  }

  /** The largest shown value a count chart's bars are measured against; a share is measured against 100. */
  function topOf(chart) {
    if (chart.scale === 'percent') return 100;
    var top = 0;
    chart.rows.forEach(function (row) {
      row.values.forEach(function (cell) {
        if (cell.value !== undefined && cell.value > top) top = cell.value;
      });
    });
    return top;
  }

  function chartFigure(chart, t) {
    var top = topOf(chart);
    var captionId = 'chart-' + chart.id;
    var several = chart.series.length > 1;
    var bars = element(
      'div',
      { class: 'bars', role: 'img', 'aria-label': chart.description },
      chart.rows.map(function (row) {
        return element(
          'div',
          { class: 'bar-row' },
          [element('span', { class: 'bar-label' }, [row.label])].concat(
            row.values.map(function (cell, index) {
              return element('div', { class: 'bar-line' + (several ? ' with-series' : '') }, [
                several ? element('span', { class: 'bar-series' }, [chart.series[index]]) : null,
                bar(cell.value, top, index),
                element('span', { class: 'bar-value' + (cell.value === undefined ? ' hidden-value' : '') }, [cell.text]),
              ]);
            }),
          ),
        );
      }),
    );
    var table = element('table', {}, [
      element('caption', {}, [chart.title]),
      element('thead', {}, [
        element(
          'tr',
          {},
          [element('th', { scope: 'col' }, [t.figure])].concat(
            chart.series.map(function (name) {
              return element('th', { scope: 'col' }, [name]);
            }),
          ),
        ),
      ]),
      element(
        'tbody',
        {},
        chart.rows.map(function (row) {
          return element(
            'tr',
            {},
            [element('th', { scope: 'row' }, [row.label])].concat(
              row.values.map(function (cell) {
                return element('td', {}, [cell.text]);
              }),
            ),
          );
        }),
      ),
    ]);
    return element('figure', { class: 'chart', 'aria-labelledby': captionId, 'data-chart': chart.id }, [
      element('figcaption', { id: captionId }, [chart.title]),
      bars,
      element('details', { class: 'chart-table' }, [element('summary', {}, [t.table]), element('div', { class: 'table-scroll' }, [table])]),
    ]);
  }

  function allFigures(sections, t) {
    return element('details', { class: 'figures' }, [
      element('summary', {}, [t.figures]),
      element(
        'div',
        {},
        sections.map(function (part) {
          return element('section', {}, [
            element('h4', {}, [part.heading]),
            element(
              'dl',
              { class: 'answers' },
              [].concat.apply(
                [],
                part.facts.map(function (fact) {
                  return [element('dt', {}, [fact.title]), element('dd', {}, [fact.value])];
                }),
              ),
            ),
          ]);
        }),
      ),
    ]);
  }

  function options(select, choices, chosen) {
    select.replaceChildren.apply(
      select,
      choices.map(function (choice) {
        var option = element('option', { value: choice.id }, [choice.name]);
        if (choice.id === chosen) option.selected = true;
        return option;
      }),
    );
  }

  /**
   * The leader's section. `env`: `element` and `svg` (tab.js's builders), `t` (the page's texts in the user's language, the leader's at `t.leader`),
   * `locale`, `token()` (the single sign-on token), `focus` (Teams opened the tab at it: the card's link).
   */
  function section(env) {
    if (state.node) return state.node;
    element = env.element;
    svg = env.svg;
    var t = env.t.leader;
    var status = element('p', { class: 'note', role: 'status', 'aria-live': 'polite' }, []);
    var period = element('select', { id: 'leader-period' }, []);
    var unit = element('select', { id: 'leader-unit' }, []);
    var unitField = element('div', { class: 'field', hidden: '' }, [element('label', { for: 'leader-unit' }, [t.unit]), unit]);
    var report = element('div', { class: 'leader-report' }, []);
    var download = element('button', { type: 'button', class: 'download' }, [t.downloadCsv]);
    var openLink = element('button', { type: 'button', class: 'download' }, [t.openCsvLink]);
    var linkField = element('div', { hidden: '' }, [element('p', { class: 'note' }, [t.csvHint]), openLink]);
    var heading = element('h2', { id: 'leader-heading', tabindex: '-1' }, [t.heading]);

    function query(extra) {
      var parts = ['locale=' + encodeURIComponent(env.locale)];
      if (state.periodId) parts.push('period=' + encodeURIComponent(state.periodId));
      if (state.unitId) parts.push('unit=' + encodeURIComponent(state.unitId));
      return '?' + parts.concat(extra || []).join('&');
    }

    function call(path, method) {
      return fetch(path + query(), { method: method || 'GET', headers: { Authorization: 'Bearer ' + env.token() }, cache: 'no-store' });
    }

    function show(answer) {
      state.periodId = answer.report.window.period.id;
      state.unitId = answer.unit.id;
      options(
        period,
        answer.periods.indexOf(state.periodId) >= 0 ? answer.periods.map(nameOf) : [state.periodId].concat(answer.periods).map(nameOf),
        state.periodId,
      );
      options(unit, answer.units, state.unitId);
      if (answer.units.length > 1) unitField.removeAttribute('hidden');
      else unitField.setAttribute('hidden', '');
      function nameOf(id) {
        return { id: id, name: answer.periodNames[id] || id };
      }
      report.replaceChildren(
        element('h3', {}, [answer.title]),
        element('p', { class: 'note' }, [answer.subtitle]),
        element(
          'div',
          { class: 'charts' },
          answer.charts.map(function (chart) {
            return chartFigure(chart, t);
          }),
        ),
        element('p', { class: 'note' }, [answer.note]),
        allFigures(answer.sections, t),
      );
      download.disabled = false;
      openLink.disabled = false;
      if (answer.csvLink) linkField.removeAttribute('hidden');
      else linkField.setAttribute('hidden', '');
      status.textContent = '';
      root.setAttribute('aria-busy', 'false');
    }

    function load() {
      status.textContent = t.loading;
      root.setAttribute('aria-busy', 'true');
      download.disabled = true;
      openLink.disabled = true;
      return call('/api/tab/statistics')
        .then(function (response) {
          return response.json().then(function (body) {
            if (response.ok) show(body);
            else refused(body && body.message);
          });
        })
        .catch(function () {
          refused();
        });
    }

    function refused(message) {
      status.textContent = message || t.loadFailed;
      root.setAttribute('aria-busy', 'false');
    }

    /** The file fetched with the token, then saved from memory (a link could not carry the token). */
    function downloadCsv() {
      status.textContent = t.loading;
      call('/api/tab/statistics.csv')
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          var name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
          return response.blob().then(function (blob) {
            var url = URL.createObjectURL(blob);
            var link = element('a', { href: url, download: name ? name[1] : 'statistik.csv', hidden: '' }, []);
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(function () {
              URL.revokeObjectURL(url);
            }, 10000);
            status.textContent = t.downloaded;
          });
        })
        .catch(function () {
          status.textContent = t.downloadFailed;
        });
    }

    /** A one-time link to the same file (as the statistik card has), opened by Teams in the browser. */
    function openCsvLink() {
      status.textContent = t.loading;
      call('/api/tab/statistics/link', 'POST')
        .then(function (response) {
          return response.json().then(function (body) {
            if (!response.ok) {
              status.textContent = (body && body.message) || t.downloadFailed;
              return;
            }
            return window.microsoftTeams.app.openLink(body.url).then(function () {
              status.textContent = t.csvLinkOpened.replace('{minutes}', String(body.minutes));
            });
          });
        })
        .catch(function () {
          status.textContent = t.downloadFailed;
        });
    }

    period.addEventListener('change', function () {
      state.periodId = period.value;
      load();
    });
    unit.addEventListener('change', function () {
      state.unitId = unit.value;
      load();
    });
    download.addEventListener('click', downloadCsv);
    openLink.addEventListener('click', openCsvLink);

    var root = element('section', { id: 'leader', class: 'leader', 'aria-labelledby': 'leader-heading', 'aria-busy': 'true' }, [
      heading,
      element('p', { class: 'note' }, [t.intro]),
      element('div', { class: 'pickers' }, [element('div', { class: 'field' }, [element('label', { for: 'leader-period' }, [t.period]), period]), unitField]),
      status,
      report,
      element('div', { class: 'csv' }, [download, linkField]),
    ]);
    state.node = root;
    load().then(function () {
      if (env.focus) heading.focus();
    });
    return root;
  }

  window.samarbejdsbotLeader = { section: section };
})();
