// The tab in the browser: Teams' handshake (@microsoft/teams-js), the user's language and theme, their
// single sign-on token, then their cases from the API. Nothing is shown before the server has checked
// the token: everything on the page comes from its answer. Text goes in as text, never as markup.
(function () {
  'use strict';

  var texts = JSON.parse(document.getElementById('tab-texts').textContent);
  var t = texts.da;
  var locale = 'da-DK';
  var status = document.getElementById('status');
  var content = document.getElementById('content');
  var main = document.getElementById('main');
  /** The token and the list last shown, for a case's details and the way back; the sub-page Teams opened the tab at. */
  var session = { token: '', view: null, subPageId: '' };

  /** In a channel or group chat Teams first opens the tab's configuration page (the manifest's configurationUrl). */
  var CONFIGURING = /\/tab\/config$/.test(location.pathname);

  /** How long the Teams host may take to answer the handshake before the page says it is not in Teams. */
  var HANDSHAKE_TIMEOUT_MS = 8000;

  function chooseLanguage(value) {
    locale = value || locale;
    t = /^en/i.test(locale) ? texts.en : texts.da;
    document.documentElement.lang = t === texts.en ? 'en' : 'da';
    document.getElementById('title').textContent = t.title;
  }

  function applyTheme(theme) {
    document.body.classList.remove('theme-dark', 'theme-contrast');
    if (theme === 'dark' || theme === 'contrast') document.body.classList.add('theme-' + theme);
  }

  function say(text) {
    status.textContent = text;
    main.setAttribute('aria-busy', 'false');
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key] === undefined ? '' : String(values[key]);
    });
  }

  /** `node` with its attributes and children (text or nodes; null and undefined left out). */
  function filled(node, attributes, children) {
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function element(tag, attributes, children) {
    return filled(document.createElement(tag), attributes, children);
  }

  var SVG = 'http://www.w3.org/2000/svg';

  /** The same for a drawing's elements (leader.js's charts, trend.js's picture). */
  function svg(tag, attributes, children) {
    return filled(document.createElementNS(SVG, tag), attributes, children);
  }

  var dateTime = function (iso) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
  };
  /** A calendar date (YYYY-MM-DD) as the user's locale writes it. */
  var day = function (date) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(date + 'T00:00:00Z'));
  };

  /** The day of an instant, in Copenhagen. */
  var dayOf = function (iso) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
  };

  function meetingText(meeting) {
    if (!meeting) return t.notPlanned;
    if (meeting.open) return fill(t.meetingOpen, { number: meeting.number });
    if (meeting.number !== undefined) return fill(t.meetingNumbered, { number: meeting.number, at: dateTime(meeting.startsAt) });
    return fill(t.meetingPlanned, { at: dateTime(meeting.startsAt) });
  }

  /** A label and its value; a flagged value says so in words, not by colour alone. */
  function row(label, value, flagged) {
    return [element('dt', {}, [label]), element('dd', flagged ? { class: 'flag' } : {}, [value])];
  }

  function caseCard(headingId, title, rows, needsAttention, caseId) {
    var list = element('dl', {}, [].concat.apply([], rows));
    var open = null;
    if (caseId) {
      open = element('button', { type: 'button', class: 'open', id: 'open-' + caseId, 'aria-describedby': headingId }, [t.openCase]);
      open.addEventListener('click', function () {
        showCase(caseId);
      });
    }
    return element('li', { class: 'case' }, [
      element('article', { 'aria-labelledby': headingId }, [
        element('h3', { id: headingId }, [title]),
        needsAttention ? element('p', { class: 'attention' }, [t.attention]) : null,
        list,
        open,
      ]),
    ]);
  }

  function section(id, heading, children) {
    return element('section', { 'aria-labelledby': id }, [element('h2', { id: id }, [heading])].concat(children));
  }

  function coordinatorCase(item, index) {
    var overdue = item.agreements.overdue > 0;
    var eyeKeeperPending = item.eyeKeeper && !item.eyeKeeper.acknowledged;
    var consentProblem = !item.consent.valid || item.consent.expiringSoon;
    var consentText = !item.consent.valid
      ? t.consentMissing
      : fill(item.consent.expiringSoon ? t.consentExpiring : t.consentValid, { date: day(item.consent.expiresOn) });
    var eyeKeeperText = !item.eyeKeeper
      ? t.noEyeKeeper
      : fill(item.eyeKeeper.acknowledged ? t.eyeKeeperAcknowledged : t.eyeKeeperNotAcknowledged, { name: item.eyeKeeper.name });
    return caseCard(
      'coordinator-case-' + index,
      fill(t.caseTitle, { reference: item.reference }) + ': ' + item.youngPersonName,
      [
        row(t.nextMeeting, meetingText(item.nextMeeting), !item.nextMeeting),
        row(t.agreementsLabel, fill(item.agreements.open === 0 ? t.agreementsNone : overdue ? t.agreementCountsOverdue : t.agreementCounts, item.agreements), overdue),
        row(t.eyeKeeper, eyeKeeperText, eyeKeeperPending),
        row(t.consent, consentText, consentProblem),
        row(t.meetingsLastYear, fill(t.meetingsCount, item.meetingsLastYear), item.meetingsLastYear.held < item.meetingsLastYear.target),
      ],
      overdue || eyeKeeperPending || consentProblem || !item.nextMeeting,
      item.caseId,
    );
  }

  function memberCase(item, index) {
    return caseCard(
      'member-case-' + index,
      fill(t.caseTitle, { reference: item.reference }) + ': ' + item.youngPersonName,
      [row(t.role, t.roles[item.role] || item.role), row(t.coordinator, item.coordinatorName), row(t.nextMeeting, meetingText(item.nextMeeting))],
      false,
      item.caseId,
    );
  }

  function withheldCase(item, index) {
    return caseCard(
      'withheld-case-' + index,
      fill(t.caseTitle, { reference: item.reference }),
      [row(t.coordinator, item.coordinatorName), row(t.reason, t.consentGaps[item.reason] || '')],
      false,
    );
  }

  /** The coordinator's radar: each case by its reference with what needs attention, most urgent first. */
  function radarSection(radar) {
    var items = radar.map(function (item, index) {
      var headingId = 'radar-case-' + index;
      var open = element('button', { type: 'button', class: 'open', 'aria-describedby': headingId }, [t.openCase]);
      open.addEventListener('click', function () {
        showCase(item.caseId);
      });
      return element('li', { class: 'case' }, [
        element('article', { 'aria-labelledby': headingId }, [
          element('h3', { id: headingId }, [fill(t.caseTitle, { reference: item.reference })]),
          element('ul', { class: 'radar-lines' }, item.lines.map(function (line) {
            return element('li', { class: 'flag' }, [line]);
          })),
          open,
        ]),
      ]);
    });
    return section('radar', t.radar.heading, [
      element('p', { class: 'note' }, [t.radar.intro]),
      items.length > 0 ? element('ul', { class: 'cases' }, items) : element('p', {}, [t.radar.nothing]),
    ]);
  }

  function caseList(items, render) {
    return element('ul', { class: 'cases' }, items.map(render));
  }

  function render(view, focusId) {
    session.view = view;
    var parts = [];
    if (view.coordinatorCases.length > 0) parts.push(radarSection(view.radar));
    if (view.coordinatorCases.length > 0) parts.push(section('coordinator-cases', t.coordinatorCases, [caseList(view.coordinatorCases, coordinatorCase)]));
    if (view.memberCases.length > 0) parts.push(section('member-cases', t.memberCases, [caseList(view.memberCases, memberCase)]));
    if (view.withheldCases.length > 0) {
      parts.push(section('withheld-cases', t.withheldCases, [element('p', { class: 'note' }, [t.withheldCasesNote]), caseList(view.withheldCases, withheldCase)]));
    }
    var onlyLeader = view.leader && parts.length === 0 && view.agreements.length === 0 && view.withheldAgreements.length === 0;
    if (parts.length === 0 && !onlyLeader) parts.push(element('p', {}, [t.noCases]));
    var agreements = view.agreements.map(function (item) {
      return element('li', {}, [
        element('p', {}, [item.action]),
        element('p', { class: 'note' }, [
          fill(t.caseTitle, { reference: item.reference }) + ' · ' + t.followUpOn + ' ' + day(item.followUpOn),
          item.overdue ? element('span', { class: 'flag' }, [' · ' + t.overdue]) : null,
        ]),
      ]);
    });
    if (!onlyLeader) parts.push(section('agreements', t.agreements, [agreements.length > 0 ? element('ul', { class: 'agreements' }, agreements) : element('p', {}, [t.noAgreements])]));
    if (view.withheldAgreements.length > 0) {
      parts.push(
        section('withheld-agreements', t.withheldAgreements, [
          element(
            'ul',
            { class: 'agreements' },
            view.withheldAgreements.map(function (item) {
              return element('li', {}, [fill(t.caseTitle, { reference: item.reference }) + ': ' + fill(t.openCount, { count: item.openCount }) + ' (' + t.consentGaps[item.reason] + ')']);
            }),
          ),
        ]),
      );
    }
    if (view.leader && window.samarbejdsbotLeader) parts.push(leaderSection());
    content.replaceChildren.apply(content, parts);
    say('');
    var focus = focusId && document.getElementById(focusId);
    if (focus) focus.focus();
  }

  /** The leader's half-yearly status (leader.js); the statistik card's link opens the tab at it (bot/tab/deepLink.ts). */
  function leaderSection() {
    return window.samarbejdsbotLeader.section({
      element: element,
      svg: svg,
      t: t,
      locale: locale,
      token: function () {
        return session.token;
      },
      focus: session.subPageId === 'statistics',
    });
  }

  /** One case: its team, its progress over time, goals with agreements and their history, interventions with theirs, and meetings; then back to the list. */
  function renderCase(details) {
    var back = element('button', { type: 'button', class: 'back' }, ['← ' + t.back]);
    back.addEventListener('click', function () {
      render(session.view, 'open-' + details.caseId);
    });
    var heading = element('h2', { id: 'case-heading', tabindex: '-1' }, [fill(t.caseTitle, { reference: details.reference }) + ': ' + details.youngPersonName]);
    var team = section('case-team', t.team, [
      element(
        'ul',
        { class: 'agreements' },
        details.team.map(function (member) {
          return element('li', {}, [member.name + ' · ' + member.role]);
        }),
      ),
    ]);
    var trend = window.samarbejdsbotTrend ? section('case-trend', details.trend.heading, window.samarbejdsbotTrend.parts(details.trend, { element: element, svg: svg })) : null;
    var overview = section('case-network-overview', t.networkOverview, [
      element(
        'dl',
        { class: 'answers' },
        [].concat.apply(
          [],
          details.networkOverview.map(function (line) {
            var persons = line.persons.map(function (person) {
              return element('p', {}, [person.name, element('br'), person.contact].concat(person.supportOffer ? [element('br'), person.supportOffer] : []));
            });
            return [element('dt', {}, [line.row]), element('dd', {}, persons.length > 0 ? persons : ['–'])];
          }),
        ),
      ),
    ]);
    var goals = section(
      'case-goals',
      t.goals,
      details.goals.length === 0
        ? [element('p', {}, [t.noGoals])]
        : details.goals.map(function (goal, index) {
            return element('article', { class: 'case', 'aria-labelledby': 'goal-' + index }, [
              element('h3', { id: 'goal-' + index }, [goal.theme]),
              element('dl', {}, [].concat(row(t.longTermGoal, goal.longTermGoal), row(t.subGoals, goal.subGoals || '–'))),
              element(
                'ul',
                { class: 'agreements' },
                goal.agreements.map(function (agreement) {
                  return element('li', {}, [
                    element('p', {}, [agreement.action]),
                    element('p', { class: 'note' }, [
                      fill(t.agreementLine, { owner: agreement.owner, date: day(agreement.followUpOn), method: agreement.method }) + ' · ' + (agreement.done ? t.agreementDone : t.agreementOpen),
                      agreement.overdue ? element('span', { class: 'flag' }, [' · ' + t.overdue]) : null,
                    ]),
                    element('details', {}, [
                      element('summary', {}, [t.history]),
                      element(
                        'ul',
                        {},
                        agreement.history.map(function (event) {
                          return element('li', {}, [dayOf(event.at) + ': ' + fill(t.historyKinds[event.kind] || event.kind, { date: event.followUpOn ? day(event.followUpOn) : '' })]);
                        }),
                      ),
                    ]),
                  ]);
                }),
              ),
            ]);
          }),
    );
    var interventions = section('case-interventions', t.interventions, [
      details.interventions.length === 0
        ? element('p', {}, [t.noInterventions])
        : element(
            'ul',
            { class: 'agreements' },
            details.interventions.map(function (intervention) {
              var period = day(intervention.from) + '–' + (intervention.to ? day(intervention.to) : '');
              return element('li', {}, [
                element('p', {}, [intervention.what]),
                element('p', { class: 'note' }, [fill(t.interventionLine, { period: period, status: intervention.status, by: intervention.initiatedBy })]),
                intervention.why || intervention.goal
                  ? element('dl', {}, [].concat(intervention.why ? row(t.interventionWhy, intervention.why) : [], intervention.goal ? row(t.interventionGoal, intervention.goal) : []))
                  : null,
                element('details', {}, [
                  element('summary', {}, [t.history]),
                  element(
                    'ul',
                    {},
                    intervention.history.map(function (event) {
                      return element('li', {}, [dayOf(event.at) + ': ' + fill(t.interventionKinds[event.kind] || event.kind, { status: event.status || '', fields: event.fields || '' })]);
                    }),
                  ),
                ]),
              ]);
            }),
          ),
    ]);
    var meetings = section('case-meetings', t.meetings, [
      details.meetings.length === 0
        ? element('p', {}, [t.noMeetings])
        : element(
            'ul',
            { class: 'agreements' },
            details.meetings.map(function (meeting) {
              var name = meeting.number === undefined ? t.meetingUnnumbered : fill(t.meetingName, { number: meeting.number });
              return element('li', {}, [
                fill(t.meetingLine, { name: name, at: dateTime(meeting.startsAt), state: meeting.state }),
                meeting.transition ? element('p', { class: 'note' }, [meeting.transition]) : null,
                meeting.checklist.length === 0
                  ? null
                  : element(
                      'details',
                      {},
                      [element('summary', {}, [t.checklist])].concat(
                        meeting.checklist.map(function (part) {
                          return element('section', {}, [
                            element('h3', {}, [part.section]),
                            element(
                              'dl',
                              { class: 'answers' },
                              [].concat.apply(
                                [],
                                part.answers.map(function (answer) {
                                  return row(answer.question, answer.answer);
                                }),
                              ),
                            ),
                          ]);
                        }),
                      ),
                    ),
              ]);
            }),
          ),
    ]);
    // The model's rhythm (issue 14): meetings against three, transition meetings, the 18-year hand-over.
    var rhythm = section('case-rhythm', details.rhythm.title, [
      element(
        'dl',
        { class: 'answers' },
        [].concat.apply(
          [],
          details.rhythm.facts.map(function (fact) {
            return row(fact.title, fact.value);
          }),
        ),
      ),
      details.rhythm.belowMinimum ? element('p', { class: 'flag' }, [details.rhythm.belowMinimum]) : null,
    ]);
    var network = details.networkMap ? networkMapSection(details.caseId) : null;
    content.replaceChildren.apply(content, [back, heading, rhythm, team, trend, overview, network, goals, interventions, meetings].filter(Boolean));
    say('');
    heading.focus();
  }

  /** The map as a picture, on request only: the coordinator's look counts as the map being used (the checklist asks). */
  function networkMapSection(caseId) {
    var show = element('button', { type: 'button' }, [t.showNetworkMap]);
    var place = element('div', { class: 'network-map', tabindex: '0', role: 'region', 'aria-label': t.networkMap }, []);
    show.addEventListener('click', function () {
      show.disabled = true;
      fetch('/api/tab/cases/' + encodeURIComponent(caseId) + '/network-map?locale=' + encodeURIComponent(locale), { headers: { Authorization: 'Bearer ' + session.token }, cache: 'no-store' })
        .then(function (response) {
          if (!response.ok) {
            return response.json().then(function (body) {
              say(body && body.message ? body.message : t.loadFailed);
            });
          }
          return response.blob().then(function (picture) {
            var image = element('img', { src: URL.createObjectURL(picture), alt: t.networkMapAlt }, []);
            // Where the picture is wider than the tab (a phone), the young person in the middle comes first.
            image.addEventListener('load', function () {
              place.scrollLeft = (place.scrollWidth - place.clientWidth) / 2;
            });
            place.replaceChildren(image);
            show.remove();
          });
        })
        .catch(function () {
          say(t.loadFailed);
        })
        .finally(function () {
          show.disabled = false;
        });
    });
    return section('case-network', t.networkMap, [show, place]);
  }

  function showCase(caseId) {
    say(t.loading);
    request('/api/tab/cases/' + encodeURIComponent(caseId), renderCase);
  }

  function withTimeout(promise, ms) {
    return Promise.race([
      promise,
      new Promise(function (_, reject) {
        setTimeout(function () {
          reject(new Error('timeout'));
        }, ms);
      }),
    ]);
  }

  function start() {
    chooseLanguage(navigator.language);
    // Outside a frame there is no Teams host to answer: say so at once rather than wait.
    var teams = window.microsoftTeams;
    if (!teams || (window.parent === window && !window.opener && !window.nativeInterface)) {
      say(t.outsideTeams);
      return;
    }
    say(t.loading);
    withTimeout(teams.app.initialize(), HANDSHAKE_TIMEOUT_MS)
      .then(function () {
        return teams.app.getContext();
      })
      .then(
        function (context) {
          chooseLanguage(context.app.locale);
          session.subPageId = (context.page && context.page.subPageId) || '';
          applyTheme(context.app.theme);
          teams.app.registerOnThemeChangeHandler(applyTheme);
          teams.app.notifySuccess();
          // In a Teams meeting, tab/meeting.js shows the case the meeting is about.
          var meeting = window.samarbejdsbotMeeting;
          if (meeting && meeting.handles(context, CONFIGURING)) return meeting.start(teams, CONFIGURING, shared);
          if (CONFIGURING) {
            configure(teams);
            return;
          }
          say(t.loading);
          return teams.authentication.getAuthToken().then(load, function () {
            say(t.signInFailed);
          });
        },
        function () {
          say(t.outsideTeams);
        },
      );
  }

  /** The configuration page: says what the tab shows and saves it as it is (nothing to choose). */
  function configure(teams) {
    say(t.configIntro);
    teams.pages.config.registerOnSaveHandler(function (saveEvent) {
      teams.pages.config.setConfig({ entityId: 'cases', contentUrl: location.origin + '/tab', suggestedDisplayName: t.tabName }).then(
        function () {
          saveEvent.notifySuccess();
        },
        function (error) {
          saveEvent.notifyFailure(String((error && error.message) || error));
        },
      );
    });
    teams.pages.config.setValidityState(true);
  }

  function load(token) {
    session.token = token;
    return request('/api/tab/cases', render);
  }

  /** A call to the API with the user's token; a refusal is shown as the API words it. */
  function request(path, show) {
    return fetch(path + '?locale=' + encodeURIComponent(locale), { headers: { Authorization: 'Bearer ' + session.token }, cache: 'no-store' })
      .then(function (response) {
        return response.json().then(
          function (body) {
            if (response.ok) show(body);
            else say(body && body.message ? body.message : t.loadFailed);
          },
          function () {
            say(t.loadFailed);
          },
        );
      })
      .catch(function () {
        say(t.loadFailed);
      });
  }

  /** What tab/meeting.js builds on. */
  var shared = {
    element: element,
    fill: fill,
    say: say,
    texts: function () {
      return t;
    },
    locale: function () {
      return locale;
    },
  };

  start();
})();
